import { observer } from 'mobx-react-lite';
import { RESOURCE_STATUS_LABELS } from '../../../../../contract/cobuild';
import { Segmented } from '../../../../components/staff/Segmented';
import { ROUTES } from '../../../../routes';
import { RESOURCE_TABS, resourceList as store } from '../../../../stores/cobuild/resources';
import { cobuildSide } from '../../../../stores/cobuild/side';
import { ListPage, useListScope } from '../../lib/ListPage';
import { ResourceCard, WithdrawDialog } from '../../lib/ResourceCard';
import '../../lib/cobuild.scss';

const TABS = RESOURCE_TABS.map((key) => ({ key, label: key === 'all' ? '全部' : RESOURCE_STATUS_LABELS[key] }));

/** 资源清单: the unit admin's own (新增, 编辑, 撤回); the secretary's paired units' (read). */
const Resources = observer(() => {
  const picks = useListScope(store, '资源清单', store.refresh);
  // The county admin's view of a community is read-only (the cards follow each resource's `can`).
  const unit = cobuildSide.unitAdmin !== null && store.communityId === null;
  return (
    <ListPage
      store={store}
      picks={picks}
      what="资源清单"
      add={unit ? { label: '新增资源', route: ROUTES.cobuildResourceEdit } : null}
      tabs={<Segmented options={TABS} value={store.tab} onChange={store.show} />}
      notice={store.notice}
      list={store.list}
      empty={{
        title: '暂无资源',
        description: unit ? '点击“新增资源”列出本单位能为社区提供的帮助' : '结对单位报送资源后会显示在这里',
      }}
      more={{ list: store.list, name: 'resources' }}
      dialog={<WithdrawDialog />}
    >
      {(items) => items.map((r) => <ResourceCard key={r.id} resource={r} detail />)}
    </ListPage>
  );
});

export default Resources;
