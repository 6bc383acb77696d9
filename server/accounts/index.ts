import { account } from '../../contract/functions/account';
import type { Handlers } from '../platform/router';
import { acceptPrivacy, me } from './me';

export const accountHandlers: Handlers<typeof account> = { me, acceptPrivacy };
