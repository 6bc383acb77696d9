import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { WishView } from '../../../../../contract';
import { Screen } from '../../../../components/Screen';
import { SearchBar } from '../../../../components/staff/SearchBar';
import { WishCard } from '../../../../components/wish/WishCard';
import { WishList } from '../../../../components/wish/WishList';
import { ROUTES } from '../../../../routes';
import { wishAwaiting } from '../../../../stores/staff/wishAwaiting';
import './index.scss';

const openWish = (wish: WishView) =>
  void Taro.navigateTo({ url: `${ROUTES.wishDetail}?id=${encodeURIComponent(wish.id)}` });

/** A fulfilled wish: who it was for, who fulfilled it, and the way to its page (代居民确认完成 is there). */
const AwaitingCard = ({ wish }: { wish: WishView }) => (
  <WishCard wish={wish} kind="awaiting" onTap={() => openWish(wish)}>
    <View className="wish-awaiting__who">
      <Text>
        受助人：{wish.beneficiary.name}
        {wish.beneficiary.phone ? <Text className="txy-nowrap"> · {wish.beneficiary.phone}</Text> : null}
      </Text>
      {wish.beneficiary.address ? <Text>住址：{wish.beneficiary.address}</Text> : null}
      {wish.claim ? <Text>认领人：{wish.claim.claimerName}</Text> : null}
    </View>
    <View className="wish-awaiting__open" id={`wish-open-${wish.id}`} onClick={() => openWish(wish)}>
      <Text>核实后代居民确认</Text>
      <Text className="wish-awaiting__arrow">›</Text>
    </View>
  </WishCard>
);

const Search = observer(() => (
  <View className="wish-awaiting__search">
    <SearchBar
      value={wishAwaiting.query.typed}
      placeholder="心愿内容、受助人或认领人"
      maxLength={30}
      onChange={wishAwaiting.query.setTyped}
      onSearch={wishAwaiting.query.run}
    />
  </View>
));

/**
 * 待居民确认 (grid worker: their grids; secretary: their community): fulfilled wishes the
 * resident has not confirmed for more than 7 days, longest waiting first; a search box narrows
 * them. Each opens the wish's
 * page, where staff confirm on the resident's behalf, saying how they verified it; a confirmed
 * wish is gone from the list when it is shown again.
 */
const WishAwaiting = observer(() => {
  useDidShow(wishAwaiting.show);
  usePullDownRefresh(() => void wishAwaiting.list.load().then(() => Taro.stopPullDownRefresh()));
  const { q } = wishAwaiting.query;
  return (
    <Screen>
      <Search />
      <Text className="wish-awaiting__intro">
        党员已完成、居民超过 7 天仍未确认的心愿。请电话或上门向居民核实，再在心愿页面代居民确认完成。
      </Text>
      <WishList
        source={wishAwaiting.list}
        emptyTitle={q ? `没有找到与“${q}”有关的心愿` : '没有待代为确认的心愿'}
        emptyDescription={q ? '换个词试试，或清空搜索框后点“搜索”' : '居民超过 7 天未确认的心愿会出现在这里'}
      >
        {(items) => items.map((wish) => <AwaitingCard key={wish.id} wish={wish} />)}
      </WishList>
    </Screen>
  );
});

export default WishAwaiting;
