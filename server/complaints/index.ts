import { complaint } from '../../contract/functions/complaint';
import type { Handlers } from '../platform/router';
import { communityQueue, decideExtension, rateDepartment, whistle } from './community';
import { assist, deptInbox, deptResolve, reportIn, requestExtension } from './department';
import { accept, escalate, gridQueue, resolve } from './grid';
import { metrics, metricsTrend } from './metrics';
import { propertyQueue, reply } from './property';
import { detail, mine, rate, submit, withdraw } from './resident';

export const complaintHandlers: Handlers<typeof complaint> = {
  submit,
  mine,
  detail,
  withdraw,
  rate,
  gridQueue,
  propertyQueue,
  accept,
  reply,
  resolve,
  escalate,
  communityQueue,
  whistle,
  deptInbox,
  reportIn,
  requestExtension,
  decideExtension,
  deptResolve,
  assist,
  rateDepartment,
  metrics,
  metricsTrend,
};
