import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ResourceView } from '../../../../contract';
import { RESOURCE_STATUS_LABELS } from '../../../../contract/cobuild';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ReasonInput } from '../../../components/staff/ReasonInput';
import { ROUTES } from '../../../routes';
import { resourceList as store } from '../../../stores/cobuild/resources';

const go = (url: string) => void Taro.navigateTo({ url });

/** `detail`: in a list, 详情 opens the resource's own page (what a notification about it opens). */
export function ResourceCard({ resource: r, detail = false }: { resource: ResourceView; detail?: boolean }) {
  return (
    <View className="cobuild__card" id={`resource-${r.id}`}>
      <View className="cobuild__head">
        <Text className="cobuild__tag">{r.category}</Text>
        <Text className={`cobuild__status cobuild__status--${r.status}`}>{RESOURCE_STATUS_LABELS[r.status]}</Text>
      </View>
      <Text className="cobuild__title">{r.title}</Text>
      <Text className="cobuild__muted">{r.unitName}</Text>
      {r.description ? <Text className="cobuild__line">{r.description}</Text> : null}
      <Text className="cobuild__line">
        数量：{r.capacity.amount} {r.capacity.unit} · {r.capacity.frequency}
      </Text>
      <Text className="cobuild__line">时间：{r.availability}</Text>
      <Text className="cobuild__line">
        联络人：<Text className="txy-nowrap">{r.liaison.name}</Text>
        {r.liaison.phone ? <Text className="txy-nowrap"> {r.liaison.phone}</Text> : null}
      </Text>
      {r.projects.length > 0 ? (
        <Text className="cobuild__line">共建项目：{r.projects.map((p) => p.title).join('、')}</Text>
      ) : null}
      {r.withdrawReason ? <Text className="cobuild__muted">撤回原因：{r.withdrawReason}</Text> : null}
      {detail || r.can.length > 0 ? (
        <View className="cobuild__actions">
          {detail ? (
            <Button
              className="cobuild__detail"
              onClick={() => go(`${ROUTES.cobuildResource}?id=${encodeURIComponent(r.id)}`)}
            >
              详情
            </Button>
          ) : null}
          {r.can.includes('edit') ? (
            <Button
              className="cobuild__edit"
              onClick={() => go(`${ROUTES.cobuildResourceEdit}?id=${encodeURIComponent(r.id)}`)}
            >
              编辑
            </Button>
          ) : null}
          {r.can.includes('withdraw') ? (
            <Button className="cobuild__withdraw" onClick={() => store.askWithdraw(r)}>
              撤回
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

export const WithdrawDialog = observer(() =>
  store.withdrawing ? (
    <ConfirmDialog
      prefix="staff-confirm"
      title="撤回资源"
      message={`撤回「${store.withdrawing.title}」？撤回后社区不能再用它建共建项目。`}
      confirmText="确认撤回"
      danger
      busy={store.withdrawSend.busy}
      error={store.withdrawSend.error}
      onConfirm={() => void store.confirmWithdraw()}
      onCancel={store.cancelWithdraw}
    >
      <ReasonInput
        name="withdraw"
        value={store.reason}
        error={store.reasonError}
        placeholder="例如：人员调整，今年无法提供"
        onChange={store.setReason}
      />
    </ConfirmDialog>
  ) : null,
);
