import type { cobuildProperty } from '../../contract/functions/cobuild/property';
import type { Handlers } from '../platform/router';

export const propertyHandlers: Handlers<typeof cobuildProperty> = {};
