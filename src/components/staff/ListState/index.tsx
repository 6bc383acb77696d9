import { View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import type { CloudError } from '../../../services/CloudError';
import { EmptyState } from '../../EmptyState';
import { ErrorNotice } from '../../ErrorNotice';
import './index.scss';

/** What a list reads from: a `Loadable` of src/stores/loadable.ts, or anything shaped like it. */
interface Source<T> {
  value: T[] | null;
  loading: boolean;
  error: CloudError | null;
  load(): unknown;
}

interface Props<T> {
  source: Source<T> | null;
  emptyTitle: string;
  /** What to do, or what will be listed here and when. */
  emptyDescription: string;
  children: (items: T[]) => ReactNode;
}

/** A list's four states: loading, failed (message, request id for INTERNAL, 重试), empty, or the items. */
function ListStateView<T>({ source, emptyTitle, emptyDescription, children }: Props<T>) {
  if (!source) return null;
  if (source.error) return <ErrorNotice error={source.error} onRetry={() => void source.load()} />;
  if (source.value === null) return <View className="staff-list-state__loading">加载中…</View>;
  if (source.value.length === 0) return <EmptyState title={emptyTitle} description={emptyDescription} />;
  return (
    <>
      {source.loading ? <View className="staff-list-state__refreshing">正在刷新…</View> : null}
      {children(source.value)}
    </>
  );
}

export const ListState = observer(ListStateView) as typeof ListStateView;
