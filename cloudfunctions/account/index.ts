import { account } from '../../contract/functions/account';
import { accountHandlers } from '../../server/accounts';
import { createFunction } from '../../server/platform/router';

/** 账户: the caller's profile and roles. */
export const main = createFunction('account', account, accountHandlers);
