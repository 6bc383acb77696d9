import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { PagedList } from '../../../stores/paged';
import { ErrorNotice } from '../../ErrorNotice';
import './index.scss';

/** What it reads of a `PagedList` (any item type). */
type Paging = Pick<PagedList<unknown>, 'value' | 'next' | 'loading' | 'moreError' | 'more'>;

/** Under a paged list: 加载更多 while there is a next page, the failure of the last one with 重试. */
export const LoadMore = observer(({ list, name }: { list: Paging; name: string }) => {
  if (!list.value || list.value.length === 0) return null;
  return (
    <View className={`staff-load-more staff-load-more--${name}`}>
      {list.moreError ? <ErrorNotice error={list.moreError} onRetry={() => void list.more()} /> : null}
      {list.next !== null && !list.moreError ? (
        <Button className="staff-load-more__button" block loading={list.loading} onClick={() => void list.more()}>
          加载更多
        </Button>
      ) : null}
      {list.next === null ? <Text className="staff-load-more__end">已全部显示</Text> : null}
    </View>
  );
});
