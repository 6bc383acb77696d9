import { Text, View } from '@tarojs/components';
import type { RecordView } from '../../../../contract';
import { RECORD_KIND_LABELS, RECORD_STATUS_LABELS } from '../../../../contract/sixOnes';
import { formatTime, durationText } from '../labels';
import './index.scss';

/** What else the record says, in one line: the activity's time, the household, the service time. */
function details(record: RecordView): string[] {
  const lines: string[] = [];
  if (record.activity)
    lines.push(`活动时间 ${formatTime(record.activity.startAt)}${record.activity.manual ? '（组织者补签）' : ''}`);
  if (record.household) lines.push(`结对户：${record.household.name} · ${record.household.address}`);
  if (record.minutes !== null) lines.push(`服务时长 ${durationText(record.minutes)}`);
  if (!record.activity) lines.push(`提交于 ${formatTime(record.createdAt)}`);
  return lines;
}

/**
 * One record of 我的六个一: kind, status (待审核 / 已通过 / 已驳回), title, its details, the
 * reject reason, and 修改后重新提交 when it may be refiled. `id="record-<id>"`.
 */
export function RecordItem({ record, onRefile }: { record: RecordView; onRefile?: () => void }) {
  return (
    <View className={`six-ones-record six-ones-record--${record.status}`} id={`record-${record.id}`}>
      <View className="six-ones-record__head">
        <Text className="six-ones-record__kind">{RECORD_KIND_LABELS[record.kind]}</Text>
        <Text className={`six-ones-record__status six-ones-record__status--${record.status}`}>
          {RECORD_STATUS_LABELS[record.status]}
        </Text>
      </View>
      <Text className="six-ones-record__title">{record.title}</Text>
      {details(record).map((line) => (
        <Text key={line} className="six-ones-record__line">
          {line}
        </Text>
      ))}
      {record.status === 'rejected' && record.rejectReason ? (
        <Text className="six-ones-record__reason">驳回理由：{record.rejectReason}</Text>
      ) : null}
      {onRefile && record.can.includes('refile') ? (
        <View className={`six-ones-record__refile six-ones-record__refile--${record.id}`} onClick={onRefile}>
          <Text>修改后重新提交</Text>
        </View>
      ) : null}
    </View>
  );
}
