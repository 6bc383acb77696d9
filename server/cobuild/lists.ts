import type { cobuildLists } from '../../contract/functions/cobuild/lists';
import type { Handlers } from '../platform/router';
import { agreements, countyOverview, saveAgreement, signAgreement } from './agreements';
import { closeNeed, needs, saveNeed } from './needs';
import {
  dropProject,
  finishProject,
  project,
  projects,
  projectUpdate,
  publicProjects,
  rateProject,
  saveProject,
  startProject,
} from './projects';
import { matches, resources, saveResource, withdrawResource } from './resources';

/** 三清单一协议 (server/cobuild/{needs,resources,projects,agreements}.ts). */
export const listsHandlers: Handlers<typeof cobuildLists> = {
  needs,
  saveNeed,
  closeNeed,
  resources,
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
  rateProject,
  agreements,
  saveAgreement,
  signAgreement,
  countyOverview,
};
