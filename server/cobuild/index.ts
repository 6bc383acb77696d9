import type { cobuild } from '../../contract/functions/cobuild';
import type { Handlers } from '../platform/router';
import { listsHandlers } from './lists';
import { propertyHandlers } from './property';

export const cobuildHandlers: Handlers<typeof cobuild> = { ...listsHandlers, ...propertyHandlers };
