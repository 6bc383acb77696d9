import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { when } from 'mobx';
import { observer } from 'mobx-react-lite';
import { useRef, useState } from 'react';
import { CaseCard } from '../../../../components/case/CaseCard';
import { caseUrl } from '../../../../components/case/routes';
import { Screen, usePageTitle } from '../../../../components/Screen';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { SearchBar } from '../../../../components/staff/SearchBar';
import { Segmented } from '../../../../components/staff/Segmented';
import { caseQueue, isQueueKind, type QueueKind, type QueueView } from '../../../../stores/staff/caseQueue';
import { session } from '../../../../stores/session';
import './index.scss';

const VIEWS: Record<QueueKind, Array<{ key: QueueView; label: string }>> = {
  grid: [
    { key: 'todo', label: '待办' },
    { key: 'done', label: '已办' },
  ],
  community: [
    { key: 'todo', label: '待处理' },
    { key: 'all', label: '全部办理中' },
    { key: 'done', label: '已办' },
  ],
  property: [
    { key: 'todo', label: '待办' },
    { key: 'done', label: '已办' },
  ],
};

const INTRO: Record<QueueKind, Record<QueueView, string>> = {
  grid: {
    todo: '本网格居民反映的诉求，超期的在前，其次紧急的，再按期限排列。受理即首次响应；网格办不了的上报社区。',
    all: '',
    done: '本网格已上报社区、已办结或已撤回的诉求，最近有进展的在前。',
  },
  community: {
    todo: '上报到社区的、社区待办的、已超期的、等待审批延期或评价部门的，超期的在前。',
    all: '本社区所有未办结的诉求，超期的在前。',
    done: '不需要社区处理的诉求：网格或部门正在办理的、已办结的、已撤回的，最近有进展的在前。',
  },
  property: {
    todo: '本企业服务小区的物业类诉求，网格同时办理。超期的在前，其次紧急的。受理、回复居民、办结均可。',
    all: '',
    done: '已办结、已上报社区或已撤回的物业类诉求，最近有进展的在前。',
  },
};

const TITLES: Record<QueueKind, string> = { grid: '网格诉求', community: '社区诉求', property: '物业诉求' };

const EMPTY: Record<QueueView, string> = { todo: '没有待办的诉求', all: '没有办理中的诉求', done: '还没有已办的诉求' };

const Search = observer(() => (
  <View className="case-queue__search">
    <SearchBar
      value={caseQueue.query.typed}
      placeholder="诉求内容、地点或反映人"
      maxLength={30}
      onChange={caseQueue.query.setTyped}
      onSearch={caseQueue.query.run}
    />
  </View>
));

/**
 * 网格诉求 (`?as=grid`, complaint.gridQueue), 社区诉求 (`?as=community`,
 * complaint.communityQueue) or 物业诉求 (`?as=property`, complaint.propertyQueue): 待办 (待处理 / 全部办理中) by urgency and deadline with the overdue
 * marked, or 已办; a search box narrows either; a tap opens the case with its actions.
 */
const CaseQueue = observer(() => {
  const entered = useRef(false);
  const [title, setTitle] = useState<string | null>(null);
  usePageTitle(title);
  useLoad((params: Record<string, string | undefined>) => {
    const start = (kind: QueueKind) => {
      setTitle(TITLES[kind]);
      caseQueue.enter(kind);
    };
    if (isQueueKind(params.as)) start(params.as);
    // Opened without `?as=` (a link, a restart): the queue of the role acted as, once it is known.
    else
      when(
        () => session.me !== null,
        () =>
          start(
            session.activeRole === 'secretary'
              ? 'community'
              : session.activeRole === 'propertyLiaison'
                ? 'property'
                : 'grid',
          ),
      );
  });
  // Back from a case: the queue as it is now (the first show finds the load running).
  useDidShow(() => {
    if (entered.current && !caseQueue.list.loading) void caseQueue.refresh();
    entered.current = true;
  });
  usePullDownRefresh(() => void caseQueue.refresh().then(() => Taro.stopPullDownRefresh()));
  const { kind, view, list } = caseQueue;
  const { q } = caseQueue.query;
  return (
    <Screen>
      <Segmented options={VIEWS[kind]} value={view} onChange={caseQueue.setView} />
      <Search />
      <Text className="case-queue__intro">{INTRO[kind][view]}</Text>
      <View className="case-queue">
        <ListState
          source={list}
          emptyTitle={q ? `没有找到与“${q}”有关的诉求` : EMPTY[view]}
          emptyDescription={q ? '换个词试试，或清空搜索框后点“搜索”' : '新的诉求会通过消息通知您'}
        >
          {(items) =>
            items.map((item) => (
              <CaseCard
                key={item.id}
                item={item}
                kind="queue"
                onTap={() => void Taro.navigateTo({ url: caseUrl(item.id) })}
              />
            ))
          }
        </ListState>
        <LoadMore list={list} name="case-queue" />
      </View>
    </Screen>
  );
});

export default CaseQueue;
