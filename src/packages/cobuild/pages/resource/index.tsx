import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { resourceList as store } from '../../../../stores/cobuild/resources';
import { ResourceCard, WithdrawDialog } from '../../lib/ResourceCard';
import { countyOnly, scopeQuery } from '../../lib/scope';
import '../../lib/cobuild.scss';

/** One resource (`?id=`, where a notification leads), with its 编辑 / 撤回 for the unit admin. */
const Resource = observer(() => {
  useLoad((params: Record<string, string | undefined>) => store.openOne(params.id ?? ''));
  const { one } = store;
  const resource = one.value;
  return (
    <Screen>
      <View className="cobuild">
        {store.notice ? <Text className="cobuild__notice">{store.notice}</Text> : null}
        {resource ? (
          <ResourceCard resource={resource} />
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
                ROUTES.cobuildResources +
                (resource && countyOnly()
                  ? `?${scopeQuery({ communityId: resource.communityId, year: resource.year }).slice(1)}`
                  : ''),
            })
          }
        >
          查看全部资源
        </Button>
      </View>
      <WithdrawDialog />
    </Screen>
  );
});

export default Resource;
