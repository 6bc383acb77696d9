import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { ActivityCard } from '../../../../components/sixOnes/ActivityCard';
import { activityUrl, SIX_ONES_ROUTES } from '../../../../components/sixOnes/routes';
import { Tabs } from '../../../../components/sixOnes/Tabs';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import { ACTIVITY_TABS, activities } from '../../../../stores/member/activityList';
import './index.scss';

/** The list, once the user is known to be a verified member. */
function show(): void {
  if (session.me && session.isVerifiedMember) activities.show();
}

const List = observer(() => {
  const { list } = activities;
  if (list.error && !list.value) return <ErrorNotice error={list.error} onRetry={list.load} />;
  if (!list.value) return <Loading />;
  return (
    <View className="activities__list">
      {list.error ? <ErrorNotice error={list.error} onRetry={list.load} /> : null}
      {list.loading && !list.loadingMore ? <Text className="activities__refreshing">正在刷新…</Text> : null}
      {list.value.length === 0 ? (
        activities.when === 'upcoming' ? (
          <EmptyState title="近期没有活动" description="社区书记发布活动后会显示在这里" />
        ) : (
          <EmptyState title="还没有往期活动" description="活动结束后会列在这里" />
        )
      ) : null}
      {list.value.map((a) => (
        <ActivityCard key={a.id} activity={a} onTap={() => void Taro.navigateTo({ url: activityUrl(a.id) })} />
      ))}
      {list.moreError ? <ErrorNotice error={list.moreError} onRetry={list.more} /> : null}
      {list.next !== null ? (
        <Button className="activities__more" size="large" block loading={list.loadingMore} onClick={list.more}>
          加载更多
        </Button>
      ) : list.value.length > 0 ? (
        <Text className="activities__end">没有更多了</Text>
      ) : null}
    </View>
  );
});

/**
 * 社区活动 (sixOnes.activities): the activities of the member's community — 近期 soonest first,
 * 往期 newest first, 20 a page — each with its type, time, place, 已报名 x/名额 and the member's
 * own state; a tap opens it to sign up and check in.
 */
const Activities = observer(() => {
  const { me, error } = session;
  const member = session.isVerifiedMember;
  useDidShow(show);
  useEffect(show, [me?.openid, member]);
  usePullDownRefresh(() => void activities.list.load().then(() => Taro.stopPullDownRefresh()));

  if (!me) return <Screen>{error ? <ErrorNotice error={error} onRetry={session.load} /> : <Loading />}</Screen>;
  if (!member) {
    return (
      <Screen>
        <Prompt
          name="activities-member"
          title="参加社区活动需要先完成党员双报到"
          description="在职党员到社区报到并经社区审核通过后，可以报名参加社区组织的活动。"
          action="去报到"
          onAction={() => void Taro.navigateTo({ url: ROUTES.memberReport })}
        />
      </Screen>
    );
  }
  return (
    <Screen>
      <Tabs tabs={ACTIVITY_TABS} value={activities.when} onChange={activities.setWhen} />
      <View className="activities__intro" onClick={() => void Taro.navigateTo({ url: SIX_ONES_ROUTES.sixOnes })}>
        <Text>参加组织生活、座谈、调研和志愿服务并签到，经社区审核后计入“六个一”。</Text>
        <Text className="activities__intro-link">我的六个一 ›</Text>
      </View>
      <List />
    </Screen>
  );
});

export default Activities;
