import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import type { CaseView, DepartmentPart } from '../../../../../contract';
import { URGENCY_LABELS } from '../../../../../contract/caseLabels';
import { dueLabel, formatTime, levelText, placeText, remainingText } from '../../../../components/case/labels';
import { CaseStatusTag } from '../../../../components/case/StatusTag';
import { PhotoGrid } from '../../../../components/wish/PhotoGrid';
import { CallButton } from '../../../../components/CallButton';
import { session } from '../../../../stores/session';

export const Row = ({ label, value, name, late }: { label: string; value: string; name?: string; late?: boolean }) => (
  <View className={`case-detail__row${name ? ` case-detail__row--${name}` : ''}`}>
    <Text className="case-detail__key">{label}</Text>
    <Text className={`case-detail__value${late ? ' case-detail__value--late' : ''}`}>{value}</Text>
  </View>
);

export const Section = ({ title, name, children }: { title: string; name: string; children: ReactNode }) => (
  <View className={`case-detail__section case-detail__section--${name}`}>
    <Text className="case-detail__title">{title}</Text>
    {children}
  </View>
);

const EXTENSION_STATUS = { pending: '待社区审批', approved: '已批准', refused: '未批准' } as const;

/** The case itself: what, where, when, by whom (handlers and the complainant only), the deadline running. */
export const CaseHead = observer(({ item }: { item: CaseView }) => {
  const open = item.status !== 'closed' && item.status !== 'withdrawn';
  const who = item.complainant;
  // The complainant reading their own case: no 拨打 to themself.
  const self = who !== null && session.me?.name === who.name && session.me?.phone === who.phone;
  return (
    <View className="case-detail__section case-detail__section--case">
      <View className="case-detail__head">
        <Text className="case-detail__category">{item.category}</Text>
        <CaseStatusTag status={item.status} />
        {item.urgency === 'urgent' ? <Text className="case-detail__flag">{URGENCY_LABELS.urgent}</Text> : null}
        {item.overdue ? <Text className="case-detail__flag case-detail__flag--overdue">已超期</Text> : null}
        {item.reopened ? <Text className="case-detail__reopened">曾重新办理</Text> : null}
      </View>
      <Text className="case-detail__description">{item.description}</Text>
      {item.photos.length > 0 ? <PhotoGrid photos={item.photos} name="case" /> : null}
      <Row label="地点" value={item.location.label} name="location" />
      <Row label="办理单位" value={`${placeText(item)}（${levelText(item.level)}办理）`} name="place" />
      <Row label="提交时间" value={formatTime(item.submittedAt)} />
      {open && item.dueAt ? (
        <Row
          label={dueLabel(item)}
          value={`${formatTime(item.dueAt)}（${remainingText(item.dueAt, item.overdue)}）`}
          name="due"
          late={item.overdue}
        />
      ) : null}
      {who ? (
        <View className="case-detail__row case-detail__row--complainant">
          <Text className="case-detail__key">反映人</Text>
          <Text className="case-detail__value">
            {who.name}
            {who.phone ? ` · ${who.phone}` : ''}
            {item.anonymous ? '（对外匿名）' : ''}
          </Text>
          {who.phone && !self ? <CallButton className="case-detail__call" phone={who.phone} /> : null}
        </View>
      ) : null}
    </View>
  );
});

function reportState(d: DepartmentPart): string {
  if (!d.reportedAt) return d.late ? '超时未报到' : '未报到';
  return `${formatTime(d.reportedAt)} 报到${d.late ? '（超时）' : ''}`;
}

/** 吹哨: to whom, why, the class, both deadlines, each department's 报到 and part, the extension, the rating. */
export function Whistle({ item }: { item: CaseView }) {
  const w = item.whistle;
  if (!w) return null;
  return (
    <Section title="吹哨报到" name="whistle">
      <Row label="吹哨事由" value={w.reason} name="reason" />
      <Row label="类别" value={w.class} name="class" />
      <Row label="报到期限" value={formatTime(w.reportBy)} name="report-by" />
      <Row label="办结期限" value={formatTime(w.deadline)} name="deadline" />
      <View className="case-detail__departments">
        {w.departments.map((d) => (
          <View
            key={d.departmentId}
            className={`case-detail__department case-detail__department--${d.role}${d.late ? ' case-detail__department--late' : ''}`}
          >
            <View className="case-detail__department-head">
              <Text className="case-detail__department-name">{d.departmentName}</Text>
              <Text className="case-detail__department-role">{d.role === 'lead' ? '牵头' : '协办'}</Text>
            </View>
            <Text className={`case-detail__report${d.late ? ' case-detail__report--late' : ''}`}>{reportState(d)}</Text>
            {d.doneAt ? <Text className="case-detail__report">{formatTime(d.doneAt)} 完成</Text> : null}
            {d.note ? <Text className="case-detail__text-block">{d.note}</Text> : null}
            {d.photos.length > 0 ? <PhotoGrid photos={d.photos} name="department" /> : null}
          </View>
        ))}
      </View>
      {w.extension ? (
        <View className={`case-detail__extension case-detail__extension--${w.extension.status}`}>
          <Text>
            申请延期至 {formatTime(w.extension.until)}（{EXTENSION_STATUS[w.extension.status]}）
          </Text>
          <Text className="case-detail__note">原因：{w.extension.reason}</Text>
          {w.extension.note ? <Text className="case-detail__note">审批意见：{w.extension.note}</Text> : null}
        </View>
      ) : null}
      {w.rating ? <Row label="社区评价" value={w.rating} name="department-rating" /> : null}
    </Section>
  );
}

export function Resolution({ item }: { item: CaseView }) {
  const r = item.resolution;
  if (!r) return null;
  return (
    <Section title="办理结果" name="resolution">
      <Text className="case-detail__text-block">{r.note}</Text>
      {r.photos.length > 0 ? <PhotoGrid photos={r.photos} name="resolution" /> : null}
      <Row label="办结" value={`${formatTime(r.at)}（${levelText(r.level)}）`} />
    </Section>
  );
}

export function Rating({ item }: { item: CaseView }) {
  const r = item.rating;
  if (!r) return null;
  return (
    <Section title="居民评价" name="rating">
      <Text className={`case-detail__grade case-detail__grade--${r.grade === '不满意' ? 'bad' : 'good'}`}>
        {r.grade}
      </Text>
      {r.comment ? <Text className="case-detail__text-block">{r.comment}</Text> : null}
      {r.grade === '未评价' ? <Text className="case-detail__note">办结后 7 天未评价，自动办结。</Text> : null}
      <Row label="评价时间" value={formatTime(r.at)} />
    </Section>
  );
}
