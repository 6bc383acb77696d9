import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import type { CloudError } from '../../../services/CloudError';
import './index.scss';

interface Props {
  title: string;
  message?: string;
  confirmText: string;
  /** A rejection or removal: the confirm button in warning red. */
  danger?: boolean;
  busy?: boolean;
  error?: CloudError | null;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}

/**
 * Asks before an action that cannot be undone. Rendered only while asking (the page decides), so
 * a page has one at a time; 确认 and 取消 are large buttons.
 */
export const ConfirmDialog = observer(
  ({ title, message, confirmText, danger, busy, error, onConfirm, onCancel, children }: Props) => (
    <View className="staff-confirm">
      <View className="staff-confirm__mask" onClick={busy ? undefined : onCancel} />
      <View className="staff-confirm__panel">
        <Text className="staff-confirm__title">{title}</Text>
        {message ? <Text className="staff-confirm__message">{message}</Text> : null}
        {children}
        {error ? (
          <View className="staff-confirm__error">
            <Text>{error.message}</Text>
            {error.code === 'INTERNAL' && error.requestId ? (
              <Text className="staff-confirm__request">请求编号：{error.requestId}</Text>
            ) : null}
          </View>
        ) : null}
        <View className="staff-confirm__actions">
          <Button id="staff-confirm-cancel" className="staff-confirm__button" disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button
            id="staff-confirm-ok"
            className={danger ? 'staff-confirm__button staff-confirm__button--danger' : 'staff-confirm__button'}
            type={danger ? 'danger' : 'primary'}
            loading={busy}
            onClick={onConfirm}
          >
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  ),
);
