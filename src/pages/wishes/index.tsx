import { observer } from 'mobx-react-lite';
import { EmptyState } from '../../components/EmptyState';
import { Screen } from '../../components/Screen';

/** The wish hall. Empty until the wish feature lands. */
const Wishes = observer(() => (
  <Screen>
    <EmptyState title="暂无心愿" description="居民提交、社区发布的微心愿会显示在这里" />
  </Screen>
));

export default Wishes;
