import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { Screen } from '../../../components/Screen';
import type { Loadable } from '../../../stores/loadable';
import { countyOnly, scopeQuery } from './scope';

/**
 * A page of one list item (a need, a resource: `?id=`, where a notification leads): the item's
 * card once read, and 查看全部… to its list — for the county admin the list of the item's community
 * and year, the one they came from.
 */
export const ItemPage = observer(
  <T extends { communityId: string; year: number }>({
    one,
    notice,
    card,
    list,
    dialog,
  }: {
    one: Loadable<T>;
    notice: string | null;
    card: (item: T) => ReactNode;
    list: { route: string; label: string };
    dialog: ReactNode;
  }) => {
    const item = one.value;
    const url =
      list.route +
      (item && countyOnly() ? `?${scopeQuery({ communityId: item.communityId, year: item.year }).slice(1)}` : '');
    return (
      <Screen>
        <View className="cobuild">
          {notice ? <Text className="cobuild__notice">{notice}</Text> : null}
          {item ? card(item) : one.error ? <ErrorNotice error={one.error} onRetry={one.load} /> : <Loading />}
          <Button className="cobuild__all" block onClick={() => void Taro.navigateTo({ url })}>
            {list.label}
          </Button>
        </View>
        {dialog}
      </Screen>
    );
  },
);
