import { Image, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { WishView } from '../../../../contract';
import { formatDay } from '../../../utils/date';
import { formatTime, remainingText, waitingText } from '../labels';
import { StatusTag } from '../StatusTag';
import './index.scss';

export type WishCardKind = 'hall' | 'mine' | 'claim' | 'review' | 'awaiting';

/** The one line under the description that matters for this list. */
function meta(wish: WishView, kind: WishCardKind): string {
  switch (kind) {
    case 'hall':
      return waitingText(wish.publishedAt);
    case 'claim':
      if (wish.status === 'claimed' && wish.claim) return `认领期限 ${formatDay(wish.claim.deadline)}`;
      return wish.claim ? `认领于 ${formatTime(wish.claim.claimedAt)}` : '';
    case 'awaiting':
      // Listed only once the resident's 7 days have passed (the server decides, by its clock).
      return wish.fulfilment ? `完成于 ${formatTime(wish.fulfilment.at)}，居民超过 7 天未确认` : '';
    default:
      return `提交于 ${formatTime(wish.submittedAt)}`;
  }
}

/**
 * A wish in a list: category, status (except in the hall, where all are 待认领), description,
 * who submitted it for the resident (a grid worker, outside the hall), community, the time that
 * matters, and the first photo. `id="wish-<id>"`; tap opens it.
 */
export function WishCard({
  wish,
  kind,
  onTap,
  children,
}: {
  wish: WishView;
  kind: WishCardKind;
  onTap: () => void;
  children?: ReactNode;
}) {
  const photo = wish.photos.find((p) => p.url)?.url ?? null;
  const remaining =
    kind === 'claim' && wish.status === 'claimed' && wish.claim ? remainingText(wish.claim.deadline) : '';
  return (
    <View className={`wish-card wish-card--${kind}`} id={`wish-${wish.id}`}>
      <View className="wish-card__main" onClick={onTap}>
        <View className="wish-card__body">
          <View className="wish-card__head">
            <Text className="wish-card__category">{wish.category}</Text>
            {kind === 'hall' ? null : <StatusTag status={wish.status} />}
            {remaining ? (
              <Text className={`wish-card__remaining${remaining === '已超期' ? ' wish-card__remaining--late' : ''}`}>
                {remaining}
              </Text>
            ) : null}
          </View>
          <Text className="wish-card__description">{wish.description}</Text>
          {wish.flagged ? <Text className="wish-card__flagged">内容未通过安全检测</Text> : null}
          {wish.onBehalf && kind !== 'hall' ? (
            <Text className="wish-card__on-behalf">网格员 {wish.onBehalf.byName} 代居民提交</Text>
          ) : null}
          <View className="wish-card__meta">
            <Text className="wish-card__community">{wish.community.name}</Text>
            <Text className="wish-card__time">{meta(wish, kind)}</Text>
          </View>
        </View>
        {photo ? (
          <View className="wish-card__thumb">
            <Image className="wish-card__image" src={photo} mode="aspectFill" lazyLoad />
            {wish.photos.length > 1 ? <Text className="wish-card__count">{wish.photos.length} 张</Text> : null}
          </View>
        ) : null}
      </View>
      {children}
    </View>
  );
}
