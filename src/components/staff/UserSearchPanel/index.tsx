import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import type { UserSummary } from '../../../../contract';
import { ROLE_LABELS } from '../../../../contract/roles';
import type { UserSearch } from '../../../stores/staff/userSearch';
import { ListState } from '../ListState';
import { SearchBar } from '../SearchBar';
import { USER_QUERY } from '../../../../contract/limits';
import './index.scss';

/**
 * Search people by name or phone (account.findUsers) and act on one: `action` renders the
 * button of each result. Phones come masked from the server (138****1234).
 */
export const UserSearchPanel = observer(
  ({
    search,
    placeholder,
    emptyTitle,
    emptyDescription,
    action,
  }: {
    search: UserSearch;
    placeholder: string;
    emptyTitle: string;
    /** What to try when no one is found. */
    emptyDescription: string;
    action: (user: UserSummary) => ReactNode;
  }) => (
    <View className="staff-user-search">
      <SearchBar
        value={search.query}
        placeholder={placeholder}
        maxLength={USER_QUERY.max}
        onChange={search.setQuery}
        onSearch={search.search}
      />
      {search.queryError ? <Text className="staff-user-search__error">{search.queryError}</Text> : null}
      <ListState source={search.results} emptyTitle={emptyTitle} emptyDescription={emptyDescription}>
        {(users) => (
          <View className="staff-user-search__results">
            {users.map((user) => (
              <View key={user.openid} className="staff-user-search__user">
                <View className="staff-user-search__who">
                  <Text className="staff-user-search__name">{user.name}</Text>
                  <Text className="staff-user-search__meta">
                    {[user.phone || '未留手机号', ...user.roles.map((g) => ROLE_LABELS[g.role])]
                      .filter((v, i, all) => all.indexOf(v) === i)
                      .join(' · ')}
                  </Text>
                </View>
                {action(user)}
              </View>
            ))}
          </View>
        )}
      </ListState>
    </View>
  ),
);
