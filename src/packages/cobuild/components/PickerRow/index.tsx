import { Picker, Text, View } from '@tarojs/components';
import { formatDay, today } from '../../../../utils/date';
import './index.scss';

/** A day or a time as one large row that opens the platform's picker (as 发布活动's). */
export function PickerRow(props: {
  name: string;
  mode: 'date' | 'time';
  value: string;
  placeholder: string;
  /** Days: the earliest that may be picked (default today). */
  start?: string;
  onChange(value: string): void;
}) {
  const { name, mode, value, placeholder, start, onChange } = props;
  const extra = mode === 'date' ? { start: start ?? today() } : {};
  // The picker wants a legal value even before the form is filled (h5 throws on an empty one).
  const shown = value || (mode === 'date' ? today() : '09:00');
  return (
    <Picker
      className={`cobuild-pick cobuild-pick--${name}`}
      mode={mode}
      value={shown}
      {...extra}
      onChange={(e) => onChange(String(e.detail.value))}
    >
      <View className={`cobuild-pick__row${value ? '' : ' cobuild-pick__row--empty'}`}>
        <Text className="txy-nowrap">{(mode === 'date' ? formatDay(value) : value) || placeholder}</Text>
        <Text className="cobuild-pick__action">{value ? '更改' : '选择'}</Text>
      </View>
    </Picker>
  );
}

/** A day and a time side by side. */
export function DayTimeRow(props: {
  name: string;
  date: string;
  time: string;
  onDate(value: string): void;
  onTime(value: string): void;
}) {
  const { name, date, time, onDate, onTime } = props;
  return (
    <View className="cobuild-pick__pair">
      <PickerRow name={`${name}-date`} mode="date" value={date} placeholder="日期" onChange={onDate} />
      <PickerRow name={`${name}-time`} mode="time" value={time} placeholder="时间" onChange={onTime} />
    </View>
  );
}
