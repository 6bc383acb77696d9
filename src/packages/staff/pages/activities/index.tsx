import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ActivityView } from '../../../../../contract';
import { ACTIVITY_TYPE_LABELS } from '../../../../../contract/sixOnes';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { Segmented } from '../../../../components/staff/Segmented';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { ACTIVITY_TAB_LABELS, ACTIVITY_TABS, PHASE_LABELS, staffActivities } from '../../../../stores/staff/activities';
import { formatSpan } from '../../../../utils/activityTimes';
import './index.scss';

const TABS = ACTIVITY_TABS.map((key) => ({ key, label: ACTIVITY_TAB_LABELS[key] }));
const go = (url: string) => void Taro.navigateTo({ url });

/** One activity: type, phase, title, when, where, places taken, and what the organiser can open. */
function ActivityCard({ activity: a }: { activity: ActivityView }) {
  return (
    <View className={`staff-activities__card staff-activities__card--${a.phase}`} id={`activity-${a.id}`}>
      <View className="staff-activities__head">
        <Text className="staff-activities__type">{ACTIVITY_TYPE_LABELS[a.type]}</Text>
        <Text className={`staff-activities__phase staff-activities__phase--${a.phase}`}>{PHASE_LABELS[a.phase]}</Text>
      </View>
      <Text className="staff-activities__title">{a.title}</Text>
      {a.host ? (
        <Text className="staff-activities__line staff-activities__host">主办单位：{a.host.unitName}（轮值主席）</Text>
      ) : null}
      <Text className="staff-activities__line">时间：{formatSpan(a.startAt, a.endAt)}</Text>
      <Text className="staff-activities__line">地点：{a.place.name}</Text>
      <Text className="staff-activities__line">
        报名：{a.signedUp} / {a.capacity} 人
      </Text>
      {a.status === 'cancelled' && a.cancelReason ? (
        <Text className="staff-activities__cancelled">取消原因：{a.cancelReason}</Text>
      ) : null}
      <View className="staff-activities__actions">
        {a.can.includes('edit') ? (
          <Button
            id={`activity-edit-${a.id}`}
            className="staff-activities__edit"
            onClick={() => go(`${ROUTES.staffActivityEdit}?id=${encodeURIComponent(a.id)}`)}
          >
            编辑
          </Button>
        ) : null}
        {a.status === 'open' ? (
          <Button
            id={`activity-checkin-${a.id}`}
            className="staff-activities__checkin"
            type={a.phase === 'checkIn' ? 'primary' : 'default'}
            onClick={() => go(`${ROUTES.staffActivityCheckIn}?id=${encodeURIComponent(a.id)}`)}
          >
            {a.phase === 'checkIn' ? '签到码与名单' : '报名与签到名单'}
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/** 社区活动 (secretary): the community's activities, not yet ended or ended, and 发布活动. */
const StaffActivities = observer(() => {
  // Also on coming back from publishing or editing one.
  useDidShow(() => staffActivities.refresh());
  const list = staffActivities.current;
  return (
    <Screen>
      <View className="staff-activities__publish">
        <Button
          className="staff-activities__publish-button"
          type="primary"
          size="large"
          block
          onClick={() => go(ROUTES.staffActivityEdit)}
        >
          发布活动
        </Button>
      </View>
      <Segmented options={TABS} value={staffActivities.tab} onChange={staffActivities.show} />
      <View className="staff-activities">
        <ListState
          source={list}
          emptyTitle={staffActivities.tab === 'upcoming' ? '暂无未结束的活动' : '暂无已结束的活动'}
          emptyDescription={staffActivities.tab === 'upcoming' ? '点击“发布活动”组织党员参加' : '活动结束后会列在这里'}
        >
          {(items) => items.map((a) => <ActivityCard key={a.id} activity={a} />)}
        </ListState>
        <LoadMore list={list} name="activities" />
      </View>
    </Screen>
  );
});

export default StaffActivities;
