import { Text, View } from '@tarojs/components';
import { TextArea } from '@nutui/nutui-react-taro';
import './index.scss';

interface Props {
  /** Names it in class names: `staff-reason--<name>` (tests type into `.staff-reason--<name> .nut-textarea-textarea`). */
  name: string;
  value: string;
  error: string | null;
  placeholder: string;
  onChange(value: string): void;
}

/** The reason a staff decision needs (取消活动, 手工签到, 驳回 …): 2–200 characters, its error right under it. */
export function ReasonInput({ name, value, error, placeholder, onChange }: Props) {
  return (
    <View className={`staff-reason staff-reason--${name}${error ? ' staff-reason--invalid' : ''}`}>
      <TextArea
        className="staff-reason__input"
        value={value}
        placeholder={placeholder}
        maxLength={200}
        showCount
        onChange={onChange}
      />
      {error ? <Text className="staff-reason__error">{error}</Text> : null}
    </View>
  );
}
