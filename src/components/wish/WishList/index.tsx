import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import type { CloudError } from '../../../services/CloudError';
import { EmptyState } from '../../EmptyState';
import { ErrorNotice } from '../../ErrorNotice';
import { Loading } from '../../Loading';
import './index.scss';

/** What a list reads from: a `Loadable` of src/stores/loadable.ts. */
interface Source<T> {
  value: T[] | null;
  loading: boolean;
  error: CloudError | null;
  load(): unknown;
}

interface Props<T> {
  source: Source<T>;
  emptyTitle: string;
  /** What to do, or what will be listed here and when. */
  emptyDescription: string;
  children: (items: T[]) => ReactNode;
}

/** A wish list's states: loading, failed (message, request id for INTERNAL, 重试), empty, or the cards. */
function WishListView<T>({ source, emptyTitle, emptyDescription, children }: Props<T>) {
  if (source.error && source.value === null) return <ErrorNotice error={source.error} onRetry={() => source.load()} />;
  if (source.value === null) return <Loading />;
  return (
    <View className="wish-list">
      {source.error ? <ErrorNotice error={source.error} onRetry={() => source.load()} /> : null}
      {source.loading ? <Text className="wish-list__refreshing">正在刷新…</Text> : null}
      {source.value.length === 0 ? (
        <EmptyState title={emptyTitle} description={emptyDescription} />
      ) : (
        children(source.value)
      )}
    </View>
  );
}

export const WishList = observer(WishListView) as typeof WishListView;
