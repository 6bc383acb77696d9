import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { COBUILD_CATEGORIES, NEED_STATUS_LABELS } from '../../../../../contract/cobuild';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { Segmented } from '../../../../components/staff/Segmented';
import { ROUTES } from '../../../../routes';
import { NEED_TABS, needList as store } from '../../../../stores/cobuild/needs';
import { cobuildSide } from '../../../../stores/cobuild/side';
import { CountyScope } from '../../lib/CountyScope';
import { CloseDialog, NeedCard } from '../../lib/NeedCard';
import { useCommunityScope } from '../../lib/scope';
import '../../lib/cobuild.scss';

const TABS = NEED_TABS.map((key) => ({ key, label: key === 'all' ? '全部' : NEED_STATUS_LABELS[key] }));
const CATEGORIES = COBUILD_CATEGORIES.map((c) => ({ value: c, label: c }));
const go = (url: string) => void Taro.navigateTo({ url });

/** 需求清单 of the year: status tabs, category, each need's 匹配资源; the secretary adds, edits and closes. */
const Needs = observer(() => {
  const picks = useCommunityScope(store, '需求清单', store.list.clear);
  // Back from a form or a need's page: read again (the first read is the scope's).
  useDidShow(() => {
    if (store.list.value) store.refresh();
  });
  // The county admin's view of a community is read-only (the cards follow each need's `can`).
  const secretary = cobuildSide.secretary !== null && store.communityId === null;
  if (picks && !store.communityId)
    return (
      <Screen>
        <CountyScope store={store} picks what="需求清单" />
      </Screen>
    );
  return (
    <Screen>
      <CountyScope store={store} picks={picks} what="需求清单" />
      <View className="cobuild__bar">
        {secretary ? (
          <Button className="cobuild__add" type="primary" size="large" block onClick={() => go(ROUTES.cobuildNeedEdit)}>
            新增需求
          </Button>
        ) : null}
        <Text className="cobuild__muted">按类别查看（再点一次取消）</Text>
        <Choices name="need-category" options={CATEGORIES} selected={store.category} onPick={store.pickCategory} />
      </View>
      <Segmented options={TABS} value={store.tab} onChange={store.show} />
      <View className="cobuild">
        {store.notice ? <Text className="cobuild__notice">{store.notice}</Text> : null}
        <ListState
          source={store.list}
          emptyTitle="暂无需求"
          emptyDescription={secretary ? '点击“新增需求”列出社区今年需要帮助的事项' : '社区列出需求后会显示在这里'}
        >
          {(items) => items.map((n) => <NeedCard key={n.id} need={n} detail />)}
        </ListState>
        <LoadMore list={store.list} name="needs" />
      </View>
      <CloseDialog />
    </Screen>
  );
});

export default Needs;
