import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { RecordView } from '../../../../../contract';
import { RECORD_KIND_LABELS, RECORD_STATUS_LABELS, SIX_ONES_SHORT } from '../../../../../contract/sixOnes';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { ReasonInput } from '../../../../components/staff/ReasonInput';
import { SearchBar } from '../../../../components/staff/SearchBar';
import { Segmented } from '../../../../components/staff/Segmented';
import { PhotoGrid } from '../../../../components/wish/PhotoGrid';
import { Screen } from '../../../../components/Screen';
import { BATCH_MAX, RECORD_TABS, recordReview, waitingCheckOut } from '../../../../stores/staff/sixOnesRecords';
import { formatTime } from '../../lib/format';
import './index.scss';

const TABS = RECORD_TABS.map((key) => ({ key, label: RECORD_STATUS_LABELS[key] }));
const EMPTY = { pending: '没有待审核的记录', approved: '还没有通过的记录', rejected: '没有驳回的记录' };
const EMPTY_DESCRIPTION = {
  pending: '党员活动签到、提交调研或走访记录后会出现在这里',
  approved: '审核通过的记录会列在这里，计入党员的“六个一”',
  rejected: '驳回的记录会列在这里，党员修改后可重新提交',
};

const Row = ({ label, value }: { label: string; value: string }) => (
  <View className="staff-records__row">
    <Text className="staff-records__key">{label}</Text>
    <Text className="staff-records__value">{value}</Text>
  </View>
);

/** A big tappable box (one tap, no tiny checkbox to hit). */
const Check = ({ on, id, onTap }: { on: boolean; id: string; onTap?: () => void }) => (
  <View id={id} className={`staff-records__check${on ? ' staff-records__check--on' : ''}`} onClick={onTap}>
    <Text>{on ? '✓' : ''}</Text>
  </View>
);

/** One record: who, which item, what proves it, and — while pending — its box and own buttons. */
const RecordCard = observer(({ record: r }: { record: RecordView }) => {
  const reviewable = r.status === 'pending' && r.can.includes('review');
  const chosen = recordReview.isSelected(r.id);
  const waiting = waitingCheckOut(r);
  return (
    <View className={`staff-records__card${chosen ? ' staff-records__card--chosen' : ''}`} id={`record-${r.id}`}>
      <View className="staff-records__head">
        {reviewable ? <Check id={`record-check-${r.id}`} on={chosen} onTap={() => recordReview.toggle(r.id)} /> : null}
        <View className="staff-records__who">
          <Text className="staff-records__name">{r.member.name}</Text>
          <Text className="staff-records__unit">{r.member.unitName ?? ''}</Text>
        </View>
        <Text className={`staff-records__item staff-records__item--${r.item}`}>{SIX_ONES_SHORT[r.item]}</Text>
      </View>
      <Text className="staff-records__title">
        {RECORD_KIND_LABELS[r.kind]}：{r.title}
      </Text>
      {r.activity ? <Row label="活动时间" value={formatTime(r.activity.startAt)} /> : null}
      {r.minutes !== null ? <Row label="服务时长" value={`${r.minutes} 分钟`} /> : null}
      {waiting ? <Row label="服务时长" value="尚未签退（补签退后才能通过）" /> : null}
      {r.activity?.manual ? <Text className="staff-records__manual">组织者手工签到/签退</Text> : null}
      {r.household ? <Row label="结对户" value={`${r.household.name} · ${r.household.address}`} /> : null}
      {r.note ? <Row label="说明" value={r.note} /> : null}
      {r.photos.length > 0 ? <PhotoGrid photos={r.photos} name={`record-${r.id}`} /> : null}
      <Row label="提交时间" value={formatTime(r.createdAt)} />
      {r.reviewedAt ? <Row label="审核时间" value={formatTime(r.reviewedAt)} /> : null}
      {r.status === 'rejected' && r.rejectReason ? <Row label="驳回理由" value={r.rejectReason} /> : null}
      {reviewable ? (
        <View className="staff-records__actions">
          <Button
            id={`record-reject-${r.id}`}
            className="staff-records__reject"
            onClick={() => recordReview.ask('reject', [r.id])}
          >
            驳回
          </Button>
          <Button
            id={`record-approve-${r.id}`}
            className="staff-records__approve"
            type="primary"
            disabled={waiting}
            onClick={() => (waiting ? undefined : recordReview.ask('approve', [r.id]))}
          >
            {waiting ? '待签退' : '通过'}
          </Button>
        </View>
      ) : null}
    </View>
  );
});

/** What the last review did: moved, already reviewed, and what was skipped and why. */
const Outcome = observer(() => {
  const o = recordReview.outcome;
  if (!o) return null;
  const verb = o.decision === 'approve' ? '通过' : '驳回';
  return (
    <View className="staff-records__outcome">
      <Text className="staff-records__outcome-main">
        已{verb} {o.changed} 条记录
      </Text>
      {o.unchanged > 0 ? <Text>{o.unchanged} 条此前已审核，未重复计入</Text> : null}
      {o.skipped.map((s) => (
        <Text key={s.id} className="staff-records__skipped">
          未通过「{s.title}」：{s.reason}
        </Text>
      ))}
      <Text className="staff-records__outcome-close" onClick={recordReview.dismissOutcome}>
        知道了
      </Text>
    </View>
  );
});

/** 全选 above the pending list. */
const SelectAll = observer(() => {
  const count = recordReview.reviewable.length;
  if (recordReview.tab !== 'pending' || count === 0) return null;
  return (
    <View className="staff-records__toolbar">
      <View className="staff-records__all" onClick={recordReview.toggleAll}>
        <Check id="record-check-all" on={recordReview.allSelected} />
        <Text>全选{count > BATCH_MAX ? `（前 ${BATCH_MAX} 条）` : ''}</Text>
      </View>
      <Text className="staff-records__count">已选 {recordReview.selected.length} 条</Text>
    </View>
  );
});

/** 批量驳回 / 批量通过 under the list while records are chosen (通过 counts only those that can pass). */
const BatchBar = observer(() => {
  const n = recordReview.selected.length;
  if (recordReview.tab !== 'pending' || n === 0) return null;
  const passable = n - recordReview.selectedBlocked.length;
  return (
    <View className="staff-records__batch">
      <Button className="staff-records__batch-reject" onClick={() => recordReview.ask('reject')}>
        批量驳回（{n}）
      </Button>
      <Button
        className="staff-records__batch-approve"
        type="primary"
        disabled={passable === 0}
        onClick={() => recordReview.ask('approve')}
      >
        批量通过（{passable}）
      </Button>
    </View>
  );
});

async function confirm() {
  const done = await recordReview.confirm();
  if (!done) return;
  // A toast says only what happened; what was skipped stays on the page (Outcome) with the reason.
  const verb = done.decision === 'approve' ? '通过' : '驳回';
  if (done.skipped.length > 0)
    void Taro.showToast({ title: `已${verb} ${done.changed} 条，${done.skipped.length} 条未${verb}`, icon: 'none' });
  else void Taro.showToast({ title: `已${verb}`, icon: 'success' });
}

const Decision = observer(() => {
  const deciding = recordReview.deciding;
  if (!deciding) return null;
  const n = deciding.ids.length;
  const approve = deciding.decision === 'approve';
  return (
    <ConfirmDialog
      prefix="staff-confirm"
      title={approve ? `通过 ${n} 条记录` : `驳回 ${n} 条记录`}
      message={
        approve
          ? '通过后计入党员本年度的六个一，党员会收到通知。'
          : '请写明驳回理由，党员可以看到；调研报告和结对记录可修改后重新提交。'
      }
      confirmText={approve ? '确认通过' : '确认驳回'}
      danger={!approve}
      busy={recordReview.review.busy}
      error={recordReview.review.error}
      onConfirm={() => void confirm()}
      onCancel={recordReview.cancel}
    >
      {approve ? null : (
        <ReasonInput
          name="records"
          value={recordReview.reason}
          error={recordReview.reasonError}
          placeholder="例如：照片无法证明走访情况，请补充"
          onChange={recordReview.setReason}
        />
      )}
    </ConfirmDialog>
  );
});

const Search = observer(() => (
  <View className="staff-records__search">
    <SearchBar
      value={recordReview.query.typed}
      placeholder="党员姓名、单位或标题"
      maxLength={30}
      onChange={recordReview.query.setTyped}
      onSearch={recordReview.query.run}
    />
  </View>
));

/**
 * 六个一审核 (secretary): the community's activity and filed records by status; pending ones
 * chosen (or 全选) and approved or rejected in one go, or one by one.
 */
const RecordReview = observer(() => {
  useLoad(() => recordReview.open());
  const list = recordReview.current;
  return (
    <Screen>
      <Segmented options={TABS} value={recordReview.tab} onChange={recordReview.show} />
      <Search />
      <Outcome />
      <SelectAll />
      <View className="staff-records">
        <ListState
          source={list}
          emptyTitle={recordReview.query.q ? `没有找到与“${recordReview.query.q}”有关的记录` : EMPTY[recordReview.tab]}
          emptyDescription={
            recordReview.query.q ? '换个词试试，或清空搜索框后点“搜索”' : EMPTY_DESCRIPTION[recordReview.tab]
          }
        >
          {(records) => records.map((r) => <RecordCard key={r.id} record={r} />)}
        </ListState>
        <LoadMore list={list} name="records" />
      </View>
      <BatchBar />
      <Decision />
    </Screen>
  );
});

export default RecordReview;
