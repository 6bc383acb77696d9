import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import './index.scss';

export interface Option {
  id: string;
  label: string;
  /** A second line, e.g. the grid a building belongs to. */
  hint?: string;
}

interface OptionPickerProps {
  /** Names the picker in class names: `option-picker__trigger--<name>`. */
  name: string;
  options: readonly Option[];
  value: string;
  placeholder: string;
  onChange(id: string): void;
  loading?: boolean;
  /** Why nothing can be picked yet (e.g. 请先选择社区). */
  disabledHint?: string;
  invalid?: boolean;
}

/**
 * A choice as one large row that opens into the list of options right below it: one tap to
 * open, one to choose, no wheel to spin (easier for elderly residents than a picker view).
 * Each option carries `option-picker__option--<id>`.
 */
export function OptionPicker(props: OptionPickerProps) {
  const { name, options, value, placeholder, onChange, loading, disabledHint, invalid } = props;
  const [open, setOpen] = useState(false);
  const chosen = options.find((o) => o.id === value);
  const blocked = Boolean(disabledHint) || loading;
  const summary = loading ? '加载中…' : (disabledHint ?? chosen?.label ?? placeholder);

  return (
    <View className={`option-picker${invalid ? ' option-picker--invalid' : ''}`}>
      <View
        className={`option-picker__trigger option-picker__trigger--${name}${chosen ? '' : ' option-picker__trigger--empty'}`}
        onClick={() => !blocked && setOpen(!open)}
      >
        <Text className="option-picker__value">{summary}</Text>
        <Text className="option-picker__arrow">{open ? '收起' : chosen ? '更改' : '选择'}</Text>
      </View>
      {open && !blocked ? (
        <View className="option-picker__list">
          {options.length === 0 ? <Text className="option-picker__none">暂无可选项</Text> : null}
          {options.map((o) => (
            <View
              key={o.id}
              className={`option-picker__option option-picker__option--${o.id}${o.id === value ? ' option-picker__option--chosen' : ''}`}
              onClick={() => {
                setOpen(false);
                onChange(o.id);
              }}
            >
              <Text className="option-picker__label">{o.label}</Text>
              {o.hint ? <Text className="option-picker__hint">{o.hint}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
