import { directory } from '../../contract/functions/directory';
import type { Handlers } from '../platform/router';
import { auditLog, save } from './admin';
import { gridCards, saveContactCard } from './cards';
import { communities, community, departments, stations, units } from './read';

export const directoryHandlers: Handlers<typeof directory> = {
  communities,
  community,
  units,
  departments,
  stations,
  gridCards,
  saveContactCard,
  save,
  audit: auditLog,
};
