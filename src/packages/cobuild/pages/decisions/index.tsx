import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import type { DecisionStatus, DecisionView } from '../../../../../contract';
import { DECISION_STATUS_LABELS, DECISION_STATUSES } from '../../../../../contract/cobuild';
import { DECISION_NOTE } from '../../../../../contract/limits';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { Segmented } from '../../../../components/staff/Segmented';
import { decisionList as store, type DecisionReport } from '../../../../stores/cobuild/decisions';
import { DecisionCard } from '../../components/DecisionCard';
import { isSecretary, whenSignedIn } from '../../lib/scope';
import './index.scss';

const TABS = DECISION_STATUSES.map((key) => ({ key, label: DECISION_STATUS_LABELS[key] }));
const EMPTY: Record<DecisionStatus, string> = {
  open: '没有推进中的议定事项',
  done: '还没有已完成的议定事项',
  dropped: '没有已撤销的议定事项',
};

const ReportForm = observer(({ form, secretary }: { form: DecisionReport; secretary: boolean }) => {
  const outcomes = [
    { value: 'progress', label: '报告进展' },
    { value: 'done', label: '已完成' },
    ...(secretary ? [{ value: 'dropped', label: '撤销' }] : []),
  ];
  return (
    <View className="cobuild-decisions__form">
      <Choices name="outcome" options={outcomes} selected={form.outcome} onPick={form.choose} />
      <Field
        name="note"
        label={form.outcome === 'progress' ? '进展情况' : '说明'}
        optional={form.outcome !== 'progress'}
        error={form.error}
      >
        <TextArea
          className="cobuild-decisions__note"
          value={form.note}
          maxLength={DECISION_NOTE.max}
          placeholder={form.outcome === 'done' ? '完成的情况' : '做了什么，下一步打算'}
          onChange={form.setNote}
        />
      </Field>
      {form.saving.error ? <ErrorNotice error={form.saving.error} /> : null}
      <View className="cobuild-decisions__actions">
        <Button className="cobuild-decisions__cancel" onClick={store.closeReport}>
          取消
        </Button>
        <Button
          className="cobuild-decisions__send"
          type="primary"
          loading={form.saving.busy}
          onClick={() => void store.send()}
        >
          {form.outcome === 'done' ? '确认完成' : form.outcome === 'dropped' ? '确认撤销' : '提交进展'}
        </Button>
      </View>
    </View>
  );
});

const Decision = observer(({ d, secretary }: { d: DecisionView; secretary: boolean }) => {
  const form = store.reporting?.decision.id === d.id ? store.reporting : null;
  return (
    <DecisionCard decision={d} meetingDay progress={3}>
      {form ? <ReportForm form={form} secretary={secretary} /> : null}
      {!form && d.status === 'open' && d.can.includes('update') ? (
        <Button className="cobuild-decisions__report" type="primary" onClick={() => store.report(d.id)}>
          报告进展或完成
        </Button>
      ) : null}
    </DecisionCard>
  );
});

/**
 * 议定事项: decisions of the joint meetings — the unit's own (unit admin), the community's
 * (secretary), the county's — by status, overdue first; the owner reports progress or done.
 */
const DecisionsPage = observer(() => {
  const [secretary, setSecretary] = useState(false);
  useLoad((params: Record<string, string | undefined>) => {
    store.open(params.communityId ? decodeURIComponent(params.communityId) : null);
    void whenSignedIn().then(() => setSecretary(isSecretary()));
  });
  const { list } = store;
  return (
    <Screen>
      <View className="cobuild-decisions__intro">
        <Text>联席会议议定的事项，由责任方按期办理、报告进展，下次会议通报。</Text>
      </View>
      <Segmented options={TABS} value={store.status} onChange={store.show} />
      {store.notice ? <Text className="cobuild-decisions__notice">{store.notice}</Text> : null}
      <View className="cobuild-decisions">
        <ListState source={list} emptyTitle={EMPTY[store.status]} emptyDescription="联席会议记录议定事项后会列在这里">
          {() => store.items.map((d) => <Decision key={d.id} d={d} secretary={secretary} />)}
        </ListState>
        <LoadMore list={list} name="decisions" />
      </View>
    </Screen>
  );
});

export default DecisionsPage;
