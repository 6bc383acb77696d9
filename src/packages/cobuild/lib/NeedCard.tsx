import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { NeedView } from '../../../../contract';
import { NEED_STATUS_LABELS, RESOURCE_STATUS_LABELS } from '../../../../contract/cobuild';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { ReasonInput } from '../../../components/staff/ReasonInput';
import { ROUTES } from '../../../routes';
import { needList as store } from '../../../stores/cobuild/needs';
import { cobuildSide } from '../../../stores/cobuild/side';
import { formatDay } from '../../../utils/date';

const go = (url: string) => void Taro.navigateTo({ url });

/** 匹配资源: the paired units' resources of the need's category, each one tap from a project. */
const Matches = observer(({ need }: { need: NeedView }) => {
  const { matches } = store;
  if (matches.error) return <ErrorNotice error={matches.error} onRetry={matches.load} />;
  if (!matches.value) return <Loading />;
  const canPlan = cobuildSide.secretary !== null || cobuildSide.unitAdmin !== null;
  return (
    <View className="cobuild__sub cobuild__matches">
      <Text className="cobuild__heading">
        可匹配的资源（{need.category}）：{matches.value.length} 项
      </Text>
      {matches.value.length === 0 ? (
        <Text className="cobuild__muted">结对单位暂无同类资源，可在联席会议上提出</Text>
      ) : null}
      {matches.value.map((r) => (
        <View key={r.id} className="cobuild__item" id={`match-${r.id}`}>
          <Text className="cobuild__line">
            {r.unitName}：{r.title}（{RESOURCE_STATUS_LABELS[r.status]}）
          </Text>
          <Text className="cobuild__muted">
            {r.capacity.amount} {r.capacity.unit} · {r.capacity.frequency} · {r.availability}
          </Text>
          <Text className="cobuild__muted">
            联络人：<Text className="txy-nowrap">{r.liaison.name}</Text>
            {r.liaison.phone ? <Text className="txy-nowrap"> {r.liaison.phone}</Text> : null}
          </Text>
          {canPlan ? (
            <Button
              className="cobuild__plan"
              size="small"
              onClick={() =>
                go(
                  `${ROUTES.cobuildProjectEdit}?needId=${encodeURIComponent(need.id)}&resourceId=${encodeURIComponent(r.id)}`,
                )
              }
            >
              用它建共建项目
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  );
});

/** `detail`: in a list, 详情 opens the need's own page (what a notification about it opens). */
export const NeedCard = observer(({ need: n, detail = false }: { need: NeedView; detail?: boolean }) => (
  <View className="cobuild__card" id={`need-${n.id}`}>
    <View className="cobuild__head">
      <Text className="cobuild__tag">{n.category}</Text>
      <Text className={`cobuild__status cobuild__status--${n.status}`}>{NEED_STATUS_LABELS[n.status]}</Text>
    </View>
    <Text className="cobuild__title">{n.title}</Text>
    {n.description ? <Text className="cobuild__line">{n.description}</Text> : null}
    <Text className="cobuild__line">
      数量：{n.quantity} {n.quantityUnit} · {formatDay(n.wantedBy)}前
    </Text>
    <Text className="cobuild__line">
      联系人：<Text className="txy-nowrap">{n.contact.name}</Text> <Text className="txy-nowrap">{n.contact.phone}</Text>
    </Text>
    {n.projects.length > 0 ? (
      <Text className="cobuild__line">共建项目：{n.projects.map((p) => p.title).join('、')}</Text>
    ) : null}
    {n.closeReason ? <Text className="cobuild__muted">关闭原因：{n.closeReason}</Text> : null}
    <View className="cobuild__actions">
      {detail ? (
        <Button className="cobuild__detail" onClick={() => go(`${ROUTES.cobuildNeed}?id=${encodeURIComponent(n.id)}`)}>
          详情
        </Button>
      ) : null}
      {n.can.includes('matches') ? (
        <Button className="cobuild__matches-toggle" onClick={() => store.toggleMatches(n.id)}>
          {store.matchesFor === n.id ? '收起匹配' : '匹配资源'}
        </Button>
      ) : null}
      {n.can.includes('edit') ? (
        <Button
          className="cobuild__edit"
          onClick={() => go(`${ROUTES.cobuildNeedEdit}?id=${encodeURIComponent(n.id)}`)}
        >
          编辑
        </Button>
      ) : null}
      {n.can.includes('close') ? (
        <Button className="cobuild__close" onClick={() => store.askClose(n)}>
          关闭
        </Button>
      ) : null}
    </View>
    {store.matchesFor === n.id ? <Matches need={n} /> : null}
  </View>
));

export const CloseDialog = observer(() =>
  store.closing ? (
    <ConfirmDialog
      prefix="staff-confirm"
      title="关闭需求"
      message={`关闭「${store.closing.title}」？关闭后不再对接。`}
      confirmText="确认关闭"
      danger
      busy={store.closeSend.busy}
      error={store.closeSend.error}
      onConfirm={() => void store.confirmClose()}
      onCancel={store.cancelClose}
    >
      <ReasonInput
        name="close"
        value={store.closeReason}
        error={store.closeReasonError}
        placeholder="例如：已由社区自行解决"
        onChange={store.setCloseReason}
      />
    </ConfirmDialog>
  ) : null,
);
