import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { ROLE_LABELS, type Role } from '../../../contract/roles';
import './index.scss';

/** The roles a user holds, as tags with their Chinese names; with `onPick`, a tap acts as that role. */
export function RoleTags({
  roles,
  active,
  onPick,
}: {
  roles: readonly Role[];
  active?: Role;
  onPick?: (role: Role) => void;
}) {
  return (
    <View className="role-tags">
      {roles.map((role) => (
        <Tag
          key={role}
          className={`role-tags__tag role-tags__tag--${role}`}
          type={role === active ? 'primary' : 'default'}
          plain={role !== active}
          // NutUI calls its onClick unconditionally (an `undefined` handler throws on the tap).
          onClick={() => onPick?.(role)}
        >
          {ROLE_LABELS[role]}
        </Tag>
      ))}
    </View>
  );
}
