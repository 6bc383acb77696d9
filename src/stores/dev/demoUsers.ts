import '../configure';
import Taro from '@tarojs/taro';
import { makeAutoObservable } from 'mobx';
import { ROLE_LABELS, type Role } from '../../../contract/roles';
import { setDemoOpenid } from '../../services/demoIdentity';
import { fetchDemoUsers, type DemoUser } from '../../services/demoUsers';
import { ROUTES } from '../../routes';
import { Loadable } from '../loadable';
import { messages } from '../messages';
import { session } from '../session';

export interface DemoUserGroup {
  role: Role;
  heading: string;
  users: DemoUser[];
}

/** Order of the picker's headings: the roles a demo walks through, residents last. */
const GROUP_ORDER: readonly Role[] = [
  'countyAdmin',
  'secretary',
  'gridWorker',
  'department',
  'unitAdmin',
  'propertyLiaison',
  'member',
  'resident',
];

/** h5 demo only: the seeded users of the local server, to act as one of them. */
class DemoUsersStore {
  readonly users = new Loadable<DemoUser[]>(fetchDemoUsers);

  constructor() {
    makeAutoObservable(this, { users: false }, { autoBind: true, deep: false });
  }

  /** Users grouped by their first role above resident, in `order` within a group. */
  get groups(): DemoUserGroup[] {
    const byRole = new Map<Role, DemoUser[]>();
    for (const user of [...(this.users.value ?? [])].sort((a, b) => a.order - b.order)) {
      const role = user.roles.find((g) => g.role !== 'resident')?.role ?? 'resident';
      byRole.set(role, [...(byRole.get(role) ?? []), user]);
    }
    return GROUP_ORDER.filter((role) => byRole.has(role)).map((role) => ({
      role,
      heading: ROLE_LABELS[role],
      users: byRole.get(role) ?? [],
    }));
  }

  /** Act as this user from now on: remember the openid, reload the session, start over at home. */
  pick(openid: string): void {
    setDemoOpenid(openid);
    session.reset();
    void session.load().then(messages.refreshUnread);
    void Taro.reLaunch({ url: ROUTES.home });
  }
}

export const demoUsers = new DemoUsersStore();
