import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ContactCardAdminView, UserSummary } from '../../../../../contract';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Choices } from '../../../../components/staff/Choices';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ListState } from '../../../../components/staff/ListState';
import { UserSearchPanel } from '../../../../components/staff/UserSearchPanel';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import { contactCardForm } from '../../../../stores/staff/card';
import { gridStaff } from '../../../../stores/staff/grids';
import './index.scss';

const published = (card: ContactCardAdminView) => {
  const shown = [card.published.name && '姓名', card.published.phone && '电话', card.published.photo && '照片'];
  const list = shown.filter(Boolean).join('、');
  return list ? `向居民公开：${list}` : '暂不向居民公开姓名、电话和照片';
};

function editCard(card: ContactCardAdminView) {
  contactCardForm.edit(card);
  void Taro.navigateTo({ url: ROUTES.staffCard });
}

function addCard(user: UserSummary) {
  if (!gridStaff.gridId) return;
  contactCardForm.create(gridStaff.gridId, user);
  void Taro.navigateTo({ url: ROUTES.staffCard });
}

const Card = observer(({ card }: { card: ContactCardAdminView }) => (
  <View className="staff-grids__card" id={`card-${card.id}`}>
    <View className="staff-grids__card-head">
      <Tag type={card.title === '网格长' ? 'primary' : 'default'}>{card.title}</Tag>
      <Text className="staff-grids__name">{card.name}</Text>
    </View>
    <Text className="staff-grids__line">电话：{card.phone}</Text>
    <Text className="staff-grids__line">职责：{card.duties}</Text>
    <Text className="staff-grids__published">{published(card)}</Text>
    <View className="staff-grids__actions">
      <Button className="staff-grids__revoke" onClick={() => gridStaff.ask({ kind: 'revoke', card })}>
        撤销网格员
      </Button>
      <Button className="staff-grids__edit" type="primary" onClick={() => editCard(card)}>
        编辑联系卡
      </Button>
    </View>
  </View>
));

/** Whether a found resident already works this grid. */
const worksGrid = (user: UserSummary, gridId: string | null) =>
  user.roles.some((g) => g.role === 'gridWorker' && gridId !== null && g.gridIds.includes(gridId));

const Appoint = observer(() => (
  <View className="staff-grids__appoint">
    <View className="staff-grids__appoint-head">
      <Text className="staff-grids__section">任命网格员：搜索本社区居民</Text>
      <Text className="staff-grids__close" onClick={gridStaff.closeAppoint}>
        收起
      </Text>
    </View>
    <UserSearchPanel
      search={gridStaff.search}
      placeholder="姓名或手机号"
      emptyTitle="本社区没有找到此人"
      emptyDescription="请核对姓名或输入完整手机号，对方需在小程序里填写本社区的住址"
      action={(user) =>
        worksGrid(user, gridStaff.gridId) ? (
          <Text className="staff-grids__already">已是本网格网格员</Text>
        ) : (
          <Button
            className="staff-grids__pick"
            type="primary"
            size="small"
            onClick={() => gridStaff.ask({ kind: 'appoint', user })}
          >
            任命
          </Button>
        )
      }
    />
  </View>
));

const Confirm = observer(() => {
  const { confirming, pending, grid } = gridStaff;
  if (!confirming) return null;
  const gridName = grid?.name ?? '本网格';
  const common = {
    busy: pending.busy,
    error: pending.error,
    onCancel: gridStaff.cancel,
    onConfirm: () => void gridStaff.confirm(),
  };
  return confirming.kind === 'appoint' ? (
    <ConfirmDialog
      prefix="staff-confirm"
      title="任命网格员"
      message={`任命 ${confirming.user.name} 为${gridName}的网格员？任命后可为其添加民情联系卡。`}
      confirmText="确认任命"
      {...common}
    />
  ) : (
    <ConfirmDialog
      prefix="staff-confirm"
      title="撤销网格员"
      message={`撤销 ${confirming.card.name} 的网格员身份？其在本社区各网格的网格员身份都将撤销，联系卡不再向居民公开姓名、电话和照片。`}
      confirmText="确认撤销"
      danger
      {...common}
    />
  );
});

/** 网格员与联系卡: a community's grids, each grid's contact cards, appointing and removing grid workers. */
const GridStaff = observer(() => {
  useLoad((params: Record<string, string | undefined>) => {
    const own = session.staffGrants.find((g) => g.role === 'secretary');
    const communityId = params.communityId ?? (own?.role === 'secretary' ? own.communityId : null);
    if (communityId) void gridStaff.open(communityId);
  });
  // Back from the card form: show the card as saved.
  useDidShow(() => {
    if (gridStaff.cards?.value) gridStaff.reloadCards();
  });
  const community = gridStaff.community;
  if (!community) return <Screen />;
  if (community.error) {
    return (
      <Screen>
        <ErrorNotice error={community.error} onRetry={community.load} />
      </Screen>
    );
  }
  const detail = community.value;
  return (
    <Screen>
      {!detail ? <View className="staff-grids__loading">加载中…</View> : null}
      {detail ? (
        <View className="staff-grids__picker">
          <Text className="staff-grids__section">{detail.name} · 选择网格</Text>
          <Choices
            name="grid"
            options={detail.grids.map((g) => ({ value: g.id, label: g.name }))}
            selected={gridStaff.gridId}
            onPick={gridStaff.pick}
          />
        </View>
      ) : null}
      {gridStaff.appointed ? (
        <View className="staff-grids__appointed">
          <Text>已任命 {gridStaff.appointed.name} 为网格员。</Text>
          <Button
            className="staff-grids__add-card"
            type="primary"
            onClick={() => gridStaff.appointed && addCard(gridStaff.appointed)}
          >
            为其添加联系卡
          </Button>
        </View>
      ) : null}
      {gridStaff.gridId ? (
        gridStaff.appointing ? (
          <Appoint />
        ) : (
          <View className="staff-grids__toolbar">
            <Button className="staff-grids__open-appoint" block onClick={gridStaff.openAppoint}>
              任命网格员
            </Button>
          </View>
        )
      ) : null}
      <View className="staff-grids">
        <ListState
          source={gridStaff.cards}
          emptyTitle="本网格还没有联系卡"
          emptyDescription="任命网格员后为其添加联系卡"
        >
          {(cards) => cards.map((card) => <Card key={card.id} card={card} />)}
        </ListState>
      </View>
      <Confirm />
    </Screen>
  );
});

export default GridStaff;
