import { when } from 'mobx';
import { session } from '../../../stores/session';

/** The county admin without a community or unit of their own: picks the community a page shows. */
export const countyOnly = (): boolean => {
  const roles = session.staffGrants.map((g) => g.role);
  return roles.includes('countyAdmin') && !roles.includes('secretary') && !roles.includes('unitAdmin');
};

/** The caller is a community's secretary (who may close a decision as 撤销). */
export const isSecretary = (): boolean => session.staffGrants.some((g) => g.role === 'secretary');

/** Resolves once the signed-in user is read (or could not be): the roles are known. */
export const whenSignedIn = (): Promise<void> => when(() => session.me !== null || session.error !== null);
