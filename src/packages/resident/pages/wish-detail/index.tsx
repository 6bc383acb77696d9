import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useRef, type ReactNode } from 'react';
import type { WishView } from '../../../../../contract';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { formatTime, remainingText, timelineRole, TIMELINE_ACTION_LABELS } from '../../../../components/wish/labels';
import { PhotoGrid } from '../../../../components/wish/PhotoGrid';
import { Stars } from '../../../../components/wish/Stars';
import { StatusTag } from '../../../../components/wish/StatusTag';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ROUTES } from '../../../../routes';
import { wishDetail, type WishDialog as Dialog } from '../../../../stores/resident/wishDetail';
import { subscriptions } from '../../../../stores/subscriptions';
import { CallButton } from '../../../../components/CallButton';
import './index.scss';

const Row = ({ label, value, name }: { label: string; value: string; name?: string }) => (
  <View className={`wish-detail__row${name ? ` wish-detail__row--${name}` : ''}`}>
    <Text className="wish-detail__key">{label}</Text>
    <Text className="wish-detail__value">{value}</Text>
  </View>
);

const Section = ({ title, name, children }: { title: string; name: string; children: ReactNode }) => (
  <View className={`wish-detail__section wish-detail__section--${name}`}>
    <Text className="wish-detail__title">{title}</Text>
    {children}
  </View>
);

const Beneficiary = ({ wish }: { wish: WishView }) => {
  const b = wish.beneficiary;
  return (
    <Section title="受助人" name="beneficiary">
      <Row label="姓名" value={b.name} name="name" />
      {b.phone ? (
        <View className="wish-detail__row wish-detail__row--phone">
          <Text className="wish-detail__key">电话</Text>
          <Text className="wish-detail__value">{b.phone}</Text>
          {b.masked ? null : <CallButton className="wish-detail__call" phone={b.phone} />}
        </View>
      ) : null}
      {b.address ? <Row label="住址" value={b.address} name="address" /> : null}
      {wish.onBehalf ? <Row label="代提交" value={`网格员 ${wish.onBehalf.byName}`} name="on-behalf" /> : null}
      {wish.onBehalf?.phone ? (
        <View className="wish-detail__row wish-detail__row--phone wish-detail__row--on-behalf-phone">
          <Text className="wish-detail__key">联系网格员</Text>
          <Text className="wish-detail__value">{wish.onBehalf.phone}</Text>
          <CallButton className="wish-detail__call" phone={wish.onBehalf.phone} />
        </View>
      ) : null}
      {b.masked ? <Text className="wish-detail__note">为保护隐私，姓名和电话已打码；认领后可见完整信息。</Text> : null}
    </Section>
  );
};

const Claim = ({ wish }: { wish: WishView }) => {
  const claim = wish.claim;
  if (!claim) return null;
  const active = wish.status === 'claimed';
  return (
    <Section title="认领情况" name="claim">
      <Row label="认领人" value={claim.mine ? `${claim.claimerName}（我）` : claim.claimerName} name="claimer" />
      <Row label="认领时间" value={formatTime(claim.claimedAt)} />
      {active ? (
        <Row
          label="完成期限"
          value={`${formatTime(claim.deadline)}（${remainingText(claim.deadline)}）`}
          name="deadline"
        />
      ) : null}
    </Section>
  );
};

const Fulfilment = ({ wish }: { wish: WishView }) => {
  const f = wish.fulfilment;
  if (!f) return null;
  return (
    <Section title="完成情况" name="fulfilment">
      {f.photos.length > 0 ? <PhotoGrid photos={f.photos} name="fulfilment" /> : null}
      <Text className="wish-detail__text-block">{f.note}</Text>
      <Row label="完成时间" value={formatTime(f.at)} />
    </Section>
  );
};

const Rating = ({ wish }: { wish: WishView }) => {
  const r = wish.rating;
  if (!r) return null;
  return (
    <Section title="评价" name="rating">
      <Stars value={r.stars} />
      {r.comment ? <Text className="wish-detail__text-block">{r.comment}</Text> : null}
      {r.byStaff ? (
        <Text className="wish-detail__note">居民未在 7 天内确认，由社区工作人员核实后代为确认。</Text>
      ) : null}
    </Section>
  );
};

/** 办理记录: every step, oldest first, as a vertical line. */
const Timeline = ({ wish }: { wish: WishView }) => {
  if (!wish.timeline || wish.timeline.length === 0) return null;
  return (
    <Section title="办理记录" name="timeline">
      <View className="wish-timeline">
        {wish.timeline.map((step, i) => (
          <View key={`${step.at}-${i}`} className={`wish-timeline__step wish-timeline__step--${step.action}`}>
            <View className="wish-timeline__dot" />
            <View className="wish-timeline__body">
              <Text className="wish-timeline__action">{TIMELINE_ACTION_LABELS[step.action] ?? step.action}</Text>
              <Text className="wish-timeline__who">
                {[step.byName, timelineRole(step.role)].filter(Boolean).join(' · ')}
              </Text>
              <Text className="wish-timeline__at">{formatTime(step.at)}</Text>
              {step.note ? <Text className="wish-timeline__note">{step.note}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </Section>
  );
};

/** The buttons `view.can` allows, largest first. */
const Actions = observer(({ wish }: { wish: WishView }) => {
  const can = new Set(wish.can);
  const ask = (dialog: Dialog) => () => wishDetail.ask(dialog);
  const button = (
    key: string,
    label: string,
    onClick: () => void,
    type: 'primary' | 'default' | 'danger' = 'primary',
  ) => (
    <Button
      key={key}
      id={`wish-action-${key}`}
      className={`wish-detail__action wish-detail__action--${key}`}
      type={type}
      size="large"
      block
      onClick={onClick}
    >
      {label}
    </Button>
  );
  const buttons = [];
  if (can.has('review')) {
    if (!wish.flagged) buttons.push(button('publish', '审核通过，发布', ask('publish')));
    buttons.push(button('reject', '驳回', ask('reject'), wish.flagged ? 'danger' : 'default'));
  }
  if (can.has('claim')) buttons.push(button('claim', '我来认领', ask('claim')));
  if (can.has('fulfil'))
    buttons.push(
      button(
        'fulfil',
        '完成心愿，上传凭证',
        () => void Taro.navigateTo({ url: `${ROUTES.wishFulfil}?id=${encodeURIComponent(wish.id)}` }),
      ),
    );
  if (can.has('confirm')) buttons.push(button('confirm', '确认完成并评价', ask('confirm')));
  if (can.has('confirmForResident'))
    buttons.push(button('confirmForResident', '代居民确认完成', ask('confirmForResident')));
  if (can.has('cancelClaim')) buttons.push(button('cancelClaim', '取消认领', ask('cancelClaim'), 'default'));
  if (can.has('withdraw')) buttons.push(button('withdraw', '撤回心愿', ask('withdraw'), 'default'));
  if (buttons.length === 0) return null;
  return <View className="wish-detail__actions">{buttons}</View>;
});

const DIALOGS: Record<
  Dialog,
  {
    title: string;
    message: string;
    confirmText: string;
    danger?: boolean;
    text?: { placeholder: string };
    stars?: boolean;
  }
> = {
  withdraw: {
    title: '撤回心愿',
    message: '撤回后心愿不再显示，如仍需要可以重新提交。',
    confirmText: '确认撤回',
    danger: true,
    text: { placeholder: '撤回原因（选填）' },
  },
  claim: {
    title: '认领心愿',
    message: '认领后请尽快联系受助人，在期限内帮助完成并上传照片凭证。每人最多同时认领 3 个心愿。',
    confirmText: '确认认领',
  },
  cancelClaim: {
    title: '取消认领',
    message: '取消后心愿将重新开放，由其他党员认领。请说明原因。',
    confirmText: '确认取消认领',
    danger: true,
    text: { placeholder: '取消原因，例如：临时出差，无法按时完成' },
  },
  confirm: {
    title: '确认完成',
    message: '心愿实现了吗？请为帮助您的党员打分。',
    confirmText: '确认完成',
    stars: true,
    text: { placeholder: '说几句感谢或建议（选填）' },
  },
  confirmForResident: {
    title: '代居民确认',
    message: '居民 7 天内未确认。请先电话回访或上门查看，核实心愿确已完成，并写明核实方式。',
    confirmText: '代为确认',
    stars: true,
    text: { placeholder: '核实方式，例如：电话回访居民本人，确认已收到' },
  },
  publish: {
    title: '发布心愿',
    message: '发布后心愿将出现在心愿大厅，由在职党员认领。',
    confirmText: '确认发布',
  },
  reject: {
    title: '驳回心愿',
    message: '请写明驳回理由，提交人可以看到。',
    confirmText: '确认驳回',
    danger: true,
    text: { placeholder: '例如：此类问题请通过民情诉求反映' },
  },
};

/** The dialog's confirm; 确认认领 first asks for the messages a claim brings (inside the tap, as WeChat requires). */
function confirmDialog(): void {
  const asked = wishDetail.dialog === 'claim' ? subscriptions.ask('wishClaim') : Promise.resolve();
  void asked.then(async () => {
    const done = await wishDetail.confirmDialog();
    if (done) void Taro.showToast({ title: done, icon: 'success' });
  });
}

const ActionDialog = observer(() => {
  const d = wishDetail.dialog;
  if (!d) return null;
  const spec = DIALOGS[d];
  return (
    <ConfirmDialog
      prefix="wish-dialog"
      title={spec.title}
      message={spec.message}
      confirmText={spec.confirmText}
      danger={spec.danger}
      busy={wishDetail.busy}
      error={wishDetail.error}
      onConfirm={confirmDialog}
      onCancel={wishDetail.close}
    >
      {spec.stars ? <Stars value={wishDetail.stars} onChange={wishDetail.setStars} /> : null}
      {spec.text ? (
        <TextArea
          className="wish-detail__text"
          value={wishDetail.text}
          placeholder={spec.text.placeholder}
          maxLength={200}
          showCount
          onChange={wishDetail.setText}
        />
      ) : null}
      {wishDetail.fieldError ? <Text className="wish-detail__field-error">{wishDetail.fieldError}</Text> : null}
    </ConfirmDialog>
  );
});

const Detail = observer(({ wish }: { wish: WishView }) => (
  <View className="wish-detail">
    <View className="wish-detail__section wish-detail__section--wish">
      <View className="wish-detail__head">
        <Text className="wish-detail__category">{wish.category}</Text>
        <StatusTag status={wish.status} />
        <Text className="wish-detail__community">{wish.community.name}</Text>
      </View>
      {wish.flagged ? (
        <Text className="wish-detail__flagged">内容未通过安全检测：不能发布，只能驳回并说明理由</Text>
      ) : null}
      <Text className="wish-detail__description">{wish.description}</Text>
      {wish.photos.length > 0 ? <PhotoGrid photos={wish.photos} name="wish" /> : null}
      <Row label="提交时间" value={formatTime(wish.submittedAt)} />
      {wish.publishedAt ? <Row label="发布时间" value={formatTime(wish.publishedAt)} /> : null}
    </View>
    <Beneficiary wish={wish} />
    <Claim wish={wish} />
    <Fulfilment wish={wish} />
    <Rating wish={wish} />
    <Actions wish={wish} />
    <Timeline wish={wish} />
  </View>
));

/**
 * One wish, for any role (`?id=`): photos, description, beneficiary (masked or full as the
 * server sends it), claim, fulfilment, rating, 办理记录, and the actions `view.can` allows.
 */
const WishDetailPage = observer(() => {
  // The wish of this page (another detail page may have opened another wish meanwhile).
  const id = useRef('');
  useLoad((params: Record<string, string | undefined>) => {
    id.current = decodeURIComponent(params.id ?? '');
    wishDetail.open(id.current);
  });
  // Back from the fulfil form (or anywhere): the wish as it is now (the first show finds the load running).
  useDidShow(() => {
    if (id.current && !wishDetail.view.loading) wishDetail.open(id.current);
  });
  usePullDownRefresh(() => void wishDetail.view.load().then(() => Taro.stopPullDownRefresh()));
  const { view } = wishDetail;
  const wish = wishDetail.wish;
  return (
    <Screen>
      {view.error && !wish ? <ErrorNotice error={view.error} onRetry={view.load} /> : null}
      {!view.error && !wish ? <Loading /> : null}
      {wish ? <Detail wish={wish} /> : null}
      <ActionDialog />
    </Screen>
  );
});

export default WishDetailPage;
