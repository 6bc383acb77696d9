import { observer } from 'mobx-react-lite';
import { EmptyState } from '../../components/EmptyState';
import { Screen } from '../../components/Screen';

/** Complaints and requests (民情诉求). Empty until the complaint feature lands. */
const Cases = observer(() => (
  <Screen>
    <EmptyState title="暂无诉求" description="您反映的民情诉求和办理进度会显示在这里" />
  </Screen>
));

export default Cases;
