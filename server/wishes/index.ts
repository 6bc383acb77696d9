import { wish } from '../../contract/functions/wish';
import type { Handlers } from '../platform/router';
import { cancelClaim, claim, detail, fulfil, hall, myClaims } from './claim';
import { awaitingConfirmation, confirm, confirmForResident } from './confirm';
import { review, reviewQueue } from './review';
import { mine, submit, withdraw } from './submit';

export const wishHandlers: Handlers<typeof wish> = {
  submit,
  mine,
  reviewQueue,
  review,
  hall,
  detail,
  myClaims,
  claim,
  cancelClaim,
  fulfil,
  confirm,
  confirmForResident,
  awaitingConfirmation,
  withdraw,
};
