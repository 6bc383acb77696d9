import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { needList as store } from '../../../../stores/cobuild/needs';
import { CloseDialog, NeedCard } from '../../lib/NeedCard';
import { countyOnly, scopeQuery } from '../../lib/scope';
import '../../lib/cobuild.scss';

/** One need (`?id=`, where a notification of a new matching resource leads): the need and its 匹配资源. */
const Need = observer(() => {
  useLoad((params: Record<string, string | undefined>) => void store.openOne(params.id ?? ''));
  const { one } = store;
  const need = one.value;
  return (
    <Screen>
      <View className="cobuild">
        {store.notice ? <Text className="cobuild__notice">{store.notice}</Text> : null}
        {need ? (
          <NeedCard need={need} />
        ) : one.error ? (
          <ErrorNotice error={one.error} onRetry={one.load} />
        ) : (
          <Loading />
        )}
        <Button
          className="cobuild__all"
          block
          onClick={() =>
            void Taro.navigateTo({
              // The county admin: back to the list of the item's community and year.
              url:
                ROUTES.cobuildNeeds +
                (need && countyOnly()
                  ? `?${scopeQuery({ communityId: need.communityId, year: need.year }).slice(1)}`
                  : ''),
            })
          }
        >
          查看全部需求
        </Button>
      </View>
      <CloseDialog />
    </Screen>
  );
});

export default Need;
