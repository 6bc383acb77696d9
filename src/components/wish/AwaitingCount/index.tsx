import { useDidShow } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { wishAwaiting } from '../../../stores/wishesAwaiting';
import './index.scss';

/**
 * How many fulfilled wishes wait for staff to confirm them on the resident's behalf, as a badge
 * (nothing while none, or before the list has been read). Reads the list when shown.
 */
export const AwaitingCount = observer(() => {
  useEffect(() => wishAwaiting.show(), []);
  useDidShow(wishAwaiting.show);
  const count = wishAwaiting.count;
  if (!count) return null;
  return <Text className="wish-awaiting-count">{count > 99 ? '99+' : count}</Text>;
});
