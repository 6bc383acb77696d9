import { Text, View } from '@tarojs/components';
import type { ActivityView } from '../../../../contract';
import { ACTIVITY_TYPE_LABELS } from '../../../../contract/sixOnes';
import { attendanceText, timeRange } from '../labels';
import { PhaseTag } from '../PhaseTag';
import './index.scss';

/**
 * An activity in the list: type, phase, title, time, place, 报名人数 x/名额 and the member's own
 * state (已报名 / 已签到 / 已签退). `id="activity-<id>"`; a tap opens it.
 */
export function ActivityCard({ activity, onTap }: { activity: ActivityView; onTap: () => void }) {
  const mine = attendanceText(activity.mine);
  const full = activity.signedUp >= activity.capacity;
  return (
    <View className={`activity-card activity-card--${activity.phase}`} id={`activity-${activity.id}`} onClick={onTap}>
      <View className="activity-card__head">
        <Text className={`activity-card__type activity-card__type--${activity.type}`}>
          {ACTIVITY_TYPE_LABELS[activity.type]}
        </Text>
        <PhaseTag phase={activity.phase} />
        {mine ? <Text className="activity-card__mine">{mine}</Text> : null}
      </View>
      <Text className="activity-card__title">{activity.title}</Text>
      {activity.host ? (
        <Text className="activity-card__line activity-card__host">主办单位：{activity.host.unitName}</Text>
      ) : null}
      <Text className="activity-card__line">时间：{timeRange(activity.startAt, activity.endAt)}</Text>
      <Text className="activity-card__line">地点：{activity.place.name}</Text>
      <Text className={`activity-card__count${full ? ' activity-card__count--full' : ''}`}>
        报名人数 {activity.signedUp}/{activity.capacity}
        {full && activity.phase === 'signUp' ? '（名额已满）' : ''}
      </Text>
    </View>
  );
}
