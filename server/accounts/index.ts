import { account } from '../../contract/functions/account';
import type { Handlers } from '../platform/router';
import { markRead, messages, unreadCount } from '../notify/inbox';
import { myGrid } from './grid';
import { acceptPrivacy, me, updateProfile } from './me';
import { communityMembers, unitMembers } from './members';
import { myReports, registerMember, reportQueue, reviewReport } from './reports';
import { findUsers, grantRole, revokeRole, roleHolders } from './roles';
import { workbench } from './workbench';

export const accountHandlers: Handlers<typeof account> = {
  me,
  acceptPrivacy,
  updateProfile,
  myGrid,
  registerMember,
  myReports,
  workbench,
  reportQueue,
  reviewReport,
  communityMembers,
  unitMembers,
  findUsers,
  roleHolders,
  grantRole,
  revokeRole,
  messages,
  unreadCount,
  markRead,
};
