import { z } from 'zod';
import { defineAction } from '../action';
import { fileId, id, personName, phone, queueQuery, queueTab, text } from '../fields';
import { FULFIL_NOTE, FULFIL_PHOTOS, REASON, WISH_DESCRIPTION, WISH_DOOR, WISH_PHOTOS } from '../limits';
import { HALL_SORT_KEYS, WISH_CATEGORIES, type WishCategory, type WishStatus } from '../wishLabels';

// The constants live in ../wishLabels (no zod, so the mini-program can import them).
export { WISH_CATEGORIES, WISH_STATUSES, WISH_STATUS_LABELS } from '../wishLabels';
export type { WishCategory, WishStatus } from '../wishLabels';

/** One step of a wish's life: who did what, when, from which state to which. */
export interface TimelineEntry {
  at: string;
  by: string;
  byName: string;
  role: string;
  action: string;
  from: WishStatus | null;
  to: WishStatus;
  note: string | null;
}

/**
 * A wish as the viewer may see it. The beneficiary's name and phone are full only for the
 * submitter, the claimer and staff in scope; masked (张*, 138****1234) for everyone else, and
 * the address is then null.
 */
export interface WishView {
  id: string;
  category: WishCategory;
  description: string;
  photos: Array<{ fileId: string; url: string | null }>;
  beneficiary: { name: string; phone: string; address: string | null; masked: boolean };
  status: WishStatus;
  /**
   * Submitted by a grid worker on the beneficiary's behalf: the worker's name (masked as the
   * beneficiary is) and, for those who see the beneficiary in full, the worker's phone — the way
   * to reach a resident without one.
   */
  onBehalf: { byName: string; phone: string | null } | null;
  community: { id: string; name: string };
  gridId: string;
  submittedAt: string;
  publishedAt: string | null;
  claim: { claimerName: string; claimedAt: string; deadline: string; mine: boolean } | null;
  fulfilment: { photos: Array<{ fileId: string; url: string | null }>; note: string; at: string } | null;
  rating: { stars: number; comment: string | null; byStaff: boolean } | null;
  /** Held by the content check: visible to staff only, cannot be published as is. */
  flagged: boolean;
  /** What the viewer may do now; staff never `review` nor `confirmForResident` a wish they submitted or claimed (the server re-checks every one). */
  can: Array<'withdraw' | 'review' | 'claim' | 'cancelClaim' | 'fulfil' | 'confirm' | 'confirmForResident'>;
  timeline: TimelineEntry[] | null;
}

export interface WishPage {
  items: WishView[];
  /** Pass back to get the next page; null at the end. */
  next: number | null;
}

const photos = (min: number, max: number) => z.array(fileId).min(min).max(max);

export const wish = {
  submit: defineAction<WishView>()({
    summary:
      'A resident submits a wish for themself; a grid worker may submit for a resident without a phone (beneficiary, one of their own grids’ buildings and the door given).',
    input: z
      .object({
        category: z.enum(WISH_CATEGORIES),
        description: text(WISH_DESCRIPTION.min, WISH_DESCRIPTION.max),
        photos: photos(WISH_PHOTOS.min, WISH_PHOTOS.max).default([]),
        /**
         * Whom the wish is for, when not the caller. On behalf of a resident `address` is required
         * and is the place within the building (单元、门牌号): the community and the building's
         * name are put before it.
         */
        beneficiary: z
          .object({ name: personName, phone: phone.optional(), address: text(WISH_DOOR.min, WISH_DOOR.max).optional() })
          .strict()
          .optional(),
        /** Grid worker on behalf of a resident: the resident's building (a micro-grid of one of the worker's grids). */
        onBehalf: z.object({ microGridId: id }).strict().optional(),
      })
      .strict(),
    roles: ['resident', 'gridWorker'],
    rateLimit: { max: 30, windowMinutes: 60 },
  }),
  mine: defineAction<WishView[]>()({
    summary: "The caller's submitted wishes, newest first, with their timelines.",
    input: z.object({}).strict(),
    roles: ['resident', 'gridWorker'],
  }),
  reviewQueue: defineAction<WishView[]>()({
    summary:
      'The wishes of the caller’s grids (grid worker) or community (secretary): 待审核 (`todo`) the submitted ones, oldest first (at most 100); 已审核 (`done`) those staff published or rejected, latest moved first (the 100 latest). `q` narrows either to wishes whose description, beneficiary, submitter or address has every word.',
    input: z.object({ tab: queueTab, q: queueQuery }).strict(),
    roles: ['gridWorker', 'secretary'],
  }),
  review: defineAction<WishView>()({
    summary:
      'Publishes a submitted wish, or rejects it with a reason. Never the caller’s own (FORBIDDEN: a colleague reviews it).',
    input: z
      .object({ wishId: id, decision: z.enum(['publish', 'reject']), reason: text(REASON.min, REASON.max).optional() })
      .strict()
      .refine((p) => p.decision === 'publish' || p.reason !== undefined, {
        message: '驳回须说明理由',
        path: ['reason'],
      }),
    roles: ['gridWorker', 'secretary'],
  }),
  hall: defineAction<WishPage>()({
    summary:
      "The wish hall: published wishes by category, newest first, longest-waiting first, or the member's own community first (then newest), 20 a page.",
    input: z
      .object({
        category: z.enum(WISH_CATEGORIES).optional(),
        sort: z.enum(HALL_SORT_KEYS).default('newest'),
        from: z.number().int().min(0).max(100_000).default(0),
      })
      .strict(),
    roles: ['member'],
  }),
  detail: defineAction<WishView>()({
    summary: 'One wish with its timeline, masked as the viewer requires.',
    input: z.object({ wishId: id }).strict(),
    roles: ['resident', 'member', 'gridWorker', 'secretary'],
  }),
  myClaims: defineAction<WishView[]>()({
    summary: "The member's claims (active first) with their deadlines.",
    input: z.object({}).strict(),
    roles: ['member'],
  }),
  claim: defineAction<WishView>()({
    summary: 'Claims a published wish: one active claim per wish, at most 3 active claims per member.',
    input: z.object({ wishId: id }).strict(),
    roles: ['member'],
  }),
  cancelClaim: defineAction<WishView>()({
    summary: 'The claimer gives a claimed wish back, with a reason; it is published again.',
    input: z.object({ wishId: id, reason: text(REASON.min, REASON.max) }).strict(),
    roles: ['member'],
  }),
  fulfil: defineAction<WishView>()({
    summary: 'The claimer marks the wish fulfilled with 1–9 evidence photos and a note.',
    input: z
      .object({
        wishId: id,
        photos: photos(FULFIL_PHOTOS.min, FULFIL_PHOTOS.max),
        note: text(FULFIL_NOTE.min, FULFIL_NOTE.max),
      })
      .strict(),
    roles: ['member'],
  }),
  confirm: defineAction<WishView>()({
    summary: 'The resident confirms the fulfilment and rates it (1–5); credits the claimer’s 六个一 item `wish`.',
    input: z.object({ wishId: id, stars: z.number().int().min(1).max(5), comment: text(0, 200).optional() }).strict(),
    roles: ['resident', 'gridWorker'],
  }),
  confirmForResident: defineAction<WishView>()({
    summary:
      'Staff confirm on the resident’s behalf 7 days after fulfilment, saying how they verified it. Never a wish the caller submitted or claimed (FORBIDDEN).',
    input: z
      .object({ wishId: id, verifiedHow: text(4, 200), stars: z.number().int().min(1).max(5).default(5) })
      .strict(),
    roles: ['gridWorker', 'secretary'],
  }),
  awaitingConfirmation: defineAction<WishView[]>()({
    summary:
      'Fulfilled wishes the resident has not confirmed for 7 days or more, in the caller’s grids (grid worker) or community (secretary), longest waiting first: staff may confirm them on the resident’s behalf. `q` narrows them to wishes whose description, beneficiary, submitter, claimer or address has every word.',
    input: z.object({ q: queueQuery }).strict(),
    roles: ['gridWorker', 'secretary'],
  }),
  withdraw: defineAction<WishView>()({
    summary: 'The submitter withdraws a wish that is not claimed.',
    input: z.object({ wishId: id, reason: text(0, 200).optional() }).strict(),
    roles: ['resident', 'gridWorker'],
  }),
} as const;
