import { useLoad } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { ROUTES } from '../../../../routes';
import { needList as store } from '../../../../stores/cobuild/needs';
import { ItemPage } from '../../lib/ItemPage';
import { CloseDialog, NeedCard } from '../../lib/NeedCard';
import '../../lib/cobuild.scss';

/** One need (`?id=`, where a notification of a new matching resource leads): the need and its 匹配资源. */
const Need = observer(() => {
  useLoad((params: Record<string, string | undefined>) => void store.openOne(params.id ?? ''));
  return (
    <ItemPage
      one={store.one}
      notice={store.notice}
      card={(need) => <NeedCard need={need} />}
      list={{ route: ROUTES.cobuildNeeds, label: '查看全部需求' }}
      dialog={<CloseDialog />}
    />
  );
});

export default Need;
