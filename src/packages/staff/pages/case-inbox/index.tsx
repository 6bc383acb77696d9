import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useRef } from 'react';
import type { TaskView } from '../../../../../contract';
import { formatTime, remainingText } from '../../../../components/case/labels';
import { caseUrl } from '../../../../components/case/routes';
import { Screen } from '../../../../components/Screen';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { SearchBar } from '../../../../components/staff/SearchBar';
import { Segmented } from '../../../../components/staff/Segmented';
import { caseInbox, type InboxStatus } from '../../../../stores/staff/caseQueue';
import './index.scss';

const TABS: Array<{ key: InboxStatus; label: string }> = [
  { key: 'open', label: '待办' },
  { key: 'done', label: '已完成' },
];

/** What the department must do next, and by when. */
function nextStep(t: TaskView): { label: string; due: string } {
  if (t.status === 'done') return { label: '已完成', due: '' };
  if (!t.reportedAt) return { label: '报到期限', due: t.reportBy };
  return { label: '办结期限', due: t.deadline };
}

/** A whistle as the inbox lists it: the problem, why and how urgent, our role, 报到 and the deadline. */
const TaskCard = ({ task }: { task: TaskView }) => {
  const step = nextStep(task);
  return (
    <View
      id={`task-${task.caseId}`}
      className={`case-task${task.overdue ? ' case-task--overdue' : ''}`}
      onClick={() => void Taro.navigateTo({ url: caseUrl(task.caseId) })}
    >
      <View className="case-task__head">
        <Text className="case-task__category">{task.category}</Text>
        <Text className={`case-task__role case-task__role--${task.role}`}>
          {task.role === 'lead' ? '牵头' : '协办'}
        </Text>
        <Text className="case-task__class">{task.class}</Text>
        {task.urgency === 'urgent' ? <Text className="case-task__flag">紧急</Text> : null}
        {task.overdue ? <Text className="case-task__flag case-task__flag--overdue">已超期</Text> : null}
      </View>
      <Text className="case-task__description">{task.description}</Text>
      <Text className="case-task__reason">事由：{task.reason}</Text>
      <Text className="case-task__where">
        {task.community.name} · {task.location}
      </Text>
      <Text className={`case-task__report${task.late ? ' case-task__report--late' : ''}`}>
        {task.reportedAt
          ? `${formatTime(task.reportedAt)} 已报到${task.late ? '（超时）' : ''}`
          : task.late
            ? '超时未报到'
            : '未报到'}
      </Text>
      {step.due ? (
        <Text className={`case-task__due${task.overdue ? ' case-task__due--late' : ''}`}>
          {step.label} {formatTime(step.due)}（{remainingText(step.due, task.overdue)}）
        </Text>
      ) : null}
      <Text className="case-task__time">吹哨于 {formatTime(task.whistledAt)}</Text>
    </View>
  );
};

const Search = observer(() => (
  <View className="case-inbox__search">
    <SearchBar
      value={caseInbox.query.typed}
      placeholder="诉求内容、地点或反映人"
      maxLength={30}
      onChange={caseInbox.query.setTyped}
      onSearch={caseInbox.query.run}
    />
  </View>
));

/**
 * 吹哨报到 (complaint.deptInbox): the department's whistles — 待办 (to report in, then to handle)
 * by report deadline, or 已完成; a search box narrows either. A tap opens the case with 报到,
 * 申请延期, 办结 or 协办.
 */
const CaseInbox = observer(() => {
  const entered = useRef(false);
  useLoad(() => caseInbox.enter());
  useDidShow(() => {
    if (entered.current && !caseInbox.list.loading) void caseInbox.refresh();
    entered.current = true;
  });
  usePullDownRefresh(() => void caseInbox.refresh().then(() => Taro.stopPullDownRefresh()));
  const { list } = caseInbox;
  const { q } = caseInbox.query;
  return (
    <Screen>
      <Segmented options={TABS} value={caseInbox.status} onChange={caseInbox.setStatus} />
      <Search />
      <Text className="case-inbox__intro">
        接到吹哨后请在报到期限内报到（紧急 30 分钟，其余 24 小时），并在办结期限内办结。
      </Text>
      <View className="case-inbox">
        <ListState
          source={list}
          emptyTitle={
            q ? `没有找到与“${q}”有关的吹哨` : caseInbox.status === 'open' ? '没有待办的吹哨' : '还没有已完成的吹哨'
          }
          emptyDescription={
            q
              ? '换个词试试，或清空搜索框后点“搜索”'
              : caseInbox.status === 'open'
                ? '社区吹哨后会通过消息通知您'
                : '办结的吹哨会列在这里'
          }
        >
          {(items) => items.map((task) => <TaskCard key={`${task.caseId}-${task.role}`} task={task} />)}
        </ListState>
        <LoadMore list={list} name="case-inbox" />
      </View>
    </Screen>
  );
});

export default CaseInbox;
