import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { MemberReportView } from '../../../../../contract';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ListState } from '../../../../components/staff/ListState';
import { SearchBar } from '../../../../components/staff/SearchBar';
import { Segmented } from '../../../../components/staff/Segmented';
import { Screen } from '../../../../components/Screen';
import { REVIEW_TAB_LABELS, REVIEW_TABS, reportReview } from '../../../../stores/staff/reports';
import { formatDay, formatTime } from '../../lib/format';
import './index.scss';

const TABS = REVIEW_TABS.map((key) => ({ key, label: REVIEW_TAB_LABELS[key] }));
const EMPTY = { pending: '没有待审核的报到', verified: '还没有通过的报到', rejected: '没有驳回的报到' };
const EMPTY_DESCRIPTION = {
  pending: '党员申请到本社区报到后会出现在这里',
  verified: '审核通过的报到会列在这里',
  rejected: '驳回的报到会列在这里，党员可修改后重新报到',
};

const Row = ({ label, value }: { label: string; value: string }) => (
  <View className="staff-reports__row">
    <Text className="staff-reports__key">{label}</Text>
    <Text className="staff-reports__value">{value}</Text>
  </View>
);

/** One member's report: who, from which unit and branch, since when, and the decision buttons. */
const ReportCard = observer(({ report }: { report: MemberReportView }) => (
  <View className="staff-reports__card" id={`report-${report.id}`}>
    <View className="staff-reports__head">
      <Text className="staff-reports__name">{report.name}</Text>
      <Text className="staff-reports__community">{report.community.name}</Text>
    </View>
    <Row label="手机号" value={report.phone} />
    <Row label="工作单位" value={report.unit.name} />
    <Row label="所在支部" value={report.partyBranch} />
    <Row label="入党日期" value={formatDay(report.joinedAt)} />
    <Row label="申请时间" value={formatTime(report.createdAt)} />
    {report.reviewedAt ? <Row label="审核时间" value={formatTime(report.reviewedAt)} /> : null}
    {report.status === 'rejected' && report.reason ? <Row label="驳回理由" value={report.reason} /> : null}
    {report.status === 'pending' ? (
      <View className="staff-reports__actions">
        <Button
          id={`reject-${report.id}`}
          className="staff-reports__reject"
          onClick={() => reportReview.ask(report, 'reject')}
        >
          驳回
        </Button>
        <Button
          id={`verify-${report.id}`}
          className="staff-reports__verify"
          type="primary"
          onClick={() => reportReview.ask(report, 'verify')}
        >
          通过
        </Button>
      </View>
    ) : null}
  </View>
));

async function confirm() {
  const reviewed = await reportReview.confirm();
  if (reviewed) {
    void Taro.showToast({ title: reviewed.status === 'verified' ? '已通过' : '已驳回', icon: 'success' });
  }
}

const Decision = observer(() => {
  const { deciding, review } = reportReview;
  if (!deciding) return null;
  const { report, decision } = deciding;
  if (decision === 'verify') {
    return (
      <ConfirmDialog
        prefix="staff-confirm"
        title="通过报到"
        message={`确认 ${report.name}（${report.unit.name}）到${report.community.name}报到？通过后即为本社区已报到党员，可以认领心愿、报名活动。`}
        confirmText="确认通过"
        busy={review.busy}
        error={review.error}
        onConfirm={() => void confirm()}
        onCancel={reportReview.cancel}
      />
    );
  }
  return (
    <ConfirmDialog
      prefix="staff-confirm"
      title="驳回报到"
      message={`驳回 ${report.name} 的报到申请，请写明理由（申请人可以看到）。`}
      confirmText="确认驳回"
      danger
      busy={review.busy}
      error={review.error}
      onConfirm={() => void confirm()}
      onCancel={reportReview.cancel}
    >
      <TextArea
        className="staff-reports__reason"
        value={reportReview.reason}
        placeholder="例如：所在单位与报到信息不符，请核对后重新报到"
        maxLength={200}
        showCount
        onChange={reportReview.setReason}
      />
      {reportReview.reasonError ? (
        <Text className="staff-reports__reason-error">{reportReview.reasonError}</Text>
      ) : null}
    </ConfirmDialog>
  );
});

const Search = observer(() => (
  <View className="staff-reports__search">
    <SearchBar
      value={reportReview.query.typed}
      placeholder="姓名、单位或完整手机号"
      maxLength={30}
      onChange={reportReview.query.setTyped}
      onSearch={reportReview.query.run}
    />
  </View>
));

/** 报到审核: member reports (双报到) to the secretary's community, by status; 通过 or 驳回 each pending one. */
const ReportReview = observer(() => {
  useLoad(() => reportReview.open());
  return (
    <Screen>
      <Segmented options={TABS} value={reportReview.tab} onChange={reportReview.show} />
      <Search />
      <View className="staff-reports">
        <ListState
          source={reportReview.current}
          emptyTitle={reportReview.query.q ? `没有找到与“${reportReview.query.q}”有关的报到` : EMPTY[reportReview.tab]}
          emptyDescription={
            reportReview.query.q ? '换个词试试，或清空搜索框后点“搜索”' : EMPTY_DESCRIPTION[reportReview.tab]
          }
        >
          {(reports) => reports.map((r) => <ReportCard key={r.id} report={r} />)}
        </ListState>
      </View>
      <Decision />
    </Screen>
  );
});

export default ReportReview;
