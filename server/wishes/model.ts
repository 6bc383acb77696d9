import type { TimelineEntry, WishCategory, WishStatus } from '../../contract/functions/wish';

/** A timeline entry as stored (Date, not string). */
export type StoredTimelineEntry = Omit<TimelineEntry, 'at'> & { at: Date };

/** 微心愿, as stored. Never deleted: withdrawal and rejection are states. */
export interface WishDoc {
  _id: string;
  category: WishCategory;
  description: string;
  photos: string[];
  /** Full values; views mask them for anyone but the submitter, the claimer and staff in scope. */
  beneficiary: { name: string; phone: string; address: string };
  submitterOpenid: string;
  submitterName: string;
  /** The submitter's phone when a grid worker submitted on a resident's behalf: the claimer's contact. */
  submitterPhone?: string;
  /** Submitted by a grid worker for a resident without a phone. */
  onBehalf: boolean;
  communityId: string;
  communityName: string;
  gridId: string;
  microGridId: string;
  /** Days a claim may stay unfulfilled (the community's setting when submitted). */
  claimDays: number;
  status: WishStatus;
  /** The content check did not pass: staff only, never published as is. */
  flagged: boolean;
  publishedAt: Date | null;
  reviewedBy: string | null;
  rejectedReason: string | null;
  claim: {
    openid: string;
    name: string;
    unitId: string | null;
    communityId: string | null;
    claimedAt: Date;
    deadline: Date;
  } | null;
  fulfilment: { photos: string[]; note: string; at: Date } | null;
  rating: { stars: number; comment: string | null; byStaff: boolean; verifiedHow: string | null; by: string } | null;
  completedAt: Date | null;
  timeline: StoredTimelineEntry[];
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}
