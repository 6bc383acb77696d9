import { sixOnes } from '../../contract/functions/sixOnes';
import { createFunction } from '../../server/platform/router';
import { sixOnesHandlers } from '../../server/sixOnes';

/** 六个一: activities, sign-up, check-in, records and approval, tallies. */
export const main = createFunction('sixOnes', sixOnes, sixOnesHandlers);
