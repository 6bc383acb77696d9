import { observer } from 'mobx-react-lite';
import { directory } from '../../stores/directory';
import { ErrorNotice } from '../ErrorNotice';
import { OptionPicker } from '../OptionPicker';

interface CommunityPickerProps {
  /** Names the picker in class names (see OptionPicker). */
  name: string;
  placeholder: string;
  value: string;
  invalid?: boolean;
  onChange(id: string): void;
}

/** The county's communities (name, address) to pick one, with the read's failure and 重试 above. */
export const CommunityPicker = observer(({ name, placeholder, value, invalid, onChange }: CommunityPickerProps) => {
  const { communities } = directory;
  return (
    <>
      {communities.error ? <ErrorNotice error={communities.error} onRetry={communities.load} /> : null}
      <OptionPicker
        name={name}
        placeholder={placeholder}
        options={(communities.value ?? []).map((c) => ({ id: c.id, label: c.name, hint: c.address }))}
        value={value}
        loading={communities.loading && !communities.value}
        invalid={invalid}
        onChange={onChange}
      />
    </>
  );
});
