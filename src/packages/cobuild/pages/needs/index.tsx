import { Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { NEED_STATUS_LABELS } from '../../../../../contract/cobuild';
import { Choices } from '../../../../components/staff/Choices';
import { Segmented } from '../../../../components/staff/Segmented';
import { ROUTES } from '../../../../routes';
import { NEED_TABS, needList as store } from '../../../../stores/cobuild/needs';
import { cobuildSide } from '../../../../stores/cobuild/side';
import { CATEGORIES } from '../../lib/FormFrame';
import { ListPage, useListScope } from '../../lib/ListPage';
import { CloseDialog, NeedCard } from '../../lib/NeedCard';
import '../../lib/cobuild.scss';

const TABS = NEED_TABS.map((key) => ({ key, label: key === 'all' ? '全部' : NEED_STATUS_LABELS[key] }));

/** 需求清单 of the year: status tabs, category, each need's 匹配资源; the secretary adds, edits and closes. */
const Needs = observer(() => {
  const picks = useListScope(store, '需求清单', store.refresh);
  // The county admin's view of a community is read-only (the cards follow each need's `can`).
  const secretary = cobuildSide.secretary !== null && store.communityId === null;
  return (
    <ListPage
      store={store}
      picks={picks}
      what="需求清单"
      add={secretary ? { label: '新增需求', route: ROUTES.cobuildNeedEdit } : null}
      bar={
        <>
          <Text className="cobuild__muted">按类别查看（再点一次取消）</Text>
          <Choices name="need-category" options={CATEGORIES} selected={store.category} onPick={store.pickCategory} />
        </>
      }
      tabs={<Segmented options={TABS} value={store.tab} onChange={store.show} />}
      notice={store.notice}
      list={store.list}
      empty={{
        title: '暂无需求',
        description: secretary ? '点击“新增需求”列出社区今年需要帮助的事项' : '社区列出需求后会显示在这里',
      }}
      more={{ list: store.list, name: 'needs' }}
      dialog={<CloseDialog />}
    >
      {(items) => items.map((n) => <NeedCard key={n.id} need={n} detail />)}
    </ListPage>
  );
});

export default Needs;
