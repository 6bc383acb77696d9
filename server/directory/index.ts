import { directory } from '../../contract/functions/directory';
import type { Handlers } from '../platform/router';
import { auditLog, entry, save } from './admin';
import { gridCards, saveContactCard } from './cards';
import { householdPairs, pairMembers, savePair } from './pairs';
import { communities, community, departments, places, propertyCompanies, stations, units } from './read';

export const directoryHandlers: Handlers<typeof directory> = {
  communities,
  community,
  units,
  departments,
  stations,
  places,
  gridCards,
  saveContactCard,
  householdPairs,
  pairMembers,
  savePair,
  propertyCompanies,
  entry,
  save,
  audit: auditLog,
};
