import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useRef, type ReactNode } from 'react';
import type { MeetingView, TopicView } from '../../../../../contract';
import { MEETING_STATUS_LABELS } from '../../../../../contract/cobuild';
import {
  DECISION_TITLE,
  DECISIONS_MAX,
  MEETING_MINUTES,
  TOPIC_DESCRIPTION,
  TOPIC_TITLE,
} from '../../../../../contract/limits';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { ReasonInput } from '../../../../components/staff/ReasonInput';
import { ROUTES } from '../../../../routes';
import { COMMUNITY, meeting as store, type DecisionDraft } from '../../../../stores/cobuild/meeting';
import { formatTime, today } from '../../../../utils/date';
import { DecisionCard } from '../../components/DecisionCard';
import { PickerRow } from '../../components/PickerRow';
import './index.scss';

const Section = ({ title, name, children }: { title: string; name: string; children: ReactNode }) => (
  <View className={`cobuild-meeting__section cobuild-meeting__section--${name}`}>
    <Text className="cobuild-meeting__title">{title}</Text>
    {children}
  </View>
);

const Row = ({ label, value, name }: { label: string; value: string; name: string }) => (
  <Text className={`cobuild-meeting__line cobuild-meeting__line--${name}`}>
    {label}：{value}
  </Text>
);

/** When, where, what, its status in words and the topic window. */
function Summary({ m }: { m: MeetingView }) {
  return (
    <Section title={m.subject || '联席会议'} name="summary">
      <Text className={`cobuild-meeting__status cobuild-meeting__status--${m.status}`}>
        {m.status === 'held' ? '✓ ' : ''}
        {MEETING_STATUS_LABELS[m.status]}
      </Text>
      <Row label="社区" value={m.communityName} name="community" />
      <Row label="时间" value={formatTime(m.startAt)} name="time" />
      <Row label="地点" value={m.place} name="place" />
      {m.status === 'called' ? (
        <Text className={`cobuild-meeting__window${m.topicsOpen ? ' cobuild-meeting__window--open' : ''}`}>
          {m.topicsOpen
            ? `正在征集议题，截至 ${formatTime(m.topicsBy)}`
            : `议题征集已于 ${formatTime(m.topicsBy)} 截止`}
        </Text>
      ) : null}
      {m.status === 'cancelled' ? (
        <Text className="cobuild-meeting__cancelled">会议已取消{m.cancelReason ? `：${m.cancelReason}` : ''}</Text>
      ) : null}
    </Section>
  );
}

/** The previous held meeting's decisions, where they stand now (reported on at this one). */
function Previous({ m }: { m: MeetingView }) {
  const prev = m.previous;
  if (!prev) return null;
  return (
    <Section title="上次会议议定事项" name="previous">
      <Text className="cobuild-meeting__hint">
        {formatTime(prev.startAt)} {prev.subject || '联席会议'}
      </Text>
      {prev.decisions.length === 0 ? <Text className="cobuild-meeting__hint">上次会议没有议定事项</Text> : null}
      {prev.decisions.map((d) => (
        <DecisionCard key={d.id} decision={d} />
      ))}
    </Section>
  );
}

/** What the held meeting recorded: units present, minutes, decisions. */
function Record({ m }: { m: MeetingView }) {
  if (m.status !== 'held') return null;
  return (
    <Section title="会议记录" name="record">
      <Text className="cobuild-meeting__line">
        参会单位：{m.present && m.present.length > 0 ? m.present.map((u) => u.name).join('、') : '无'}
      </Text>
      {m.heldAt ? <Row label="记录时间" value={formatTime(m.heldAt)} name="held" /> : null}
      <Text className="cobuild-meeting__label">会议纪要</Text>
      <Text className="cobuild-meeting__minutes">{m.minutes}</Text>
      <Text className="cobuild-meeting__label">议定事项（{m.decisions.length}）</Text>
      {m.decisions.length === 0 ? <Text className="cobuild-meeting__hint">本次会议没有议定事项</Text> : null}
      {m.decisions.map((d) => (
        <DecisionCard key={d.id} decision={d} />
      ))}
    </Section>
  );
}

function TopicCard({ t, children }: { t: TopicView; children?: ReactNode }) {
  return (
    <View className="cobuild-meeting__topic" id={`topic-${t.id}`}>
      <Text className="cobuild-meeting__topic-title">
        {t.agendaNo !== null ? `${t.agendaNo}. ` : ''}
        {t.title}
      </Text>
      <Text className="cobuild-meeting__hint">
        {t.from.name} · <Text className="txy-nowrap">{t.byName}</Text> · {formatTime(t.submittedAt)}
      </Text>
      {t.description ? <Text className="cobuild-meeting__topic-text">{t.description}</Text> : null}
      {children}
    </View>
  );
}

/** The agenda: the chosen topics in order; the secretary's edit puts topics on or off and moves them. */
const Agenda = observer(({ m }: { m: MeetingView }) => {
  const canSet = m.can.includes('setAgenda');
  if (store.editingAgenda) {
    const on = store.agenda.map((id) => m.topics.find((t) => t.id === id)).filter((t): t is TopicView => Boolean(t));
    const off = m.topics.filter((t) => !store.agenda.includes(t.id));
    return (
      <Section title="编辑议程" name="agenda">
        <Text className="cobuild-meeting__hint">点“列入议程”选择议题，用“上移”“下移”排列顺序。</Text>
        {on.map((t, i) => (
          <View key={t.id} className="cobuild-meeting__agenda-item" id={`agenda-${t.id}`}>
            <Text className="cobuild-meeting__topic-title">
              {i + 1}. {t.title}
            </Text>
            <View className="cobuild-meeting__agenda-actions">
              {i > 0 ? (
                <Text className="cobuild-meeting__link cobuild-meeting__up" onClick={() => store.move(t.id, -1)}>
                  上移
                </Text>
              ) : null}
              {i < on.length - 1 ? (
                <Text className="cobuild-meeting__link cobuild-meeting__down" onClick={() => store.move(t.id, 1)}>
                  下移
                </Text>
              ) : null}
              <Text className="cobuild-meeting__link cobuild-meeting__off" onClick={() => store.toggleAgenda(t.id)}>
                移出议程
              </Text>
            </View>
          </View>
        ))}
        {off.map((t) => (
          <View
            key={t.id}
            className="cobuild-meeting__agenda-item cobuild-meeting__agenda-item--off"
            id={`agenda-${t.id}`}
          >
            <Text className="cobuild-meeting__topic-title">{t.title}</Text>
            <Text className="cobuild-meeting__link cobuild-meeting__on" onClick={() => store.toggleAgenda(t.id)}>
              列入议程
            </Text>
          </View>
        ))}
        {store.agendaSaving.error ? <ErrorNotice error={store.agendaSaving.error} /> : null}
        <View className="cobuild-meeting__actions">
          <Button className="cobuild-meeting__agenda-cancel" onClick={store.closeAgenda}>
            取消
          </Button>
          <Button
            className="cobuild-meeting__agenda-save"
            type="primary"
            loading={store.agendaSaving.busy}
            onClick={() => void store.saveAgenda()}
          >
            保存议程
          </Button>
        </View>
      </Section>
    );
  }
  const agenda = m.agenda.map((id) => m.topics.find((t) => t.id === id)).filter((t): t is TopicView => Boolean(t));
  if (agenda.length === 0 && !canSet) return null;
  return (
    <Section title="议程" name="agenda">
      {agenda.length === 0 ? <Text className="cobuild-meeting__hint">尚未确定议程</Text> : null}
      {agenda.map((t, i) => (
        <Text key={t.id} className="cobuild-meeting__agenda-line">
          {i + 1}. {t.title}（{t.from.name}）
        </Text>
      ))}
      {canSet ? (
        <Button className="cobuild-meeting__agenda-edit" disabled={m.topics.length === 0} onClick={store.startAgenda}>
          {m.topics.length === 0 ? '还没有议题可列入议程' : '编辑议程'}
        </Button>
      ) : null}
    </Section>
  );
});

const TopicForm = observer(() => (
  <View className="cobuild-meeting__topic-form">
    <Field name="topicTitle" label="提交议题" error={store.topicErrors.title}>
      <Input
        className="cobuild-meeting__input cobuild-meeting__topic-input"
        value={store.topicTitle}
        maxLength={TOPIC_TITLE.max}
        placeholder={`议题，${TOPIC_TITLE.min}–${TOPIC_TITLE.max} 字`}
        onChange={store.setTopicTitle}
      />
    </Field>
    <Field name="topicDescription" label="说明" optional error={store.topicErrors.description}>
      <TextArea
        className="cobuild-meeting__textarea cobuild-meeting__topic-description"
        value={store.topicDescription}
        maxLength={TOPIC_DESCRIPTION.max}
        placeholder="背景、建议的做法等"
        onChange={store.setTopicDescription}
      />
    </Field>
    {store.submitting.error && store.submitting.error.code !== 'INVALID_INPUT' ? (
      <ErrorNotice error={store.submitting.error} />
    ) : null}
    <Button
      className="cobuild-meeting__topic-submit"
      type="primary"
      block
      loading={store.submitting.busy}
      onClick={() => void store.submitTopic()}
    >
      提交议题
    </Button>
  </View>
));

const Topics = observer(({ m }: { m: MeetingView }) => (
  <Section title={`议题（${m.topics.length}）`} name="topics">
    {m.topics.length === 0 ? <Text className="cobuild-meeting__hint">还没有提交的议题</Text> : null}
    {m.topics.map((t) => (
      <TopicCard key={t.id} t={t} />
    ))}
    {m.can.includes('submitTopic') ? <TopicForm /> : null}
    {m.status === 'called' && !m.topicsOpen ? (
      <Text className="cobuild-meeting__closed">议题征集已截止，不能再提交议题</Text>
    ) : null}
  </Section>
));

const DecisionRow = observer(({ d, i, m }: { d: DecisionDraft; i: number; m: MeetingView }) => {
  const e = store.recordErrors;
  return (
    <View className={`cobuild-decision-form cobuild-decision-form--${d.key}`}>
      <View className="cobuild-decision-form__head">
        <Text className="cobuild-meeting__label">议定事项 {i + 1}</Text>
        <Text
          className="cobuild-meeting__link cobuild-decision-form__remove"
          onClick={() => store.removeDecision(d.key)}
        >
          删除
        </Text>
      </View>
      <Field name={`decision-title-${d.key}`} label="事项" error={e[`${d.key}-title`]}>
        <Input
          className="cobuild-meeting__input cobuild-decision-form__title"
          value={d.title}
          maxLength={DECISION_TITLE.max}
          placeholder="如 12月底前完成老旧小区路灯维修"
          onChange={(title) => store.updateDecision(d.key, { title })}
        />
      </Field>
      <Field name={`decision-owner-${d.key}`} label="责任方" error={e[`${d.key}-owner`]}>
        <Choices
          name={`owner-${i + 1}`}
          options={[
            ...m.units.map((u) => ({ value: u.id, label: u.name })),
            { value: COMMUNITY, label: `${m.communityName}（社区）` },
          ]}
          selected={d.owner || null}
          onPick={(owner) => store.updateDecision(d.key, { owner })}
        />
      </Field>
      <Field name={`decision-due-${d.key}`} label="完成期限" error={e[`${d.key}-dueAt`]}>
        <PickerRow
          name={`due-${d.key}`}
          mode="date"
          value={d.dueAt}
          start={today()}
          placeholder="选择日期"
          onChange={(dueAt) => store.updateDecision(d.key, { dueAt })}
        />
      </Field>
    </View>
  );
});

/** 记录会议 (secretary, once the meeting's time has come): units present, minutes, decisions. */
const RecordForm = observer(({ m }: { m: MeetingView }) => {
  if (!m.can.includes('record')) return null;
  if (!store.recording)
    return (
      <View className="cobuild-meeting__bar">
        <Button className="cobuild-meeting__record" type="primary" size="large" block onClick={store.startRecord}>
          记录会议
        </Button>
      </View>
    );
  const e = store.recordErrors;
  return (
    <Section title="记录会议" name="record-form">
      <Field name="present" label="参会单位" error={e.present} hint="点选到会的共建单位">
        <Choices
          name="present"
          options={m.units.map((u) => ({ value: u.id, label: u.name }))}
          selected={store.present}
          onPick={store.togglePresent}
        />
      </Field>
      <Field name="minutes" label="会议纪要" error={e.minutes} hint={`${MEETING_MINUTES.min} 字以上`}>
        <TextArea
          className="cobuild-meeting__textarea cobuild-meeting__minutes-input"
          value={store.minutes}
          maxLength={MEETING_MINUTES.max}
          placeholder="会议讨论的情况"
          onChange={store.setMinutes}
        />
      </Field>
      {store.decisions.map((d, i) => (
        <DecisionRow key={d.key} d={d} i={i} m={m} />
      ))}
      {e.decisions ? <Text className="cobuild-meeting__error">{e.decisions}</Text> : null}
      {store.decisions.length < DECISIONS_MAX ? (
        <Button className="cobuild-meeting__add-decision" block onClick={store.addDecision}>
          添加议定事项
        </Button>
      ) : null}
      {store.recordSaving.error && store.recordSaving.error.code !== 'INVALID_INPUT' ? (
        <ErrorNotice error={store.recordSaving.error} />
      ) : null}
      {Object.keys(e).length > 0 ? <Text className="cobuild-meeting__error">请按提示修改标红的项目</Text> : null}
      <View className="cobuild-meeting__actions">
        <Button className="cobuild-meeting__record-cancel" onClick={store.closeRecord}>
          取消
        </Button>
        <Button
          className="cobuild-meeting__record-save"
          type="primary"
          loading={store.recordSaving.busy}
          onClick={() => void store.saveRecord()}
        >
          保存会议记录
        </Button>
      </View>
    </Section>
  );
});

const CancelBar = observer(({ m }: { m: MeetingView }) => {
  if (!m.can.includes('cancel')) return null;
  return (
    <View className="cobuild-meeting__bar">
      {m.can.includes('record') ? null : (
        <Text className="cobuild-meeting__hint">会议开始后，可在此记录参会单位、会议纪要和议定事项。</Text>
      )}
      <Button className="cobuild-meeting__cancel" type="danger" fill="outline" block onClick={store.askCancel}>
        取消会议
      </Button>
    </View>
  );
});

const CancelDialog = observer(() =>
  store.cancelOpen ? (
    <ConfirmDialog
      prefix="staff-confirm"
      title="取消会议"
      message="取消这次联席会议？各共建单位会收到通知和取消原因。"
      confirmText="确认取消会议"
      danger
      busy={store.cancelling.busy}
      error={store.cancelling.error}
      onConfirm={() => void store.confirmCancel()}
      onCancel={store.closeCancel}
    >
      <ReasonInput
        name="meeting-cancel"
        value={store.cancelReason}
        error={store.cancelReasonError}
        placeholder="例如：因防汛工作改期，另行通知"
        onChange={store.setCancelReason}
      />
    </ConfirmDialog>
  ) : null,
);

const Meeting = observer(({ m }: { m: MeetingView }) => (
  <View className="cobuild-meeting">
    <Summary m={m} />
    {store.notice ? <Text className="cobuild-meeting__notice">{store.notice}</Text> : null}
    <Record m={m} />
    <RecordForm m={m} />
    <Agenda m={m} />
    <Topics m={m} />
    {/* Reported on at this meeting: where each of last meeting's decisions stands now. */}
    <Previous m={m} />
    <CancelBar m={m} />
    <View className="cobuild-meeting__bar">
      <Button
        className="cobuild-meeting__decisions"
        block
        onClick={() => void Taro.navigateTo({ url: ROUTES.cobuildDecisions })}
      >
        查看全部议定事项
      </Button>
    </View>
  </View>
));

/**
 * One 联席会议 (`?id=`, also what notifications open): when and where, the previous meeting's
 * decisions and where they stand, topics (submitted while the window is open), the agenda, and
 * for the secretary recording the meeting (units present, minutes, decisions) or cancelling it.
 */
const MeetingPage = observer(() => {
  const id = useRef('');
  useLoad((params: Record<string, string | undefined>) => {
    id.current = decodeURIComponent(params.id ?? '');
    store.open(id.current);
  });
  // Back on the page (the decisions list): the meeting as it is now, unless a form is open.
  useDidShow(() => {
    if (id.current && store.view.value && !store.view.loading && !store.recording && !store.editingAgenda)
      void store.view.load();
  });
  const { view } = store;
  const m = view.value;
  let body = <Loading />;
  if (view.error && !m) body = <ErrorNotice error={view.error} onRetry={view.load} />;
  else if (m) body = <Meeting m={m} />;
  return (
    <Screen>
      {body}
      <CancelDialog />
    </Screen>
  );
});

export default MeetingPage;
