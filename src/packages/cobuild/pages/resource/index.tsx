import { useLoad } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { ROUTES } from '../../../../routes';
import { resourceList as store } from '../../../../stores/cobuild/resources';
import { ItemPage } from '../../lib/ItemPage';
import { ResourceCard, WithdrawDialog } from '../../lib/ResourceCard';
import '../../lib/cobuild.scss';

/** One resource (`?id=`, where a notification leads), with its 编辑 / 撤回 for the unit admin. */
const Resource = observer(() => {
  useLoad((params: Record<string, string | undefined>) => store.openOne(params.id ?? ''));
  return (
    <ItemPage
      one={store.one}
      notice={store.notice}
      card={(resource) => <ResourceCard resource={resource} />}
      list={{ route: ROUTES.cobuildResources, label: '查看全部资源' }}
      dialog={<WithdrawDialog />}
    />
  );
});

export default Resource;
