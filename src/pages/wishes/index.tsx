import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { Screen } from '../../components/Screen';
import { Chips } from '../../components/wish/Chips';
import { CATEGORY_CHIPS, categoryOfChip, chipOfCategory } from '../../components/wish/labels';
import { WishCard } from '../../components/wish/WishCard';
import { WishList } from '../../components/wish/WishList';
import { ROUTES } from '../../routes';
import { session } from '../../stores/session';
import { HALL_SORTS, wishes, type HallSort } from '../../stores/wishes';
import { messages } from '../../stores/messages';
import './index.scss';

const go = (url: string) => void Taro.navigateTo({ url });
const openWish = (id: string) => go(`${ROUTES.wishDetail}?id=${encodeURIComponent(id)}`);

const CATEGORY_FILTER = [{ key: 'all', label: '全部' }, ...CATEGORY_CHIPS];

/** Grid workers and secretaries review the wishes of their grids / community. */
const reviewsWishes = () => session.roles.some((r) => r === 'gridWorker' || r === 'secretary');

/** The list this user sees here: the hall for a verified member, their own wishes otherwise. */
function showCurrent(): void {
  if (!session.me) return;
  if (session.isVerifiedMember) wishes.showHall();
  else wishes.showMine();
}

async function refresh(): Promise<void> {
  if (session.me && session.isVerifiedMember) await wishes.hall.list.load();
  else if (session.me) await wishes.mine.load();
  Taro.stopPullDownRefresh();
}

/** Big entries under the title: 许个心愿, 我的心愿, 我的认领 (members), 心愿审核 (staff). */
const Entries = observer(() => (
  <View className="wishes__entries">
    <View className="wishes__entry wishes__entry--submit" onClick={() => go(ROUTES.wishSubmit)}>
      <Text className="wishes__entry-title">许个心愿</Text>
    </View>
    <View className="wishes__entry wishes__entry--mine" onClick={() => go(ROUTES.wishMine)}>
      <Text className="wishes__entry-title">我的心愿</Text>
    </View>
    {session.isVerifiedMember ? (
      <View className="wishes__entry wishes__entry--claims" onClick={() => go(ROUTES.wishClaims)}>
        <Text className="wishes__entry-title">我的认领</Text>
      </View>
    ) : null}
    {reviewsWishes() ? (
      <View className="wishes__entry wishes__entry--review" onClick={() => go(ROUTES.staffWishReview)}>
        <Text className="wishes__entry-title">心愿审核</Text>
      </View>
    ) : null}
  </View>
));

const HallList = observer(() => {
  const { list } = wishes.hall;
  if (list.error && !list.value) return <ErrorNotice error={list.error} onRetry={list.load} />;
  if (!list.value) return <Loading />;
  return (
    <View className="wishes__list">
      {list.error ? <ErrorNotice error={list.error} onRetry={list.load} /> : null}
      {list.loading && !list.loadingMore ? <Text className="wishes__refreshing">正在刷新…</Text> : null}
      {list.value.length === 0 ? (
        <EmptyState
          title={wishes.hall.category ? `暂无「${wishes.hall.category}」类待认领的心愿` : '暂无待认领的心愿'}
          description="社区审核发布的微心愿会显示在这里"
        />
      ) : null}
      {list.value.map((wish) => (
        <WishCard key={wish.id} wish={wish} kind="hall" onTap={() => openWish(wish.id)} />
      ))}
      {list.moreError ? <ErrorNotice error={list.moreError} onRetry={list.more} /> : null}
      {list.next !== null ? (
        <Button className="wishes__more" size="large" block loading={list.loadingMore} onClick={list.more}>
          加载更多
        </Button>
      ) : list.value.length > 0 ? (
        <Text className="wishes__end">没有更多了</Text>
      ) : null}
    </View>
  );
});

/** 心愿大厅 for a verified member: filters by category, newest or longest-waiting, the member's community first. */
const Hall = observer(() => {
  const { hall } = wishes;
  return (
    <>
      <Entries />
      <View className="wishes__filters">
        <Text className="wishes__heading">心愿大厅</Text>
        <Chips
          name="category"
          chips={CATEGORY_FILTER}
          value={chipOfCategory(hall.category) ?? 'all'}
          onPick={(key) => hall.setCategory(categoryOfChip(key))}
        />
        <Chips name="sort" chips={HALL_SORTS} value={hall.sort} onPick={(key) => hall.setSort(key as HallSort)} />
      </View>
      <HallList />
    </>
  );
});

/** A resident (not a verified member): the big 许个心愿 button and their own wishes. */
const MyWishes = observer(() => (
  <>
    <View className="wishes__intro">
      <Text className="wishes__intro-title">有困难，许个心愿</Text>
      <Text className="wishes__intro-text">网格员审核后发布，由在职党员认领帮您实现。</Text>
      <Button className="wishes__make" type="primary" size="large" block onClick={() => go(ROUTES.wishSubmit)}>
        许个心愿
      </Button>
    </View>
    {reviewsWishes() ? (
      <View className="wishes__entries">
        <View className="wishes__entry wishes__entry--review" onClick={() => go(ROUTES.staffWishReview)}>
          <Text className="wishes__entry-title">心愿审核</Text>
        </View>
      </View>
    ) : null}
    <Text className="wishes__heading wishes__heading--mine">我的心愿</Text>
    <WishList source={wishes.mine} emptyTitle="您还没有许过心愿" emptyDescription="点上面的“许个心愿”，写下您的需要">
      {(items) =>
        items.map((wish) => <WishCard key={wish.id} wish={wish} kind="mine" onTap={() => openWish(wish.id)} />)
      }
    </WishList>
  </>
));

/** 微心愿 tab: the hall for verified members, one's own wishes for everyone else. */
const Wishes = observer(() => {
  const { me, error } = session;
  const member = session.isVerifiedMember;
  useDidShow(showCurrent);
  useDidShow(() => void messages.refreshUnread());
  usePullDownRefresh(() => void refresh());
  useEffect(showCurrent, [me?.openid, member]);

  return (
    <Screen>
      {error && !me ? <ErrorNotice error={error} onRetry={session.load} /> : null}
      {!error && !me ? <Loading /> : null}
      {me ? member ? <Hall /> : <MyWishes /> : null}
      <PrivacyPopup />
    </Screen>
  );
});

export default Wishes;
