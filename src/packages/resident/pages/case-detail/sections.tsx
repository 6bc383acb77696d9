import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import type { CaseView, DepartmentPart } from '../../../../../contract';
import { URGENCY_LABELS } from '../../../../../contract/caseLabels';
import {
  dueLabel,
  formatTime,
  levelText,
  nextText,
  placeText,
  remainingText,
} from '../../../../components/case/labels';
import { CaseProgressList } from '../../../../components/case/Progress';
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

/**
 * Whether the page reads as the complainant's: their plain progress without the handlers' timeline
 * (a complainant who also handles the case in scope gets the handlers' page, and the progress).
 */
export const isPlain = (item: CaseView) => item.progress !== null && item.timeline === null;

/**
 * The case itself: what, where, when, by whom (handlers and the complainant only); for handlers
 * also where and at which level it is handled and the deadline running — the complainant reads
 * who handles it and what comes next in 办理进度 instead.
 */
export const CaseHead = observer(({ item }: { item: CaseView }) => {
  const plain = isPlain(item);
  const open = item.status !== 'closed' && item.status !== 'withdrawn';
  const who = item.complainant;
  // The complainant reading their own case: no 拨打 to themself.
  const self = who !== null && session.me?.name === who.name && session.me?.phone === who.phone;
  return (
    <View className="case-detail__section case-detail__section--case">
      <View className="case-detail__head">
        <Text className="case-detail__category">{item.category}</Text>
        <CaseStatusTag status={item.status} plain={plain} />
        {item.urgency === 'urgent' ? <Text className="case-detail__flag">{URGENCY_LABELS.urgent}</Text> : null}
        {item.overdue && !plain ? <Text className="case-detail__flag case-detail__flag--overdue">已超期</Text> : null}
        {item.reopened && !plain ? <Text className="case-detail__reopened">曾重新办理</Text> : null}
      </View>
      <Text className="case-detail__description">{item.description}</Text>
      {item.photos.length > 0 ? <PhotoGrid photos={item.photos} name="case" /> : null}
      <Row label="地点" value={item.location.label} name="location" />
      {plain ? null : (
        <Row label="办理单位" value={`${placeText(item)}（${levelText(item.level)}办理）`} name="place" />
      )}
      <Row label="提交时间" value={formatTime(item.submittedAt)} />
      {open && item.dueAt && !plain ? (
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
            <Text className="txy-nowrap">{who.name}</Text>
            {who.phone ? ' · ' : ''}
            {who.phone ? <Text className="txy-nowrap">{who.phone}</Text> : null}
            {item.anonymous ? '（对外匿名）' : ''}
          </Text>
          {who.phone && !self ? <CallButton className="case-detail__call" phone={who.phone} /> : null}
        </View>
      ) : null}
    </View>
  );
});

/** One line on the practice's words where the complainant first meets them. */
const EXPLAINED: Partial<Record<CaseView['level'], string>> = {
  grid: '网格员是社区按片区（网格）安排的工作人员，身边的小事先由他们就近办理。',
  department: '社区解决不了的问题，会请相关职能部门到场，和社区一起办理。',
};

/**
 * 办理进度, the complainant's view of the case (`view.progress`): who handles it now, what comes
 * next and by when, and what happened in plain lines.
 */
export function Progress({ item }: { item: CaseView }) {
  const p = item.progress;
  if (!p) return null;
  const explained = p.handler ? EXPLAINED[item.level] : undefined;
  return (
    <Section title="办理进度" name="progress">
      {p.handler ? <Row label="谁在办理" value={p.handler} name="handler" /> : null}
      {explained ? <Text className="case-detail__note case-detail__explain">{explained}</Text> : null}
      {p.next ? <Row label="下一步" value={nextText(p.next)} name="next" /> : null}
      <CaseProgressList steps={p.steps} />
    </Section>
  );
}

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
      <Row label="办结" value={isPlain(item) ? formatTime(r.at) : `${formatTime(r.at)}（${levelText(r.level)}）`} />
    </Section>
  );
}

export function Rating({ item }: { item: CaseView }) {
  const r = item.rating;
  if (!r) return null;
  return (
    <Section title={isPlain(item) ? '我的评价' : '居民评价'} name="rating">
      <Text className={`case-detail__grade case-detail__grade--${r.grade === '不满意' ? 'bad' : 'good'}`}>
        {r.grade}
      </Text>
      {r.comment ? <Text className="case-detail__text-block">{r.comment}</Text> : null}
      {r.grade === '未评价' ? <Text className="case-detail__note">办结后 7 天未评价，自动办结。</Text> : null}
      <Row label="评价时间" value={formatTime(r.at)} />
    </Section>
  );
}
