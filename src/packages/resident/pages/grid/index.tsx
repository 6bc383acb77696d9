import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import type { ContactCardView, MyGrid } from '../../../../../contract';
import { PROPERTY_RATING_LABELS } from '../../../../../contract/cobuild';
import { PROPERTY_RATING_COMMENT } from '../../../../../contract/limits';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { ROUTES } from '../../../../routes';
import { myGrid } from '../../../../stores/resident/myGrid';
import {
  nextQuarterStart,
  propertyRating,
  quarterWords,
  RATING_CHOICES,
} from '../../../../stores/resident/propertyRating';
import { session } from '../../../../stores/session';
import { formatDay } from '../../../../utils/date';
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
      <PropertyService />
      <Text className="my-grid__edit" onClick={editAddress}>
        住址不对？修改住址
      </Text>
    </View>
  );
}

const sendRating = async () => {
  if (await propertyRating.submit()) void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
};

/**
 * 物业服务评价: the company managing the resident's estate (红色物业 or not, in words) and this
 * quarter's rating — three choices and a comment once a quarter; afterwards what they chose, when,
 * and from which day they may rate again. An estate without a company says so, with nothing to tap.
 */
const PropertyService = observer(() => {
  const { status, sending, errors } = propertyRating;
  const s = status.value;
  let body;
  if (status.error) body = <ErrorNotice error={status.error} onRetry={status.load} />;
  else if (!s) body = <Text className="my-property__text">正在读取…</Text>;
  else if (!s.company) {
    body = (
      <Text className="my-property__text my-property__text--none">
        {s.estate
          ? `您所在的${s.estate.name}暂无物业企业，没有需要评价的物业服务。`
          : (s.reason ?? '暂无可评价的物业服务')}
      </Text>
    );
  } else {
    const { company } = s;
    body = (
      <>
        <Text className="my-property__text">
          {s.estate ? `${s.estate.name}由` : ''}
          <Text className="my-property__company">{company.name}</Text>提供物业服务
        </Text>
        <Text className="my-property__text">
          {company.partyOrgKind === 'none'
            ? '该企业尚未组建党组织。'
            : `红色物业：该企业已${company.partyOrgKind === 'single' ? '单独' : '联合'}组建党组织。`}
        </Text>
        {s.mine ? (
          <View className="my-property__mine">
            <Text className="my-property__chosen">
              ✓ 您{quarterWords(s.quarter)}的评价：{PROPERTY_RATING_LABELS[s.mine.rating]}
            </Text>
            {s.mine.comment ? <Text className="my-property__text">“{s.mine.comment}”</Text> : null}
            <Text className="my-property__text">评价于 {formatDay(s.mine.at)}</Text>
            <Text className="my-property__text">每季度可评价一次，{nextQuarterStart(s.quarter)}起可再次评价。</Text>
          </View>
        ) : s.canRate ? (
          <View className="my-property__form">
            <Text className="my-property__text">
              {quarterWords(s.quarter)}的物业服务您满意吗？每季度评价一次，提交后不能修改。
            </Text>
            <Field label="您的评价" name="property-rating" error={errors.rating}>
              <Choices
                name="property-rating"
                options={RATING_CHOICES}
                selected={propertyRating.rating}
                onPick={propertyRating.pick}
              />
            </Field>
            <Field label="说几句" name="property-comment" optional error={errors.comment}>
              <TextArea
                className="my-property__comment"
                value={propertyRating.comment}
                placeholder="做得好的地方或需要改进的地方"
                maxLength={PROPERTY_RATING_COMMENT.max}
                showCount
                onChange={propertyRating.setComment}
              />
            </Field>
            {sending.error ? <ErrorNotice error={sending.error} /> : null}
            <Button
              className="my-property__send"
              type="primary"
              size="large"
              block
              loading={sending.busy}
              disabled={sending.busy}
              onClick={() => void sendRating()}
            >
              提交评价
            </Button>
          </View>
        ) : (
          <Text className="my-property__text">{s.reason}</Text>
        )}
      </>
    );
  }
  return (
    <View className="my-property">
      <Text className="my-property__title">物业服务评价</Text>
      {body}
    </View>
  );
});

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

/**
 * 网格联系卡: the grid of the resident's address — grid head first — the building's 1+1带N pair,
 * and 物业服务评价 of the estate's property company.
 */
const MyGridPage = observer(() => {
  const microGridId = session.me?.address?.microGridId;
  // On opening, and again when the address changed on the profile page.
  useEffect(() => {
    if (!microGridId) return;
    myGrid.clear();
    void myGrid.load();
    propertyRating.open();
  }, [microGridId]);
  return (
    <Screen>
      <GridContent />
      <PrivacyPopup />
    </Screen>
  );
});

export default MyGridPage;
