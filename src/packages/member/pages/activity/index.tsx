import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useRef, type ReactNode } from 'react';
import type { ActivityView } from '../../../../../contract';
import { ACTIVITY_TYPE_LABELS, CHECK_IN_OPENS_BEFORE_MINUTES } from '../../../../../contract/sixOnes';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { PlaceNavigation } from '../../../../components/PlaceNavigation';
import { Screen } from '../../../../components/Screen';
import { attendanceText, formatTime, durationText, timeRange } from '../../../../components/sixOnes/labels';
import { PhaseTag } from '../../../../components/sixOnes/PhaseTag';
import { activityDetail, type ActivityDialog } from '../../../../stores/member/activity';
import { subscriptions } from '../../../../stores/subscriptions';
import './index.scss';

const isWeapp = process.env.TARO_ENV !== 'h5';

const Row = ({ label, value, name }: { label: string; value: string; name?: string }) => (
  <View className={`activity__row${name ? ` activity__row--${name}` : ''}`}>
    <Text className="activity__key">{label}</Text>
    <Text className="activity__value">{value}</Text>
  </View>
);

const Section = ({ title, name, children }: { title?: string; name: string; children: ReactNode }) => (
  <View className={`activity__section activity__section--${name}`}>
    {title ? <Text className="activity__title">{title}</Text> : null}
    {children}
  </View>
);

/** Shows the toast of a finished action. */
const toast = async (action: Promise<string | null>) => {
  const done = await action;
  if (done) void Taro.showToast({ title: done, icon: 'success' });
};

/** 我的参与: the member's sign-up, check-in and check-out, and the service time. */
const Mine = ({ activity }: { activity: ActivityView }) => {
  const mine = activity.mine;
  if (!mine) return null;
  const state = attendanceText(mine) || '已取消报名';
  return (
    <Section title="我的参与" name="mine">
      <Row label="状态" value={state} name="state" />
      {mine.signedUpAt && mine.signedUp ? <Row label="报名时间" value={formatTime(mine.signedUpAt)} /> : null}
      {mine.checkedInAt ? <Row label="签到时间" value={formatTime(mine.checkedInAt)} name="checked-in" /> : null}
      {mine.checkedOutAt ? <Row label="签退时间" value={formatTime(mine.checkedOutAt)} name="checked-out" /> : null}
      {mine.minutes !== null ? <Row label="服务时长" value={durationText(mine.minutes)} name="minutes" /> : null}
      {mine.manual ? <Text className="activity__note">由组织者补签</Text> : null}
      {mine.checkedInAt ? <Text className="activity__note">签到记录已提交社区审核，通过后计入“六个一”。</Text> : null}
    </Section>
  );
};

/** What the member should know when there is nothing (more) to tap. */
function hint(activity: ActivityView): string | null {
  const mine = activity.mine;
  const can = new Set(activity.can);
  const signedUp = mine?.signedUp === true;
  if (activity.phase === 'cancelled') return null;
  if (can.has('checkOut')) return '志愿服务结束时请签退：服务时长从签到算到签退。';
  if (can.has('checkIn')) return null;
  if (signedUp && !mine?.checkedInAt) {
    if (activity.phase === 'ended') return '活动已结束，您未签到。如已到场参加，请联系组织者补签。';
    return `签到在活动开始前 ${CHECK_IN_OPENS_BEFORE_MINUTES} 分钟开放，到场后扫描组织者手机上的签到码。`;
  }
  if (!signedUp && activity.phase === 'signUp' && activity.signedUp >= activity.capacity) return '名额已满。';
  if (!signedUp && (activity.phase === 'closed' || activity.phase === 'checkIn')) return '报名已截止。';
  return null;
}

/** 签到: weapp scans the organiser's QR code (or takes the code typed); h5 takes the code typed. */
const CheckIn = observer(() => {
  const store = activityDetail;
  return (
    <View className="activity__check-in">
      {isWeapp ? (
        <Button
          id="activity-action-scan"
          className="activity__action"
          type="primary"
          size="large"
          block
          loading={store.busy === 'checkIn'}
          onClick={() => void toast(store.scanToCheckIn())}
        >
          扫码签到
        </Button>
      ) : null}
      {store.codeOpen ? (
        <View className="activity__code-box">
          <Text className="activity__code-label">输入组织者手机上显示的 8 位签到码</Text>
          <Input
            className="field__input activity__code"
            type="number"
            maxlength={8}
            placeholder="8 位数字"
            value={store.code}
            onInput={(e) => store.setCode(e.detail.value)}
          />
          {store.codeError ? <Text className="activity__code-error">{store.codeError}</Text> : null}
          <Button
            id="activity-action-checkIn"
            className="activity__action"
            type={isWeapp ? 'default' : 'primary'}
            size="large"
            block
            loading={store.busy === 'checkIn'}
            onClick={() => void toast(store.checkInWithCode())}
          >
            签到
          </Button>
        </View>
      ) : (
        <Text className="activity__code-open" onClick={store.openCode}>
          无法扫码？输入签到码
        </Text>
      )}
    </View>
  );
});

/** The buttons `activity.can` allows the member, and the server's answer when it refused. */
const Actions = observer(({ activity }: { activity: ActivityView }) => {
  const store = activityDetail;
  const can = new Set(activity.can);
  const note = hint(activity);
  const any = can.has('signUp') || can.has('checkIn') || can.has('checkOut') || can.has('cancelSignUp');
  if (!any && !note && !store.error) return null;
  return (
    <Section name="actions">
      {can.has('signUp') ? (
        <Button
          id="activity-action-signUp"
          className="activity__action"
          type="primary"
          size="large"
          block
          loading={store.busy === 'signUp'}
          onClick={() => void subscriptions.ask('activitySignUp').then(() => toast(store.signUp()))}
        >
          报名参加
        </Button>
      ) : null}
      {can.has('checkIn') ? <CheckIn /> : null}
      {can.has('checkOut') ? (
        <Button
          id="activity-action-checkOut"
          className="activity__action"
          type="primary"
          size="large"
          block
          onClick={() => store.ask('checkOut')}
        >
          签退
        </Button>
      ) : null}
      {can.has('cancelSignUp') ? (
        <Button
          id="activity-action-cancelSignUp"
          className="activity__action"
          size="large"
          block
          onClick={() => store.ask('cancelSignUp')}
        >
          取消报名
        </Button>
      ) : null}
      {note ? <Text className="activity__hint">{note}</Text> : null}
      {store.error && !store.dialog ? <ErrorNotice error={store.error} /> : null}
    </Section>
  );
});

const DIALOGS: Record<ActivityDialog, { title: string; message: string; confirmText: string; danger?: boolean }> = {
  cancelSignUp: {
    title: '取消报名',
    message: '取消后名额让给其他党员；报名截止前可以重新报名。',
    confirmText: '确认取消报名',
    danger: true,
  },
  checkOut: {
    title: '签退',
    message: '确认志愿服务已结束？签退后按签到到签退的时间计算服务时长，不能再改。',
    confirmText: '确认签退',
  },
};

const ActionDialog = observer(() => {
  const store = activityDetail;
  const d = store.dialog;
  if (!d) return null;
  const spec = DIALOGS[d];
  return (
    <ConfirmDialog
      prefix="wish-dialog"
      title={spec.title}
      message={spec.message}
      confirmText={spec.confirmText}
      danger={spec.danger}
      busy={store.busy !== null}
      error={store.error}
      onConfirm={() => void toast(store.confirmDialog())}
      onCancel={store.closeDialog}
    />
  );
});

const Detail = observer(({ activity }: { activity: ActivityView }) => (
  <View className="activity">
    <Section name="activity">
      <View className="activity__head">
        <Text className="activity__type">{ACTIVITY_TYPE_LABELS[activity.type]}</Text>
        <PhaseTag phase={activity.phase} />
      </View>
      <Text className="activity__name">{activity.title}</Text>
      {activity.status === 'cancelled' ? (
        <Text className="activity__cancelled">
          活动已取消{activity.cancelReason ? `：${activity.cancelReason}` : ''}
        </Text>
      ) : null}
      {activity.host ? <Row label="主办单位" value={activity.host.unitName} name="host" /> : null}
      <Row label="时间" value={timeRange(activity.startAt, activity.endAt)} name="time" />
      <Row label="报名截止" value={formatTime(activity.signUpBy)} name="sign-up-by" />
      <Row label="报名人数" value={`${activity.signedUp}/${activity.capacity}`} name="count" />
      {activity.description ? <Text className="activity__description">{activity.description}</Text> : null}
    </Section>
    <Section title="活动地点" name="place">
      <Text className="activity__place-name">{activity.place.name}</Text>
      {activity.place.address ? <Text className="activity__place-address">{activity.place.address}</Text> : null}
      {activity.status === 'cancelled' ? null : <PlaceNavigation place={activity.place} />}
    </Section>
    <Mine activity={activity} />
    <Actions activity={activity} />
  </View>
));

/**
 * One activity (`?id=`, also what notifications open): its details, the member's own sign-up
 * and attendance, and the actions `activity.can` allows — 报名, 取消报名, 签到, 签退.
 */
const ActivityPage = observer(() => {
  const id = useRef('');
  useLoad((params: Record<string, string | undefined>) => {
    id.current = decodeURIComponent(params.id ?? '');
    activityDetail.open(id.current);
  });
  // Back on this page (the scanner, another app): the activity as it is now.
  useDidShow(() => {
    if (id.current && !activityDetail.view.loading && !activityDetail.busy) void activityDetail.view.load();
  });
  usePullDownRefresh(() => void activityDetail.view.load().then(() => Taro.stopPullDownRefresh()));
  const { view } = activityDetail;
  const activity = activityDetail.activity;
  return (
    <Screen>
      {view.error && !activity ? <ErrorNotice error={view.error} onRetry={view.load} /> : null}
      {!view.error && !activity ? <Loading /> : null}
      {activity ? <Detail activity={activity} /> : null}
      <ActionDialog />
    </Screen>
  );
});

export default ActivityPage;
