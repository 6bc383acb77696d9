import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CloudError } from '../../services/CloudError';
import './index.scss';

/** A failed call as the user sees it: the server's message, and the request id for INTERNAL. */
export function ErrorNotice({ error, onRetry }: { error: CloudError; onRetry?: () => void }) {
  return (
    <View className="error-notice">
      <Text className="error-notice__message">{error.message}</Text>
      {error.code === 'INTERNAL' && error.requestId ? (
        <Text className="error-notice__request">请求编号：{error.requestId}</Text>
      ) : null}
      {onRetry ? (
        <Button className="error-notice__retry" size="small" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
