import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import type { CloudError } from '../../../services/CloudError';
import './index.scss';

interface Props {
  title: string;
  message?: string;
  confirmText: string;
  /** Refusing or giving something up: the confirm button in warning red. */
  danger?: boolean;
  busy?: boolean;
  error?: CloudError | null;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}

/**
 * Asks before a wish action: what it does, its inputs (reason, stars …), the server's message
 * when it failed (with the request id for INTERNAL), and two large buttons
 * (`#wish-dialog-cancel`, `#wish-dialog-ok`). Rendered only while asking.
 */
export function WishDialog({ title, message, confirmText, danger, busy, error, onConfirm, onCancel, children }: Props) {
  return (
    <View className="wish-dialog">
      <View className="wish-dialog__mask" onClick={busy ? undefined : onCancel} />
      <View className="wish-dialog__panel">
        <Text className="wish-dialog__title">{title}</Text>
        {message ? <Text className="wish-dialog__message">{message}</Text> : null}
        {children}
        {error ? (
          <View className="wish-dialog__error">
            <Text>{error.message}</Text>
            {error.code === 'INTERNAL' && error.requestId ? (
              <Text className="wish-dialog__request">请求编号：{error.requestId}</Text>
            ) : null}
          </View>
        ) : null}
        <View className="wish-dialog__actions">
          <Button id="wish-dialog-cancel" className="wish-dialog__button" disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button
            id="wish-dialog-ok"
            className="wish-dialog__button"
            type={danger ? 'danger' : 'primary'}
            loading={busy}
            onClick={onConfirm}
          >
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  );
}
