import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import './index.scss';

/**
 * 拨打: calls `phone` (WeChat's dialer; the number may stay masked on screen beside it). One line,
 * never squeezed by the text next to it. `className` names it for the page and its tests.
 */
export function CallButton({ phone, className = '' }: { phone: string; className?: string }) {
  return (
    <Text className={`call-button ${className}`.trim()} onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
      拨打
    </Text>
  );
}
