import type { cobuildLists } from '../../contract/functions/cobuild/lists';
import type { Handlers } from '../platform/router';

export const listsHandlers: Handlers<typeof cobuildLists> = {};
