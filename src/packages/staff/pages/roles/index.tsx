import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ROLE_LABELS } from '../../../../../contract/roles';
import { EmptyState } from '../../../../components/EmptyState';
import { Screen } from '../../../../components/Screen';
import { session } from '../../../../stores/session';
import { describeScope, DUTIES } from './scope';
import './index.scss';

/** The caller's staff roles and where each may act. */
const StaffRoles = observer(() => {
  const grants = session.staffGrants;
  return (
    <Screen>
      {grants.length === 0 ? <EmptyState title="暂无工作职责" description="您目前没有社区工作人员身份" /> : null}
      <View className="staff-roles">
        {grants.map((grant, i) => (
          <View key={`${grant.role}-${i}`} className="staff-roles__card">
            <Text className="staff-roles__label">{ROLE_LABELS[grant.role]}</Text>
            <Text className="staff-roles__scope">范围：{describeScope(grant)}</Text>
            <Text className="staff-roles__duty">{DUTIES[grant.role]}</Text>
          </View>
        ))}
      </View>
    </Screen>
  );
});

export default StaffRoles;
