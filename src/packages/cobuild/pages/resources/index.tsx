import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { RESOURCE_STATUS_LABELS } from '../../../../../contract/cobuild';
import { Screen } from '../../../../components/Screen';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { Segmented } from '../../../../components/staff/Segmented';
import { ROUTES } from '../../../../routes';
import { RESOURCE_TABS, resourceList as store } from '../../../../stores/cobuild/resources';
import { cobuildSide } from '../../../../stores/cobuild/side';
import { CountyScope } from '../../lib/CountyScope';
import { ResourceCard, WithdrawDialog } from '../../lib/ResourceCard';
import { useCommunityScope } from '../../lib/scope';
import '../../lib/cobuild.scss';

const TABS = RESOURCE_TABS.map((key) => ({ key, label: key === 'all' ? '全部' : RESOURCE_STATUS_LABELS[key] }));
const go = (url: string) => void Taro.navigateTo({ url });

/** 资源清单: the unit admin's own (新增, 编辑, 撤回); the secretary's paired units' (read). */
const Resources = observer(() => {
  const picks = useCommunityScope(store, '资源清单', store.list.clear);
  // Back from a form or a resource's page: read again (the first read is the scope's).
  useDidShow(() => {
    if (store.list.value) store.refresh();
  });
  // The county admin's view of a community is read-only (the cards follow each resource's `can`).
  const unit = cobuildSide.unitAdmin !== null && store.communityId === null;
  if (picks && !store.communityId)
    return (
      <Screen>
        <CountyScope store={store} picks what="资源清单" />
      </Screen>
    );
  return (
    <Screen>
      <CountyScope store={store} picks={picks} what="资源清单" />
      {unit ? (
        <View className="cobuild__bar">
          <Button
            className="cobuild__add"
            type="primary"
            size="large"
            block
            onClick={() => go(ROUTES.cobuildResourceEdit)}
          >
            新增资源
          </Button>
        </View>
      ) : null}
      <Segmented options={TABS} value={store.tab} onChange={store.show} />
      <View className="cobuild">
        {store.notice ? <Text className="cobuild__notice">{store.notice}</Text> : null}
        <ListState
          source={store.list}
          emptyTitle="暂无资源"
          emptyDescription={unit ? '点击“新增资源”列出本单位能为社区提供的帮助' : '结对单位报送资源后会显示在这里'}
        >
          {(items) => items.map((r) => <ResourceCard key={r.id} resource={r} detail />)}
        </ListState>
        <LoadMore list={store.list} name="resources" />
      </View>
      <WithdrawDialog />
    </Screen>
  );
});

export default Resources;
