import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { WishCard } from '../../../../components/wish/WishCard';
import { WishList } from '../../../../components/wish/WishList';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import { wishes } from '../../../../stores/wishes';
import './index.scss';

/** 我的心愿 (wish.mine): every wish the user submitted, newest first, with its status; 许个心愿 on top. */
const WishMine = observer(() => {
  const { me, error } = session;
  useDidShow(() => {
    if (session.me) wishes.showMine();
  });
  // The session may arrive after the page is shown.
  useEffect(() => {
    if (me) wishes.showMine();
  }, [me?.openid]); // eslint-disable-line react-hooks/exhaustive-deps -- reads again for another user only
  usePullDownRefresh(() => void wishes.mine.load().then(() => Taro.stopPullDownRefresh()));
  if (!me) {
    return <Screen>{error ? <ErrorNotice error={error} onRetry={session.load} /> : <Loading />}</Screen>;
  }
  return (
    <Screen>
      <View className="wish-mine__top">
        <Button
          className="wish-mine__make"
          type="primary"
          size="large"
          block
          onClick={() => void Taro.navigateTo({ url: ROUTES.wishSubmit })}
        >
          许个心愿
        </Button>
      </View>
      <WishList source={wishes.mine} emptyTitle="您还没有许过心愿" emptyDescription="有困难就许个心愿，党员会帮您实现">
        {(items) =>
          items.map((wish) => (
            <WishCard
              key={wish.id}
              wish={wish}
              kind="mine"
              onTap={() => void Taro.navigateTo({ url: `${ROUTES.wishDetail}?id=${encodeURIComponent(wish.id)}` })}
            />
          ))
        }
      </WishList>
    </Screen>
  );
});

export default WishMine;
