import { Text } from '@tarojs/components';
import { WISH_STATUS_LABELS, type WishStatus } from '../../../../contract/wishLabels';
import './index.scss';

/** A wish's status as a coloured tag: 待审核, 待认领, 已认领, 待确认, 已完成, 未通过, 已撤回. */
export function StatusTag({ status }: { status: WishStatus }) {
  return <Text className={`wish-status wish-status--${status}`}>{WISH_STATUS_LABELS[status]}</Text>;
}
