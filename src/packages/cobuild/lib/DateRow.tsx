import { Picker, Text, View } from '@tarojs/components';
import { formatDay, shanghai, today } from '../../../utils/date';

/** A picked day in full (2027年1月6日), with 今天 / 明天 before it when it is that near. */
function dayInFull(value: string): string {
  const full = shanghai(`${value}T00:00:00+08:00`).format('YYYY年M月D日');
  const said = formatDay(`${value}T00:00:00+08:00`);
  return said && !said.includes('月') ? `${said}（${full}）` : full;
}

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
          {value ? dayInFull(value) : placeholder}
        </Text>
        <Text className="cobuild__pick-action">{value ? '更改' : '选择'}</Text>
      </View>
    </Picker>
  );
}
