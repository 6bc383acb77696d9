import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { ROLE_LABELS, type Role } from '../../../contract/roles';
import './index.scss';

/** The roles a user holds, as tags with their Chinese names. */
export function RoleTags({ roles, active }: { roles: readonly Role[]; active?: Role }) {
  return (
    <View className="role-tags">
      {roles.map((role) => (
        <Tag
          key={role}
          className="role-tags__tag"
          type={role === active ? 'primary' : 'default'}
          plain={role !== active}
        >
          {ROLE_LABELS[role]}
        </Tag>
      ))}
    </View>
  );
}
