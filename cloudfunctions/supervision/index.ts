import { supervision } from '../../contract/functions/supervision';
import { supervisionHandlers } from '../../server/supervision';
import { createFunction } from '../../server/platform/router';

/** 督导: the county's quarterly figures, scores, bands and ranks, and the scoring rules. */
export const main = createFunction('supervision', supervision, supervisionHandlers);
