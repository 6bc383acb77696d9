import type { cobuildLists } from '../../contract/functions/cobuild/lists';
import type { Handlers } from '../platform/router';
import { agreements, countyOverview, saveAgreement, signAgreement } from './agreements';
import { counts } from './counts';
import { closeNeed, need, needs, saveNeed } from './needs';
import {
  dropProject,
  finishProject,
  project,
  projects,
  projectUpdate,
  publicProject,
  publicProjects,
  rateProject,
  saveProject,
  startProject,
} from './projects';
import { matches, resource, resources, saveResource, withdrawResource } from './resources';

/** 三清单一协议 (server/cobuild/{needs,resources,projects,agreements,counts}.ts). */
export const listsHandlers: Handlers<typeof cobuildLists> = {
  needs,
  need,
  saveNeed,
  closeNeed,
  resources,
  resource,
  saveResource,
  withdrawResource,
  matches,
  projects,
  project,
  saveProject,
  startProject,
  projectUpdate,
  finishProject,
  dropProject,
  publicProjects,
  publicProject,
  rateProject,
  agreements,
  saveAgreement,
  signAgreement,
  counts,
  countyOverview,
};
