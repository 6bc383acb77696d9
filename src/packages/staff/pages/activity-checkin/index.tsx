import Taro, { useDidHide, useDidShow, useLoad, useUnload } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import type { ActivityView, AttendeeView } from '../../../../../contract';
import { ACTIVITY_TYPE_LABELS } from '../../../../../contract/sixOnes';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { ListState } from '../../../../components/staff/ListState';
import { QrCode } from '../../../../components/staff/QrCode';
import { ReasonInput } from '../../../../components/staff/ReasonInput';
import { Screen } from '../../../../components/Screen';
import { PHASE_LABELS } from '../../../../stores/staff/activities';
import { formatSpan, toShanghai } from '../../../../utils/activityTimes';
import { checkIn } from '../../../../stores/staff/checkIn';
import { formatTime } from '../../lib/format';
import './index.scss';

/** `12345678` → `1234 5678`: easier to read out and type. */
const spaced = (code: string) => code.replace(/^(\d{4})(\d{4})$/, '$1 $2');
const clock = (iso: string) => toShanghai(iso).time;

/** weapp: the organiser's screen stays on while the code shows (members scan it for minutes on end). */
function keepScreenOn(on: boolean): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  try {
    void Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined);
  } catch {
    // Not available here: the screen follows the phone's own setting.
  }
}

function show(): void {
  checkIn.resume();
  keepScreenOn(true);
}

function hide(): void {
  checkIn.pause();
  keepScreenOn(false);
}

/** Marking by hand is possible from when check-in opens until 7 days after the end (the server decides). */
const markable = (a: ActivityView) => a.phase === 'checkIn' || a.phase === 'ended';

/** The rotating code as a QR code and as 8 digits, with the seconds until it changes. */
const CodePanel = observer(() => {
  const a = checkIn.activity.value;
  const { code, secondsLeft } = checkIn;
  if (!a) return null;
  if (code.error) {
    return (
      <View className="staff-checkin__panel">
        <ErrorNotice error={code.error} onRetry={checkIn.retry} />
      </View>
    );
  }
  if (code.value && a.phase !== 'ended' && a.phase !== 'cancelled') {
    return (
      <View className="staff-checkin__panel">
        <Text className="staff-checkin__scan">请党员打开“同心圆”扫码签到</Text>
        <View className="staff-checkin__qr">
          <QrCode text={code.value.qrText} />
        </View>
        <Text className="staff-checkin__code-label">签到码（无法扫码时输入）</Text>
        <Text className="staff-checkin__code">{spaced(code.value.code)}</Text>
        <Text className="staff-checkin__countdown">
          {secondsLeft === null || secondsLeft === 0 ? '正在更新签到码…' : `${secondsLeft} 秒后自动更新`}
        </Text>
      </View>
    );
  }
  let note = '';
  if (a.phase === 'signUp' || a.phase === 'closed') {
    note = `签到码将于 ${formatTime(new Date(checkIn.opensAt ?? 0).toISOString())} 开放（活动开始前 30 分钟）`;
  } else if (a.phase === 'ended') {
    note = '活动已结束。结束后 7 天内可在下方为党员手工签到、补签退。';
  } else if (a.phase === 'cancelled') {
    note = `活动已取消${a.cancelReason ? `：${a.cancelReason}` : ''}`;
  }
  return (
    <View className="staff-checkin__panel">
      {code.loading ? <Loading text="正在读取签到码…" /> : <Text className="staff-checkin__note">{note}</Text>}
    </View>
  );
});

const Attendee = observer(({ attendee: p, activity: a }: { attendee: AttendeeView; activity: ActivityView }) => {
  const active = p.status === 'active';
  const volunteer = a.type === 'volunteer';
  return (
    <View className={`staff-checkin__person staff-checkin__person--${p.status}`} id={`attendee-${p.openid}`}>
      <View className="staff-checkin__person-head">
        <Text className="staff-checkin__name">{p.name}</Text>
        <Text className="staff-checkin__unit">{p.unitName ?? ''}</Text>
      </View>
      {active ? null : <Text className="staff-checkin__state">已取消报名</Text>}
      {p.checkedInAt ? (
        <Text className="staff-checkin__state staff-checkin__state--in">已签到 {clock(p.checkedInAt)}</Text>
      ) : active ? (
        <Text className="staff-checkin__state staff-checkin__state--none">未签到</Text>
      ) : null}
      {p.checkedOutAt ? (
        <Text className="staff-checkin__state staff-checkin__state--out">
          已签退 {clock(p.checkedOutAt)} · {p.minutes ?? 0} 分钟
        </Text>
      ) : null}
      {p.manual ? <Text className="staff-checkin__manual">手工补签：{p.manualReason ?? ''}</Text> : null}
      {active && markable(a) && (!p.checkedInAt || (volunteer && !p.checkedOutAt)) ? (
        <View className="staff-checkin__person-actions">
          {p.checkedInAt ? (
            <Button
              id={`checkout-${p.openid}`}
              className="staff-checkin__mark"
              size="small"
              onClick={() => checkIn.askMark(p, 'checkOut')}
            >
              补签退
            </Button>
          ) : (
            <Button
              id={`checkin-${p.openid}`}
              className="staff-checkin__mark"
              size="small"
              onClick={() => checkIn.askMark(p, 'checkIn')}
            >
              手工签到
            </Button>
          )}
        </View>
      ) : null}
    </View>
  );
});

const Attendees = observer(() => {
  const a = checkIn.activity.value;
  const list = checkIn.attendees.value ?? [];
  const active = list.filter((p) => p.status === 'active');
  return (
    <View className="staff-checkin__list">
      <View className="staff-checkin__list-head">
        <Text className="staff-checkin__summary">
          报名 {active.length} 人 · 已签到 {active.filter((p) => p.checkedInAt).length} 人
          {a?.type === 'volunteer' ? ` · 已签退 ${active.filter((p) => p.checkedOutAt).length} 人` : ''}
        </Text>
        <Button className="staff-checkin__refresh" size="small" onClick={() => void checkIn.attendees.load()}>
          刷新
        </Button>
      </View>
      {a ? (
        <ListState
          source={checkIn.attendees}
          emptyTitle="还没有党员报名"
          emptyDescription="党员报名后会列在这里，点“刷新”看最新名单"
        >
          {(people) => people.map((p) => <Attendee key={p.openid} attendee={p} activity={a} />)}
        </ListState>
      ) : null}
    </View>
  );
});

async function confirmMark() {
  const action = checkIn.marking?.action;
  const marked = await checkIn.confirmMark();
  if (marked) void Taro.showToast({ title: action === 'checkOut' ? '已补签退' : '已签到', icon: 'success' });
}

const MarkDialog = observer(() => {
  const marking = checkIn.marking;
  if (!marking) return null;
  const { attendee, action } = marking;
  const out = action === 'checkOut';
  return (
    <ConfirmDialog
      prefix="staff-confirm"
      title={out ? '补签退' : '手工签到'}
      message={
        out
          ? `为 ${attendee.name} 补签退，签退时间记为现在（活动已结束的记为结束时间）。请写明原因，记录会注明手工补签。`
          : `为 ${attendee.name} 手工签到。请写明原因，记录会注明手工签到。`
      }
      confirmText={out ? '确认补签退' : '确认签到'}
      busy={checkIn.mark.busy}
      error={checkIn.mark.error}
      onConfirm={() => void confirmMark()}
      onCancel={checkIn.cancelMark}
    >
      <ReasonInput
        name="manual"
        value={checkIn.reason}
        error={checkIn.reasonError}
        placeholder={out ? '例如：手机没电，未能扫码签退' : '例如：老党员不会使用手机，现场核实到场'}
        onChange={checkIn.setReason}
      />
    </ConfirmDialog>
  );
});

/**
 * 活动签到 `?id=` (the organiser's phone): the rotating QR code and its 8 digits, renewed on
 * their own while the page shows; the sign-ups with 手工签到 and 补签退.
 */
const ActivityCheckIn = observer(() => {
  useLoad((params: Record<string, string | undefined>) => {
    if (params.id) void checkIn.enter(params.id);
    show();
  });
  useDidShow(show);
  useDidHide(hide);
  useUnload(hide);
  useEffect(() => hide, []);

  const { activity } = checkIn;
  const a = activity.value;
  if (activity.error) {
    return (
      <Screen>
        <ErrorNotice error={activity.error} onRetry={activity.load} />
      </Screen>
    );
  }
  if (!a) {
    return (
      <Screen>
        <Loading />
      </Screen>
    );
  }
  return (
    <Screen>
      <View className="staff-checkin">
        <View className="staff-checkin__activity">
          <Text className="staff-checkin__title">{a.title}</Text>
          <Text className="staff-checkin__meta">
            {ACTIVITY_TYPE_LABELS[a.type]} · {PHASE_LABELS[a.phase]}
          </Text>
          <Text className="staff-checkin__meta">{formatSpan(a.startAt, a.endAt)}</Text>
          <Text className="staff-checkin__meta">
            {a.place.name}（签到范围 {a.place.radius} 米）
          </Text>
        </View>
        <CodePanel />
        <Attendees />
      </View>
      <MarkDialog />
    </Screen>
  );
});

export default ActivityCheckIn;
