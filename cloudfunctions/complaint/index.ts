import { complaint } from '../../contract/functions/complaint';
import { createFunction } from '../../server/platform/router';
import { complaintHandlers } from '../../server/complaints';

/** 民情诉求 · 吹哨报到: report, assignment, grid, community, departments, rating, metrics. */
export const main = createFunction('complaint', complaint, complaintHandlers);
