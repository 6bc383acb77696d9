/**
 * 红色物业's quarterly ratings (PRODUCT.md "Co-building"): once a quarter a resident of an estate
 * (a micro-grid managed by a property company) rates its property service 满意 / 基本满意 /
 * 不满意, counted per company.
 *
 * One document per estate, resident and quarter (`${microGridId}-${openid}-${YYYYQn}`), made by
 * `add` with that id: a second rating in the quarter is a duplicate id (CONFLICT), two residents
 * at once write two documents — nothing is shared between raters, so nothing can be lost. There
 * is no counter to drift: `propertyStats` counts the quarter's documents by one aggregate.
 * A single write, so no crash leaves anything half done.
 */
import type {
  PropertyCompanyStats,
  PropertyRatingStatus,
  PropertyStatsView,
} from '../../contract/functions/cobuild/property';
import { partyOrgKindOf } from '../../contract/functions/directory';
import { PROPERTY_RATINGS, type PartyOrgKind, type PropertyRating } from '../../contract/cobuild';
import { quarterKey } from '../../contract/quarters';
import type { MicroGridDoc, PropertyCompanyDoc } from '../directory/model';
import { isCountyAdmin, scopeIds } from '../platform/authorize';
import { checkText, SCENE } from '../platform/content';
import { AppError, conflict, forbidden, invalidInput, isDuplicate } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { local } from '../platform/time';

/** A rating as stored. */
export interface PropertyRatingDoc {
  _id: string;
  /** `YYYYQn`, local (Asia/Shanghai) quarter of `createdAt`. */
  quarter: string;
  companyId: string;
  microGridId: string;
  communityId: string;
  openid: string;
  rating: PropertyRating;
  comment: string | null;
  createdAt: Date;
}

/** The local quarter of an instant: 2026Q3. */
export function quarterOf(at: Date): { year: number; index: number; key: string } {
  const d = local(at);
  const index = Math.floor(d.month() / 3) + 1;
  return { year: d.year(), index, key: quarterKey(d.year(), index) };
}

/** The one rating of an estate, resident and quarter: `c01-g01-m1-<openid>-2026q3` (the quarter in lower case). */
export const ratingId = (microGridId: string, openid: string, quarter: string) =>
  `${microGridId}-${openid}-${quarter.toLowerCase()}`;

type EstateRow = MicroGridDoc & { company: PropertyCompanyDoc[]; mine: PropertyRatingDoc[] };

/**
 * The caller's estate with its company and their rating this quarter: one aggregate (the estate by
 * id, its company by id, the rating by its id) — whatever the number of ratings.
 */
async function estateOf(ctx: CallContext, quarter: string): Promise<EstateRow | null> {
  const microGridId = ctx.user?.address?.microGridId;
  if (!microGridId) return null;
  const { list } = await ctx.db
    .collection('grids')
    .aggregate()
    .match({ _id: microGridId })
    .lookup({ from: 'propertyCompanies', localField: 'propertyCompanyId', foreignField: '_id', as: 'company' })
    .lookup({
      from: 'propertyRatings',
      pipeline: [{ $match: { _id: ratingId(microGridId, ctx.openid, quarter) } }],
      as: 'mine',
    })
    .end<EstateRow>();
  const row = list[0];
  return row && row.level === 'microGrid' ? row : null;
}

function statusOf(row: EstateRow | null, quarter: string): PropertyRatingStatus {
  const company = row?.propertyCompanyId ? (row.company[0] ?? null) : null;
  const mine = row?.mine[0] ?? null;
  const reason = !row
    ? '请先在“我的”中填写住址'
    : !company
      ? '您所在的小区暂无物业企业'
      : mine
        ? '本季度已评价，下季度可再次评价'
        : null;
  return {
    quarter,
    estate: row ? { id: row._id, name: row.name, communityId: row.communityId } : null,
    company: company ? { id: company._id, name: company.name, partyOrgKind: partyOrgKindOf(company) } : null,
    mine: mine ? { rating: mine.rating, comment: mine.comment, at: new Date(mine.createdAt).toISOString() } : null,
    canRate: reason === null,
    reason,
  };
}

/** Two requests: the caller (the router) and one aggregate. */
export async function propertyRatingStatus(
  _input: Record<string, never>,
  ctx: CallContext,
): Promise<PropertyRatingStatus> {
  const { key } = quarterOf(ctx.now);
  return statusOf(await estateOf(ctx, key), key);
}

/**
 * Rates the caller's estate for this quarter: the caller, the estate aggregate, the add — three
 * requests. Refused before anything is written: no address or an estate without a company
 * (FORBIDDEN: nothing of theirs to rate), already rated (CONFLICT), a comment failing the content
 * check (CONTENT_REJECTED).
 */
export async function rateProperty(
  input: { rating: PropertyRating; comment?: string },
  ctx: CallContext,
): Promise<PropertyRatingStatus> {
  const { key } = quarterOf(ctx.now);
  const row = await estateOf(ctx, key);
  const before = statusOf(row, key);
  if (!row || !before.company) throw forbidden(before.reason ?? '您所在的小区暂无物业企业');
  if (before.mine) throw conflict('本季度已评价过该小区的物业服务，下季度可再次评价');
  const comment = input.comment?.trim() || null;
  if (comment) {
    const verdict = await checkText(ctx.openid, comment, SCENE.comment, ctx.requestId);
    if (verdict !== 'pass') throw new AppError('CONTENT_REJECTED', '评价内容未通过内容安全检测，请修改后再提交');
  }
  const doc: PropertyRatingDoc = {
    _id: ratingId(row._id, ctx.openid, key),
    quarter: key,
    companyId: before.company.id,
    microGridId: row._id,
    communityId: row.communityId,
    openid: ctx.openid,
    rating: input.rating,
    comment,
    createdAt: ctx.now,
  };
  try {
    const { _id, ...rest } = doc;
    await ctx.db.collection('propertyRatings').add({ data: { _id, ...rest } });
  } catch (err) {
    // The same resident rating twice at once: the first one's document is there.
    if (isDuplicate(err)) throw conflict('本季度已评价过该小区的物业服务，下季度可再次评价');
    throw err;
  }
  return {
    ...before,
    mine: { rating: doc.rating, comment, at: ctx.now.toISOString() },
    canRate: false,
    reason: '本季度已评价，下季度可再次评价',
  };
}

type CompanyRow = PropertyCompanyDoc & { counts: Array<{ _id: PropertyRating; n: number }> };

/**
 * Per company for a quarter: its party organisation kind and its ratings counted — one aggregate
 * over the companies, each with its quarter's ratings grouped by grade inside the lookup (indexed
 * `quarter, companyId`), so the answer costs the same whatever the number of ratings. The county
 * admin reads every company (or one, or those of one kind); a liaison their own company.
 */
export async function propertyStats(
  input: { year?: number; quarter?: number; kind?: PartyOrgKind; companyId?: string },
  ctx: CallContext,
): Promise<PropertyStatsView> {
  const now = quarterOf(ctx.now);
  const year = input.year ?? now.year;
  const index = input.quarter ?? now.index;
  const key = quarterKey(year, index);
  const _ = ctx.db.command;
  let match: Record<string, unknown> | null = null;
  if (!isCountyAdmin(ctx.user)) {
    const own = scopeIds(ctx.user, 'propertyLiaison');
    if (input.companyId && !own.includes(input.companyId)) throw forbidden('只能查看本企业的物业满意度');
    if (own.length === 0) throw forbidden('只能查看本企业的物业满意度');
    match = { _id: input.companyId ?? _.in(own) };
  } else if (input.companyId) match = { _id: input.companyId };
  const base = ctx.db.collection('propertyCompanies').aggregate();
  const { list } = await (match ? base.match(match) : base)
    .sort({ _id: 1 })
    .limit(1000)
    .lookup({
      from: 'propertyRatings',
      let: { companyId: '$_id' },
      pipeline: [
        { $match: { $expr: { $and: [{ $eq: ['$quarter', key] }, { $eq: ['$companyId', '$$companyId'] }] } } },
        { $group: { _id: '$rating', n: { $sum: 1 } } },
      ],
      as: 'counts',
    })
    .end<CompanyRow>();
  if (input.companyId && list.length === 0)
    throw invalidInput('物业企业不存在', [{ path: 'companyId', message: '不存在' }]);
  const companies = list
    .map((c): PropertyCompanyStats => {
      const counts = Object.fromEntries(
        PROPERTY_RATINGS.map((r) => [r, c.counts.find((x) => x._id === r)?.n ?? 0]),
      ) as Record<PropertyRating, number>;
      const total = counts.satisfied + counts.basic + counts.unsatisfied;
      return {
        id: c._id,
        name: c.name,
        partyOrgKind: partyOrgKindOf(c),
        counts,
        total,
        satisfactionRate: total > 0 ? Math.round(((counts.satisfied + counts.basic) / total) * 10_000) / 10_000 : null,
      };
    })
    .filter((c) => !input.kind || c.partyOrgKind === input.kind);
  return { quarter: { year, index, key }, companies };
}
