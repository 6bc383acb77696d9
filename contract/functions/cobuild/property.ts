import { z } from 'zod';
import { defineAction, type ActionMap } from '../../action';
import { PARTY_ORG_KINDS, PROPERTY_RATINGS, type PartyOrgKind, type PropertyRating } from '../../cobuild';
import { id, text } from '../../fields';
import { PROPERTY_RATING_COMMENT } from '../../limits';

/** A resident's rating of their estate's property service in a quarter. */
export interface PropertyRatingView {
  rating: PropertyRating;
  comment: string | null;
  at: string;
}

/**
 * Whether the caller may rate their estate's property service now (PRODUCT.md 红色物业): their
 * registered estate (micro-grid), the company managing it, the quarter, and their rating of it.
 */
export interface PropertyRatingStatus {
  /** The current quarter, `YYYYQn`. */
  quarter: string;
  /** The caller's registered estate; null without an address. */
  estate: { id: string; name: string; communityId: string } | null;
  /** The company managing it; null when the estate has none (老旧小区, 自管). */
  company: { id: string; name: string; partyOrgKind: PartyOrgKind } | null;
  /** The caller's rating this quarter; null before they rate. */
  mine: PropertyRatingView | null;
  /** True when the caller has an estate with a company and has not rated this quarter. */
  canRate: boolean;
  /** Why not, in words (暂无住址, 所在小区暂无物业企业, 本季度已评价); null when `canRate`. */
  reason: string | null;
}

/** A company's ratings in one quarter. */
export interface PropertyCompanyStats {
  id: string;
  name: string;
  partyOrgKind: PartyOrgKind;
  counts: Record<PropertyRating, number>;
  total: number;
  /** (满意 + 基本满意) / total, 4 decimals; null with no rating. */
  satisfactionRate: number | null;
}

export interface PropertyStatsView {
  quarter: { year: number; index: number; key: string };
  companies: PropertyCompanyStats[];
}

/** 结对共建 actions: property (see contract/functions/cobuild.ts). 红色物业's quarterly ratings. */
export const cobuildProperty = {
  rateProperty: defineAction<PropertyRatingStatus>()({
    summary:
      'A resident rates the property service of their registered estate (the micro-grid of their address, managed by a property company) once a quarter: 满意/基本满意/不满意, an optional comment (content-checked). A second rating in the quarter → CONFLICT. Answers the status as propertyRatingStatus would.',
    input: z
      .object({
        rating: z.enum(PROPERTY_RATINGS, { message: '请选择满意、基本满意或不满意' }),
        comment: text(PROPERTY_RATING_COMMENT.min, PROPERTY_RATING_COMMENT.max).optional(),
      })
      .strict(),
    // No rate limit: one document per resident and quarter bounds the writes (a repeat is CONFLICT).
    roles: ['resident'],
  }),
  propertyRatingStatus: defineAction<PropertyRatingStatus>()({
    summary:
      "The caller's estate, the company managing it, the current quarter, whether they may rate it now and their rating this quarter (one aggregate).",
    input: z.object({}).strict(),
    roles: ['resident'],
  }),
  propertyStats: defineAction<PropertyStatsView>()({
    summary:
      "Per property company for a quarter (default the current one): its party organisation kind and the residents' ratings — 满意, 基本满意, 不满意, and the satisfaction rate ((满意 + 基本满意) / all). The county admin every company (optionally by `kind`); a property liaison their own company. Counted by one aggregate over the ratings, whatever their number.",
    input: z
      .object({
        year: z.number().int().min(2020).max(2100).optional(),
        quarter: z.number().int().min(1, '季度为 1–4').max(4, '季度为 1–4').optional(),
        kind: z.enum(PARTY_ORG_KINDS).optional(),
        companyId: id.optional(),
      })
      .strict(),
    roles: ['countyAdmin', 'propertyLiaison'],
  }),
} satisfies ActionMap;
