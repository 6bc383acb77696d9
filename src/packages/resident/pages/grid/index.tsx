import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import type { ContactCardView, MyGrid } from '../../../../../contract';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { myGrid } from '../../../../stores/resident/myGrid';
import { session } from '../../../../stores/session';
import './index.scss';

const editAddress = () => void Taro.navigateTo({ url: ROUTES.profile });

/** One person of the grid: only what they agreed to publish; a call button only with a published phone. */
function ContactCard({ card }: { card: ContactCardView }) {
  return (
    <View className={`grid-card grid-card--${card.id}`}>
      <View className="grid-card__head">
        {card.photo ? (
          <Image className="grid-card__photo" src={card.photo} mode="aspectFill" />
        ) : (
          <View className="grid-card__avatar">{(card.name ?? card.title).slice(0, 1)}</View>
        )}
        <View className="grid-card__who">
          <Text className="grid-card__title">{card.title}</Text>
          <Text className="grid-card__name">{card.name ?? '姓名未公开'}</Text>
        </View>
      </View>
      <Text className="grid-card__duties">{card.duties}</Text>
      {card.phone ? (
        <Button
          className="grid-card__call"
          type="primary"
          size="large"
          block
          onClick={() => void Taro.makePhoneCall({ phoneNumber: card.phone! })}
        >
          拨打 {card.phone}
        </Button>
      ) : (
        <Text className="grid-card__no-phone">电话未公开，可到社区党群服务中心联系</Text>
      )}
    </View>
  );
}

function GridCards({ grid }: { grid: MyGrid }) {
  return (
    <View className="my-grid">
      <View className="my-grid__place">
        <Text className="my-grid__community">{grid.community.name}</Text>
        <Text className="my-grid__grid">{grid.grid.name}</Text>
        <Text className="my-grid__micro">您的楼栋：{grid.microGrid.name}</Text>
      </View>
      {grid.cards.length === 0 ? (
        <Text className="my-grid__none">本网格的联系卡尚未公布，可到社区党群服务中心咨询。</Text>
      ) : null}
      {grid.cards.map((card) => (
        <ContactCard key={card.id} card={card} />
      ))}
      {grid.pair ? (
        <View className="my-grid__pair">
          <Text className="my-grid__pair-title">1+1带N 联系户</Text>
          <Text className="my-grid__pair-text">
            本楼由党员 {grid.pair.memberName} 和网格员 {grid.pair.gridWorkerName} 共同联系 {grid.pair.households}{' '}
            户居民，有事可以直接找他们。
          </Text>
        </View>
      ) : null}
      <Text className="my-grid__edit" onClick={editAddress}>
        住址不对？修改住址
      </Text>
    </View>
  );
}

const GridContent = observer(() => {
  const { me } = session;
  if (session.error && !me) return <ErrorNotice error={session.error} onRetry={session.load} />;
  if (!me) return <Loading />;
  if (!me.address) {
    return (
      <Prompt
        name="no-address"
        title="还没有填写住址"
        description="填写您居住的社区和楼栋后，这里会显示您所在网格的网格长、网格员和联系电话。"
        action="去填写住址"
        onAction={editAddress}
      />
    );
  }
  if (myGrid.error?.code === 'NOT_FOUND') {
    return (
      <Prompt
        name="grid-moved"
        title={myGrid.error.message}
        description="重新选择住址后，这里会显示您现在所在网格的网格长、网格员和联系电话。"
        action="重新选择住址"
        onAction={editAddress}
      />
    );
  }
  if (myGrid.error) return <ErrorNotice error={myGrid.error} onRetry={myGrid.load} />;
  if (!myGrid.value) return <Loading />;
  return <GridCards grid={myGrid.value} />;
});

/** 网格联系卡: the grid of the resident's address — grid head first — and the building's 1+1带N pair. */
const MyGridPage = observer(() => {
  const microGridId = session.me?.address?.microGridId;
  // On opening, and again when the address changed on the profile page.
  useEffect(() => {
    if (!microGridId) return;
    myGrid.clear();
    void myGrid.load();
  }, [microGridId]);
  return (
    <Screen>
      <GridContent />
      <PrivacyPopup />
    </Screen>
  );
});

export default MyGridPage;
