import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { WishCard } from '../../../../components/wish/WishCard';
import { WishList } from '../../../../components/wish/WishList';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import { wishes } from '../../../../stores/wishes';
import './index.scss';

/** 我的认领 (wish.myClaims): the member's claims, active first, each with its deadline (剩余 N 天) and status. */
const WishClaims = observer(() => {
  const { me, error } = session;
  const member = session.isVerifiedMember;
  useDidShow(() => {
    if (session.me && session.isVerifiedMember) wishes.showMyClaims();
  });
  useEffect(() => {
    if (me && member) wishes.showMyClaims();
  }, [me?.openid, member]); // eslint-disable-line react-hooks/exhaustive-deps -- reads again for another user only
  usePullDownRefresh(() => void wishes.myClaims.load().then(() => Taro.stopPullDownRefresh()));

  if (!me) return <Screen>{error ? <ErrorNotice error={error} onRetry={session.load} /> : <Loading />}</Screen>;
  if (!member) {
    return (
      <Screen>
        <Prompt
          name="wish-claims-member"
          title="认领心愿需要先完成党员双报到"
          description="在职党员到社区报到并经社区审核通过后，可以在心愿大厅认领居民的微心愿。"
          action="去报到"
          onAction={() => void Taro.navigateTo({ url: ROUTES.memberReport })}
        />
      </Screen>
    );
  }
  const active = (wishes.myClaims.value ?? []).filter((w) => w.status === 'claimed').length;
  return (
    <Screen>
      <View className="wish-claims__summary">
        <Text>
          进行中 {active} 个（每人最多同时认领 3 个）。认领后请在期限内完成并上传照片凭证，逾期心愿会重新开放。
        </Text>
      </View>
      <WishList source={wishes.myClaims} emptyTitle="还没有认领过心愿" emptyDescription="到“微心愿”的心愿大厅看看吧">
        {(items) =>
          items.map((wish) => (
            <WishCard
              key={wish.id}
              wish={wish}
              kind="claim"
              onTap={() => void Taro.navigateTo({ url: `${ROUTES.wishDetail}?id=${encodeURIComponent(wish.id)}` })}
            />
          ))
        }
      </WishList>
    </Screen>
  );
});

export default WishClaims;
