import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { MessageView } from '../../../../../contract/notifications';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Screen } from '../../../../components/Screen';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { formatTime } from '../../../../components/wish/labels';
import { messages } from '../../../../stores/messages';
import './index.scss';

const Item = ({ message }: { message: MessageView }) => (
  <View
    className={`messages__item${message.read ? '' : ' messages__item--unread'}`}
    id={`message-${message.id}`}
    onClick={() => messages.open(message)}
  >
    <View className="messages__head">
      {message.read ? null : <Text className="messages__dot">未读</Text>}
      <Text className="messages__title">{message.title}</Text>
      <Text className="messages__time">{formatTime(message.createdAt)}</Text>
    </View>
    <Text className="messages__text">{message.text}</Text>
    <Text className="messages__open">查看详情 ›</Text>
  </View>
);

/**
 * 消息: every notification the user got — 办理进度, 审核结果, 待办提醒 — newest first, whether or not
 * they subscribed to WeChat's messages. A tap opens its page and marks it read; 全部已读 clears
 * the count on 我的.
 */
const Messages = observer(() => {
  useDidShow(() => void messages.list.load());
  usePullDownRefresh(() => void messages.list.load().then(() => Taro.stopPullDownRefresh()));
  return (
    <Screen>
      <View className="messages__bar">
        <Text className="messages__count">{messages.unread > 0 ? `${messages.unread} 条未读` : '没有未读消息'}</Text>
        {messages.unread > 0 ? (
          <Button
            className="messages__all-read"
            size="small"
            loading={messages.markingAll.busy}
            onClick={() => void messages.markAllRead()}
          >
            全部已读
          </Button>
        ) : null}
      </View>
      {messages.markingAll.error ? <ErrorNotice error={messages.markingAll.error} /> : null}
      <ListState
        source={messages.list}
        emptyTitle="暂无消息"
        emptyDescription="心愿、诉求的办理进度和审核结果会在这里通知您"
      >
        {(items) => (
          <View className="messages__list">
            {items.map((m) => (
              <Item key={m.id} message={m} />
            ))}
          </View>
        )}
      </ListState>
      <LoadMore list={messages.list} name="messages" />
    </Screen>
  );
});

export default Messages;
