import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ComponentProps, ReactNode } from 'react';
import { Screen } from '../../../components/Screen';
import { ListState } from '../../../components/staff/ListState';
import { LoadMore } from '../../../components/staff/LoadMore';
import type { CloudError } from '../../../services/CloudError';
import { CountyScope } from './CountyScope';
import { useCommunityScope, type CommunityScoped } from './scope';

/** A list store of a community's co-building year (needs, resources, projects, agreements). */
interface ListStore extends CommunityScoped {
  year: number | null;
  list: { value: unknown[] | null; clear(): void };
}

/**
 * A list page's scope (`useCommunityScope`, `what`: 需求清单 …), and `reload` when the page shows
 * again once read (back from a form or an item; the first read is the scope's). True while the
 * page offers the county admin's community picker.
 */
export function useListScope(store: ListStore, what: string, reload: () => void): boolean {
  const picks = useCommunityScope(store, what, store.list.clear);
  useDidShow(() => {
    if (store.list.value) reload();
  });
  return picks;
}

interface ListPageProps<T> {
  store: CommunityScoped & { year: number | null };
  /** From `useListScope`. */
  picks: boolean;
  what: string;
  /** The button that adds to the list, for whom may add (the county admin's view is read-only). */
  add: { label: string; route: string } | null;
  /** More of the bar, under the add button. */
  bar?: ReactNode;
  /** Above the list: its tabs. */
  tabs?: ReactNode;
  notice?: string | null;
  list: { value: T[] | null; loading: boolean; error: CloudError | null; load(): unknown };
  empty: { title: string; description: string };
  /** Under a paged list: 加载更多 (`name` marks it). */
  more?: { list: ComponentProps<typeof LoadMore>['list']; name: string };
  children: (items: T[]) => ReactNode;
  /** A dialog the list's cards open. */
  dialog?: ReactNode;
}

/**
 * A list page of a community's co-building year: the county admin's community (or the picker
 * alone until one is picked), the add button, the tabs, and the list in its states.
 */
function ListPageView<T>(p: ListPageProps<T>) {
  const { store, picks, what, add } = p;
  if (picks && !store.communityId)
    return (
      <Screen>
        <CountyScope store={store} picks what={what} />
      </Screen>
    );
  return (
    <Screen>
      <CountyScope store={store} picks={picks} what={what} />
      {add || p.bar ? (
        <View className="cobuild__bar">
          {add ? (
            <Button
              className="cobuild__add"
              type="primary"
              size="large"
              block
              onClick={() => void Taro.navigateTo({ url: add.route })}
            >
              {add.label}
            </Button>
          ) : null}
          {p.bar}
        </View>
      ) : null}
      {p.tabs}
      <View className="cobuild">
        {p.notice ? <Text className="cobuild__notice">{p.notice}</Text> : null}
        <ListState source={p.list} emptyTitle={p.empty.title} emptyDescription={p.empty.description}>
          {p.children}
        </ListState>
        {p.more ? <LoadMore list={p.more.list} name={p.more.name} /> : null}
      </View>
      {p.dialog}
    </Screen>
  );
}

export const ListPage = observer(ListPageView) as typeof ListPageView;
