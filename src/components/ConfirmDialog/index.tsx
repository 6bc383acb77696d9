import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import type { CloudError } from '../../services/CloudError';
import './index.scss';

/**
 * Names the dialog's root class, its BEM elements and its button ids (`#<prefix>-ok`,
 * `#<prefix>-cancel`), which the tests select on: `staff-confirm` on the staff tools,
 * `wish-dialog` on the micro-wish pages. Each keeps its own look (index.scss).
 */
export type ConfirmDialogPrefix = 'staff-confirm' | 'wish-dialog';

interface Props {
  prefix: ConfirmDialogPrefix;
  title: string;
  message?: string;
  confirmText: string;
  /** A rejection, removal or giving something up: the confirm button in warning red. */
  danger?: boolean;
  busy?: boolean;
  error?: CloudError | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** The dialog's inputs (reason, stars …), between the message and the error. */
  children?: ReactNode;
}

/**
 * Asks before an action that cannot be undone: what it does, its inputs, the server's message
 * when it failed (with the request id for INTERNAL), and two large buttons, 取消 and the confirm
 * text. Rendered only while asking (the page decides), so a page has one at a time.
 */
export const ConfirmDialog = observer(
  ({ prefix, title, message, confirmText, danger, busy, error, onConfirm, onCancel, children }: Props) => (
    <View className={prefix}>
      <View className={`${prefix}__mask`} onClick={busy ? undefined : onCancel} />
      <View className={`${prefix}__panel`}>
        <Text className={`${prefix}__title`}>{title}</Text>
        {message ? <Text className={`${prefix}__message`}>{message}</Text> : null}
        {children}
        {error ? (
          <View className={`${prefix}__error`}>
            <Text>{error.message}</Text>
            {error.code === 'INTERNAL' && error.requestId ? (
              <Text className={`${prefix}__request`}>请求编号：{error.requestId}</Text>
            ) : null}
          </View>
        ) : null}
        <View className={`${prefix}__actions`}>
          <Button id={`${prefix}-cancel`} className={`${prefix}__button`} disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button
            id={`${prefix}-ok`}
            className={danger ? `${prefix}__button ${prefix}__button--danger` : `${prefix}__button`}
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
