import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { when } from 'mobx';
import { observer } from 'mobx-react-lite';
import { useRef } from 'react';
import { CaseCard } from '../../../../components/case/CaseCard';
import { caseUrl } from '../../../../components/case/routes';
import { Screen } from '../../../../components/Screen';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { Segmented } from '../../../../components/staff/Segmented';
import { caseQueue, isQueueKind, type CommunityFilter } from '../../../../stores/casesQueue';
import { session } from '../../../../stores/session';
import './index.scss';

const FILTERS: Array<{ key: CommunityFilter; label: string }> = [
  { key: 'action', label: '待处理' },
  { key: 'all', label: '全部办理中' },
];

const INTRO = {
  grid: '本网格居民反映的诉求，按期限排列，超期的在前。受理即首次响应；网格办不了的上报社区。',
  community:
    '待处理：上报到社区的、社区待办的、已超期的、等待审批延期或评价部门的。全部办理中：本社区所有未办结的诉求。',
} as const;

/**
 * 网格诉求 (`?as=grid`, complaint.gridQueue) or 社区诉求 (`?as=community`,
 * complaint.communityQueue with 待处理 / 全部): open cases by deadline with the overdue marked;
 * a tap opens the case with its actions.
 */
const CaseQueue = observer(() => {
  const entered = useRef(false);
  useLoad((params: Record<string, string | undefined>) => {
    const start = (kind: 'grid' | 'community') => {
      void Taro.setNavigationBarTitle({ title: kind === 'grid' ? '网格诉求' : '社区诉求' });
      caseQueue.enter(kind);
    };
    if (isQueueKind(params.as)) start(params.as);
    // Opened without `?as=` (a link, a restart): the queue of the role acted as, once it is known.
    else
      when(
        () => session.me !== null,
        () => start(session.activeRole === 'secretary' ? 'community' : 'grid'),
      );
  });
  // Back from a case: the queue as it is now (the first show finds the load running).
  useDidShow(() => {
    if (entered.current && !caseQueue.list.loading) void caseQueue.refresh();
    entered.current = true;
  });
  usePullDownRefresh(() => void caseQueue.refresh().then(() => Taro.stopPullDownRefresh()));
  const { kind, list } = caseQueue;
  return (
    <Screen>
      {kind === 'community' ? (
        <Segmented options={FILTERS} value={caseQueue.filter} onChange={caseQueue.setFilter} />
      ) : null}
      <Text className="case-queue__intro">{INTRO[kind]}</Text>
      <View className="case-queue">
        <ListState
          source={list}
          emptyTitle={kind === 'grid' ? '没有待办的诉求' : '没有需要社区处理的诉求'}
          emptyDescription="新的诉求会通过消息通知您"
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
