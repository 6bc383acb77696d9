import { wish } from '../../contract/functions/wish';
import { createFunction } from '../../server/platform/router';
import { wishHandlers } from '../../server/wishes';

/** 微心愿: submit, review, the hall, claim, fulfil, confirm. */
export const main = createFunction('wish', wish, wishHandlers);
