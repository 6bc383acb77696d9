import type { WishStatus, WishView } from '../../contract/functions/wish';
import type { AuditInput } from '../platform/audit';
import { grantsFor } from '../platform/authorize';
import type { UserDoc } from '../platform/identity';
import type { WishDoc } from './model';

/*
 * The life of a wish (PRODUCT.md "Micro-wishes"):
 *
 *   submitted ──publish──► published ──claim──► claimed ──fulfil──► fulfilled ──confirm──► completed
 *       │                     ▲                    │
 *       └──reject──► rejected └──cancel / expire───┘
 *   submitted | published ──withdraw (submitter)──► withdrawn
 *
 * Plain functions over plain data: handlers load, ask these, and write with one conditional
 * update or transaction on the expected state.
 */

export const CONFIRM_BY_STAFF_AFTER_MS = 7 * 24 * 3600 * 1000;
export const MAX_ACTIVE_CLAIMS = 3;
export const DEFAULT_CLAIM_DAYS = 14;

const OPEN: WishStatus[] = ['submitted', 'published'];

/** Staff in scope of a wish: a grid worker of its grid, the secretary of its community. */
export function isStaffFor(
  user: Pick<UserDoc, 'roles'> | null,
  wish: Pick<WishDoc, 'gridId' | 'communityId'>,
): boolean {
  return (
    grantsFor(user, ['gridWorker'], { gridId: wish.gridId }).length > 0 ||
    grantsFor(user, ['secretary'], { communityId: wish.communityId }).length > 0
  );
}

export const isVerifiedMember = (user: Pick<UserDoc, 'roles'> | null) =>
  (user?.roles ?? []).some((g) => g.role === 'member' && g.verified);

/** Who may see the beneficiary in full: the submitter, the claimer, staff in scope. */
export function seesBeneficiary(openid: string, user: Pick<UserDoc, 'roles'> | null, wish: WishDoc): boolean {
  return wish.submitterOpenid === openid || wish.claim?.openid === openid || isStaffFor(user, wish);
}

/** Who may see the wish at all: published-or-later wishes are public; the rest only to the submitter and staff. */
export function mayView(openid: string, user: Pick<UserDoc, 'roles'> | null, wish: WishDoc): boolean {
  if (wish.submitterOpenid === openid || wish.claim?.openid === openid || isStaffFor(user, wish)) return true;
  return !wish.flagged && ['published', 'claimed', 'fulfilled', 'completed'].includes(wish.status);
}

/** What the viewer may do now (the handlers re-check each on the stored state). */
export function allowedActions(
  openid: string,
  user: Pick<UserDoc, 'roles'> | null,
  wish: WishDoc,
  now: Date,
): WishView['can'] {
  const can: WishView['can'] = [];
  const submitter = wish.submitterOpenid === openid;
  const claimer = wish.claim?.openid === openid;
  // Staff in scope, but never on a wish of their own (submitted or claimed): a colleague reviews it.
  const staff = isStaffFor(user, wish) && !submitter && !claimer;
  if (submitter && OPEN.includes(wish.status)) can.push('withdraw');
  if (staff && wish.status === 'submitted') can.push('review');
  if (wish.status === 'published' && isVerifiedMember(user) && !submitter) can.push('claim');
  if (claimer && wish.status === 'claimed') can.push('cancelClaim', 'fulfil');
  if (submitter && wish.status === 'fulfilled') can.push('confirm');
  if (
    staff &&
    wish.status === 'fulfilled' &&
    wish.fulfilment &&
    now.getTime() - wish.fulfilment.at.getTime() >= CONFIRM_BY_STAFF_AFTER_MS
  ) {
    can.push('confirmForResident');
  }
  return can;
}

/** The audit entry of a staff step on a wish (review, confirmation for the resident); the seed's too. */
export function wishAudit(
  w: Pick<WishDoc, '_id' | 'description' | 'communityId' | 'claim'>,
  action: 'publish' | 'reject' | 'confirmForResident',
  summary: string,
): AuditInput {
  return {
    kind: 'wish',
    action,
    entity: 'wishes',
    entityId: w._id,
    label: w.description,
    summary,
    scope: { communityId: w.communityId, unitId: action === 'confirmForResident' ? (w.claim?.unitId ?? null) : null },
  };
}

/** A confirmation for the resident in words: the stars and how staff verified it. */
export const confirmSummary = (r: { stars: number; verifiedHow: string | null }) =>
  `${r.stars} 星${r.verifiedHow ? `，${r.verifiedHow}` : ''}`;
