import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { DecisionView } from '../../../../../contract';
import { DECISION_STATUS_LABELS } from '../../../../../contract/cobuild';
import { formatDay, formatTime } from '../../../../utils/date';
import './index.scss';

/** A `YYYY-MM-DD` due day as people say it (今天, 12月7日 …). */
export const dueDay = (day: string) => formatDay(`${day}T00:00:00+08:00`);

/** What one progress report said: 标记为已完成, and the note (not repeating the status). */
function progressText(p: DecisionView['progress'][number]): string {
  const label = p.status ? DECISION_STATUS_LABELS[p.status] : null;
  const note = p.note && p.note !== label ? p.note : null;
  return [label ? `标记为${label}` : null, note].filter(Boolean).join('；');
}

/**
 * A decision (议定事项): what, who carries it out, by when (逾期 said in words), its status in words,
 * and the latest progress reported. `id="decision-<id>"`; `children` below (the report form).
 */
export function DecisionCard({
  decision: d,
  meetingDay,
  progress = 2,
  children,
}: {
  decision: DecisionView;
  /** Says which meeting decided it (the 议定事项 list). */
  meetingDay?: boolean;
  /** How many of the latest progress reports to show. */
  progress?: number;
  children?: ReactNode;
}) {
  const latest = d.progress.slice(-progress).reverse();
  return (
    <View
      className={`cobuild-decision cobuild-decision--${d.status}${d.overdue ? ' cobuild-decision--overdue' : ''}`}
      id={`decision-${d.id}`}
    >
      <View className="cobuild-decision__head">
        <Text className="cobuild-decision__title">{d.title}</Text>
        <Text className={`cobuild-decision__status cobuild-decision__status--${d.status}`}>
          {d.status === 'done' ? '✓ ' : ''}
          {DECISION_STATUS_LABELS[d.status]}
        </Text>
      </View>
      <Text className="cobuild-decision__line">
        责任方：<Text className="txy-nowrap">{d.owner.name}</Text>
      </Text>
      <Text className={`cobuild-decision__line${d.overdue ? ' cobuild-decision__overdue' : ''}`}>
        完成期限：{dueDay(d.dueAt)}
        {d.overdue ? '（已逾期）' : ''}
      </Text>
      {meetingDay ? <Text className="cobuild-decision__line">会议：{formatDay(d.meetingStartAt)}联席会议</Text> : null}
      {latest.map((p, i) => (
        <Text key={`${p.at}-${i}`} className="cobuild-decision__progress">
          {formatTime(p.at)}
          {p.byName ? <Text className="txy-nowrap"> {p.byName}</Text> : null}：{progressText(p)}
        </Text>
      ))}
      {children}
    </View>
  );
}
