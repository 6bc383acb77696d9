import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { WishView } from '../../../../../contract';
import { Screen } from '../../../../components/Screen';
import { WishCard } from '../../../../components/wish/WishCard';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { SearchBar } from '../../../../components/staff/SearchBar';
import { Segmented } from '../../../../components/staff/Segmented';
import { WishList } from '../../../../components/wish/WishList';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import { wishReview, type ReviewTab } from '../../../../stores/staff/wishReview';
import './index.scss';

const openWish = (wish: WishView) =>
  void Taro.navigateTo({ url: `${ROUTES.wishDetail}?id=${encodeURIComponent(wish.id)}` });

const TABS: Array<{ key: ReviewTab; label: string }> = [
  { key: 'todo', label: '待审核' },
  { key: 'done', label: '已审核' },
];

const INTRO: Record<ReviewTab, string> = {
  todo: '居民提交的心愿，审核通过后发布到心愿大厅。内容未通过安全检测的只能驳回。',
  done: '已发布或已驳回的心愿（最近 100 条），最近有进展的在前。点开可查看经过。',
};

const EMPTY: Record<ReviewTab, { title: string; description: string }> = {
  todo: { title: '没有待审核的心愿', description: '居民提交的新心愿会出现在这里' },
  done: { title: '还没有已审核的心愿', description: '发布或驳回的心愿会列在这里' },
};

const Who = ({ wish }: { wish: WishView }) => (
  <View className="wish-review__who">
    <Text>
      受助人：{wish.beneficiary.name}
      {wish.beneficiary.phone ? <Text className="txy-nowrap"> · {wish.beneficiary.phone}</Text> : null}
    </Text>
    {wish.beneficiary.address ? <Text>住址：{wish.beneficiary.address}</Text> : null}
  </View>
);

/**
 * A submitted wish with the beneficiary in full (staff in scope) and 发布 / 驳回 right here; one a
 * grid worker submitted for a resident says so. A wish of the viewer's own (`can` without
 * `review`: the server refuses it) offers no buttons: a colleague reviews it.
 */
const ReviewCard = observer(({ wish }: { wish: WishView }) => (
  <WishCard wish={wish} kind="review" onTap={() => openWish(wish)}>
    <Who wish={wish} />
    {wish.can.includes('review') ? (
      <View className="wish-review__actions">
        <Button
          id={`wish-reject-${wish.id}`}
          className="wish-review__reject"
          type={wish.flagged ? 'danger' : 'default'}
          onClick={() => wishReview.ask(wish, 'reject')}
        >
          驳回
        </Button>
        {wish.flagged ? null : (
          <Button
            id={`wish-publish-${wish.id}`}
            className="wish-review__publish"
            type="primary"
            onClick={() => wishReview.ask(wish, 'publish')}
          >
            发布
          </Button>
        )}
      </View>
    ) : (
      <Text id={`wish-own-${wish.id}`} className="wish-review__own">
        {wish.onBehalf ? '这是您代居民提交的心愿' : '这是您本人提交的心愿'}，由其他工作人员审核
      </Text>
    )}
  </WishCard>
));

/** A reviewed wish (已审核): its status on the card, who it is for; its page tells the rest. */
const DoneCard = ({ wish }: { wish: WishView }) => (
  <WishCard wish={wish} kind="review" onTap={() => openWish(wish)}>
    <Who wish={wish} />
  </WishCard>
);

const Search = observer(() => (
  <View className="wish-review__search">
    <SearchBar
      value={wishReview.query.typed}
      placeholder="心愿内容、受助人或住址"
      maxLength={30}
      onChange={wishReview.query.setTyped}
      onSearch={wishReview.query.run}
    />
  </View>
));

async function confirm(): Promise<void> {
  const reviewed = await wishReview.confirm();
  if (reviewed) void Taro.showToast({ title: reviewed.status === 'published' ? '已发布' : '已驳回', icon: 'success' });
}

const Decision = observer(() => {
  const deciding = wishReview.deciding;
  if (!deciding) return null;
  const { wish, decision } = deciding;
  if (decision === 'publish') {
    return (
      <ConfirmDialog
        prefix="wish-dialog"
        title="发布心愿"
        message={`发布「${wish.description}」？发布后出现在心愿大厅，由在职党员认领。`}
        confirmText="确认发布"
        busy={wishReview.busy}
        error={wishReview.error}
        onConfirm={() => void confirm()}
        onCancel={wishReview.cancel}
      />
    );
  }
  return (
    <ConfirmDialog
      prefix="wish-dialog"
      title="驳回心愿"
      message="请写明驳回理由，提交人可以看到。"
      confirmText="确认驳回"
      danger
      busy={wishReview.busy}
      error={wishReview.error}
      onConfirm={() => void confirm()}
      onCancel={wishReview.cancel}
    >
      <TextArea
        className="wish-review__reason"
        value={wishReview.reason}
        placeholder="例如：此类问题请通过民情诉求反映"
        maxLength={200}
        showCount
        onChange={wishReview.setReason}
      />
      {wishReview.reasonError ? <Text className="wish-review__reason-error">{wishReview.reasonError}</Text> : null}
    </ConfirmDialog>
  );
});

/**
 * 心愿审核 (grid worker: their grids; secretary: their community): 待审核, submitted wishes
 * oldest first, or 已审核, those published or rejected, latest moved first; a search box narrows
 * either. A wish held by the content check says so and can only be rejected. Tap a card for the
 * whole wish; 代为确认 of a fulfilled wish is on its detail page. A grid worker finds 代居民提交
 * (a wish for a resident without a phone) here too.
 */
const WishReview = observer(() => {
  useLoad(wishReview.open);
  // Every later show reads the queue again (another reviewer may have decided meanwhile).
  useDidShow(() => {
    if (!wishReview.queue.loading) void wishReview.queue.load();
  });
  usePullDownRefresh(() => void wishReview.queue.load().then(() => Taro.stopPullDownRefresh()));
  const { tab } = wishReview;
  const { q } = wishReview.query;
  return (
    <Screen>
      <Segmented options={TABS} value={tab} onChange={wishReview.setTab} />
      <Search />
      <Text className="wish-review__intro">{INTRO[tab]}</Text>
      {tab === 'todo' && session.roles.includes('gridWorker') ? (
        <View
          className="wish-review__on-behalf"
          onClick={() => void Taro.navigateTo({ url: ROUTES.staffWishOnBehalf })}
        >
          <Text className="wish-review__on-behalf-title">代居民提交</Text>
          <Text className="wish-review__on-behalf-hint">居民没有手机？由您代为提交心愿 ›</Text>
        </View>
      ) : null}
      <WishList
        source={wishReview.queue}
        emptyTitle={q ? `没有找到与“${q}”有关的心愿` : EMPTY[tab].title}
        emptyDescription={q ? '换个词试试，或清空搜索框后点“搜索”' : EMPTY[tab].description}
      >
        {(items) =>
          items.map((wish) =>
            tab === 'todo' ? <ReviewCard key={wish.id} wish={wish} /> : <DoneCard key={wish.id} wish={wish} />,
          )
        }
      </WishList>
      <Decision />
    </Screen>
  );
});

export default WishReview;
