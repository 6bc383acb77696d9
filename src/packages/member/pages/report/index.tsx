import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import type { MemberReportView } from '../../../../../contract';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { OptionPicker } from '../../../../components/OptionPicker';
import { PrivacyGate } from '../../../../components/PrivacyGate';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { directory } from '../../../../stores/directory';
import { memberReport, REPORT_STATUS_LABELS } from '../../../../stores/member/memberReport';
import { session } from '../../../../stores/session';
import { formatDay, today } from '../../../../utils/date';
import './index.scss';

/** Where the member stands now: 已报到 (and a move waiting), 待社区审核, 已驳回 with the reason, or 未报到. */
const ReportStatus = observer(() => {
  const { me } = session;
  const pending = me?.pendingReport ?? null;
  const grant = session.memberGrant;
  const verifiedName = session.isVerifiedMember
    ? (memberReport.verifiedReport?.community.name ?? directory.communityName(grant?.communityId ?? '') ?? '')
    : null;
  const rejected = !pending && verifiedName === null ? memberReport.rejected : null;

  const kind = verifiedName !== null ? 'verified' : pending ? 'pending' : rejected ? 'rejected' : 'none';
  const title = { verified: '已报到', pending: '待社区审核', rejected: '已驳回', none: '未报到' }[kind];
  return (
    <View className={`report-status report-status--${kind}`}>
      <Text className="report-status__title">{title}</Text>
      {verifiedName !== null ? (
        <Text className="report-status__text">您已在 {verifiedName} 报到，可以认领微心愿、参加社区活动。</Text>
      ) : null}
      {pending ? (
        <Text className="report-status__text">
          {verifiedName !== null ? '转社区：' : ''}已向 {pending.communityName} 报到，{formatDay(pending.createdAt)}{' '}
          提交，等待社区党组织书记审核。
        </Text>
      ) : null}
      {rejected ? (
        <Text className="report-status__text">
          {rejected.community.name} 未通过您的报到申请。理由：{rejected.reason ?? '未说明'}。可修改后重新报到。
        </Text>
      ) : null}
      {kind === 'none' ? (
        <Text className="report-status__text">
          在职党员向社区报到（双报到）后，可以认领微心愿、参加社区活动，完成每年的“六个一”。
        </Text>
      ) : null}
    </View>
  );
});

const ReportForm = observer(() => {
  const form = memberReport;
  const { units } = directory;
  const unit = form.unit;
  return (
    <View className="report-form">
      <Text className="report-form__heading">{session.isVerifiedMember ? '到其他社区报到' : '填写报到信息'}</Text>
      <Field name="unit" label="所在单位" error={form.errors.unit}>
        {units.error ? <ErrorNotice error={units.error} onRetry={units.load} /> : null}
        <OptionPicker
          name="unit"
          placeholder="请选择您的工作单位"
          options={(units.value ?? []).map((u) => ({
            id: u.id,
            label: u.name,
            hint: `结对社区：${u.pairedCommunityName}`,
          }))}
          value={form.unitId}
          loading={units.loading && !units.value}
          invalid={Boolean(form.errors.unit)}
          onChange={form.chooseUnit}
        />
      </Field>
      <Field name="partyBranch" label="所在党支部" error={form.errors.partyBranch}>
        <Input
          className="field__input report-form__branch"
          maxlength={50}
          placeholder="如 县委办公室第一党支部"
          value={form.partyBranch}
          onInput={(e) => form.setPartyBranch(e.detail.value)}
        />
      </Field>
      <Field name="joinedAt" label="入党日期" error={form.errors.joinedAt}>
        <Picker
          mode="date"
          value={form.joinedAt || '2000-07-01'}
          start="1940-01-01"
          end={today()}
          onChange={(e) => form.setJoinedAt(String(e.detail.value))}
        >
          <View className={`report-form__date${form.joinedAt ? '' : ' report-form__date--empty'}`}>
            <Text>{form.joinedAt || '请选择日期'}</Text>
            <Text className="report-form__date-action">{form.joinedAt ? '更改' : '选择'}</Text>
          </View>
        </Picker>
      </Field>
      <Field
        name="community"
        label="报到社区"
        error={form.errors.community}
        hint={unit ? `默认为单位的结对社区（${unit.pairedCommunityName}），也可以选择居住地社区` : undefined}
      >
        <CommunityPicker
          name="report-community"
          placeholder="默认为单位的结对社区"
          value={form.communityId}
          invalid={Boolean(form.errors.community)}
          onChange={form.chooseCommunity}
        />
      </Field>
      {form.saving.error ? <ErrorNotice error={form.saving.error} /> : null}
      <View className="report-form__actions">
        <Button
          className="report-form__submit"
          type="primary"
          size="large"
          block
          loading={form.saving.busy}
          onClick={async () => {
            if (await form.submit()) void Taro.showToast({ title: '已提交，等待审核', icon: 'none' });
          }}
        >
          提交报到
        </Button>
        {form.moving ? (
          <Button className="report-form__cancel" size="large" block onClick={form.cancelMove}>
            取消
          </Button>
        ) : null}
      </View>
    </View>
  );
});

function HistoryItem({ report }: { report: MemberReportView }) {
  const tagType = { pending: 'warning', verified: 'success', rejected: 'danger', superseded: 'default' } as const;
  return (
    <View className={`report-history__item report-history__item--${report.status}`}>
      <View className="report-history__top">
        <Text className="report-history__community">{report.community.name}</Text>
        <Tag type={tagType[report.status]}>{REPORT_STATUS_LABELS[report.status]}</Tag>
      </View>
      <Text className="report-history__line">
        {report.unit.name} · {report.partyBranch}
      </Text>
      <Text className="report-history__line">
        {formatDay(report.createdAt)} 提交{report.reviewedAt ? `，${formatDay(report.reviewedAt)} 审核` : ''}
      </Text>
      {report.status === 'rejected' && report.reason ? (
        <Text className="report-history__reason">驳回理由：{report.reason}</Text>
      ) : null}
    </View>
  );
}

const ReportHistory = observer(() => {
  const { reports } = memberReport;
  return (
    <View className="report-history">
      <Text className="report-history__heading">报到记录</Text>
      {reports.error ? <ErrorNotice error={reports.error} onRetry={reports.load} /> : null}
      {reports.loading && !reports.value ? <Loading /> : null}
      {reports.value?.length === 0 ? <Text className="report-history__none">暂无报到记录</Text> : null}
      {(reports.value ?? []).map((r) => (
        <HistoryItem key={r.id} report={r} />
      ))}
    </View>
  );
});

/** What a new report (or a move) needs first: the name, phone and address the secretary checks. */
const ProfilePrompt = ({ moving = false }: { moving?: boolean }) => (
  <Prompt
    name="profile"
    title={moving ? '到其他社区报到需先完善个人信息' : '请先完善个人信息'}
    description="党员报到需要您的真实姓名、手机号和住址，社区书记据此核实。"
    action="去填写"
    onAction={() => void Taro.navigateTo({ url: ROUTES.profile })}
  />
);

const MemberReport = observer(() => {
  useEffect(() => void memberReport.start(), []);
  const canMove = session.isVerifiedMember && !session.me?.pendingReport && !memberReport.moving;
  return (
    <View className="report">
      <ReportStatus />
      {canMove && !session.profileComplete ? <ProfilePrompt moving /> : null}
      {canMove && session.profileComplete ? (
        <View className="report__move">
          <Button className="report__move-button" size="large" block onClick={memberReport.startMove}>
            到其他社区报到
          </Button>
        </View>
      ) : null}
      {memberReport.formVisible ? <ReportForm /> : null}
      <ReportHistory />
    </View>
  );
});

/** 党员双报到: register as an in-service member and report to a community; status and history. */
const MemberReportPage = observer(() => (
  <Screen>
    <PrivacyGate>
      {/* A member who reported already sees their status and history whatever their profile lacks;
          a first report needs the profile first. */}
      {session.profileComplete || session.memberGrant !== null || session.me?.pendingReport ? (
        <MemberReport />
      ) : (
        <ProfilePrompt />
      )}
    </PrivacyGate>
    <PrivacyPopup />
  </Screen>
));

export default MemberReportPage;
