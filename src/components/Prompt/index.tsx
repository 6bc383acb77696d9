import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EmptyState } from '../EmptyState';
import './index.scss';

interface PromptProps {
  title: string;
  /** Why this comes first, or what the page shows once it is done. */
  description: string;
  action?: string;
  onAction?: () => void;
  /** Names the prompt in class names: `prompt--<name>`. */
  name: string;
}

/** Something to do before this page can help (fill the address, accept the guide…), with the one button that does it. */
export function Prompt({ title, description, action, onAction, name }: PromptProps) {
  return (
    <View className={`prompt prompt--${name}`}>
      <EmptyState title={title} description={description} />
      {action && onAction ? (
        <Button
          className={`prompt__action prompt__action--${name}`}
          type="primary"
          size="large"
          block
          onClick={onAction}
        >
          {action}
        </Button>
      ) : null}
    </View>
  );
}
