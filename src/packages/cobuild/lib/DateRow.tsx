import { Picker, Text, View } from '@tarojs/components';
import { formatDay, today } from '../../../utils/date';

/** A day as one large row that opens the platform's date picker (`YYYY-MM-DD`). */
export function DateRow(props: {
  name: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
  /** The earliest day offered. */
  start?: string;
  /** Said before the day (开始, 结束). */
  label?: string;
}) {
  const { name, value, placeholder, onChange, start, label } = props;
  return (
    <Picker
      className={`cobuild__picker cobuild__picker--${name}`}
      mode="date"
      value={value || today()}
      {...(start ? { start } : {})}
      onChange={(e) => onChange(String(e.detail.value))}
    >
      <View className="cobuild__pick">
        <Text>
          {label ? `${label}：` : ''}
          {value ? `${formatDay(value)}（${value}）` : placeholder}
        </Text>
        <Text className="cobuild__pick-action">{value ? '更改' : '选择'}</Text>
      </View>
    </Picker>
  );
}
