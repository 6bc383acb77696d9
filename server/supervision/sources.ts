/**
 * Where each 督导 figure comes from: one quarter's counts of every community, paired unit and
 * department (`SupervisionRaw`), gathered from the counters and documents the product already
 * keeps — never typed in. `gatherSources` reads them (about ten requests for the whole county,
 * whatever its size, but for the quarter's completed wishes, read 1,000 at a time);
 * `supervisionFrom` turns them into raws, pure, so a test can check it on a county it builds.
 *
 * Stock figures stand as read (members reported now, the year's 六个一 and projects so far);
 * flows are those of the quarter:
 * - headcount: a unit's 在职党员数 (`units.memberCount`, typed in the directory); a community's,
 *   the sum over its paired units — unknown (null) when it has none or any of them is unknown;
 * - reported: the `reported-<scope>-<id>` counters (members verified there now);
 * - 六个一: the year's `tallies` (`community-<id>-<year>`, `unit-<id>-<year>`);
 * - wishes: completed in the quarter (by `completedAt`), the community's own and, for a unit, those
 *   its members claimed; days from publishing to fulfilment in whole local days;
 * - cases: the `caseMetrics` of the quarter's three months (community and department documents);
 * - joint meetings: `cobuildTallies.meetingsHeld[quarter]`; rota months of the quarter with a chair,
 *   and of those the months whose chair activity (`chair-<community>-<year>-<MM>`) is planned and
 *   not cancelled;
 * - projects: the community-year's `cobuildTallies.projects`; a unit's, the year's projects it
 *   takes part in (`unitIds`), by status;
 * - 红色物业: the quarter's `propertyRatings` of the community's estates, by grade.
 */
import dayjs from 'dayjs';
import type { ProjectStatus, PropertyRating } from '../../contract/cobuild';
import { parseQuarter } from '../../contract/quarters';
import type { SupervisionScope } from '../../contract/supervision';
import { rotaId, rotaMonthKey, type RotaDoc } from '../cobuild/meetingModel';
import { quarterOf } from '../cobuild/propertyRatings';
import { cobuildTallyId, type CobuildTallyDoc } from '../cobuild/tally';
import { COUNTERS, counterId, periodMonths, type Counter, type CounterDoc } from '../complaints/metrics';
import { readAll } from '../platform/read';
import type { Database } from '../platform/sdk-types';
import { local } from '../platform/time';
import { reportedId, sumShards, tallyId, type ReportedDoc, type TallyDoc } from '../sixOnes/credit';
import { emptyRaw, type SupervisionRaw } from './indicators';

/** A supervised body as the tables name it. */
export interface Supervised {
  scope: SupervisionScope;
  id: string;
  name: string;
  /** A unit's paired community. */
  communityId?: string;
}

/** A completed wish, as much of it as the figures need. */
export interface CompletedWish {
  communityId: string;
  claimUnitId: string | null;
  publishedAt: Date;
  fulfilledAt: Date;
}

/** Everything one quarter's figures are made of (`gatherSources` reads it; tests may build it). */
export interface SupervisionSources {
  quarter: string;
  communities: Array<{ _id: string; name: string; pairedUnitIds: string[] }>;
  units: Array<{ _id: string; name: string; pairedCommunityId: string; memberCount?: number | null }>;
  departments: Array<{ _id: string; name: string }>;
  /** The year's 六个一 tallies and the reported counters, shards summed. */
  yearTallies: TallyDoc[];
  reported: ReportedDoc[];
  /** The quarter's months of the community and department counters. */
  caseMetrics: CounterDoc[];
  wishes: CompletedWish[];
  cobuildTallies: CobuildTallyDoc[];
  rotas: Array<Pick<RotaDoc, '_id' | 'communityId' | 'months'>>;
  /** The quarter's chair activities (`chair-…`) that are planned and not cancelled. */
  chairActivityIds: string[];
  /** The year's projects with their units. */
  projects: Array<{ unitIds: string[]; status: ProjectStatus }>;
  /** The quarter's 红色物业 ratings, counted by community and grade. */
  propertyRatings: Array<{ communityId: string; rating: PropertyRating; n: number }>;
}

/** `2026Q3` → its year, its three months (1–12) and its local start and end. */
export function quarterSpan(quarter: string) {
  const q = parseQuarter(quarter);
  if (!q) throw new Error(`not a quarter key: ${quarter}`);
  const { months, from, to } = periodMonths('quarter', q.year, q.index);
  return { year: q.year, index: q.index, months, monthNumbers: [1, 2, 3].map((i) => (q.index - 1) * 3 + i), from, to };
}

/** The quarter an instant falls in, locally, as a key: `2026Q3` (红色物业's quarter, the same one). */
export const quarterAt = (at: Date): string => quarterOf(at).key;

export const chairActivityId = (communityId: string, year: number, month: number) =>
  `chair-${rotaMonthKey(communityId, year, month)}`;

/** Whole local days from one instant to a later one (published Monday, fulfilled Wednesday: 2). */
export function localDays(from: Date, to: Date): number {
  const a = local(from).startOf('day');
  const b = local(to).startOf('day');
  return Math.max(0, Math.round(dayjs(b.format('YYYY-MM-DD')).diff(dayjs(a.format('YYYY-MM-DD')), 'day')));
}

/** Reads one quarter's sources for the whole county (a job's read, not a page's). */
export async function gatherSources(db: Database, quarter: string): Promise<SupervisionSources> {
  const _ = db.command;
  const span = quarterSpan(quarter);
  const [communities, units, departments] = await Promise.all([
    readAll<SupervisionSources['communities'][number]>(db, 'communities', {}),
    readAll<SupervisionSources['units'][number]>(db, 'units', {}),
    readAll<SupervisionSources['departments'][number]>(db, 'departments', {}),
  ]);
  const counterIds = span.months.flatMap((m) => [
    ...communities.map((c) => counterId('community', c._id, m)),
    ...departments.map((d) => counterId('department', d._id, m)),
  ]);
  const chairIds = communities.flatMap((c) => span.monthNumbers.map((m) => chairActivityId(c._id, span.year, m)));
  const [years, reported, caseMetrics, wishes, cobuildTallies, rotas, chairs, projects, ratings] = await Promise.all([
    readAll<TallyDoc & { _id: string }>(db, 'tallies', { kind: 'year', year: span.year }),
    readAll<ReportedDoc & { _id: string }>(db, 'tallies', { kind: 'reported' }),
    counterIds.length ? readAll<CounterDoc>(db, 'caseMetrics', { _id: _.in(counterIds) }) : [],
    readAll<{
      _id: string;
      communityId: string;
      claim: { unitId: string | null } | null;
      publishedAt: Date | null;
      fulfilment: { at: Date } | null;
    }>(db, 'wishes', { status: 'completed', completedAt: _.and(_.gte(new Date(span.from)), _.lt(new Date(span.to))) }),
    readAll<CobuildTallyDoc>(db, 'cobuildTallies', {
      _id: _.in(communities.map((c) => cobuildTallyId(c._id, span.year))),
    }),
    readAll<RotaDoc>(db, 'rotas', { _id: _.in(communities.map((c) => rotaId(c._id, span.year))) }),
    chairIds.length ? readAll<{ _id: string; status: string }>(db, 'activities', { _id: _.in(chairIds) }) : [],
    readAll<{ _id: string; unitIds?: string[]; status: ProjectStatus }>(db, 'cobuildProjects', { year: span.year }),
    db
      .collection('propertyRatings')
      .aggregate()
      .match({ quarter })
      .group({ _id: { communityId: '$communityId', rating: '$rating' }, n: _.aggregate.sum(1) })
      .limit(1000)
      .end<{ _id: { communityId: string; rating: PropertyRating }; n: number }>(),
  ]);
  return {
    quarter,
    communities: communities.map((c) => ({ _id: c._id, name: c.name, pairedUnitIds: c.pairedUnitIds ?? [] })),
    units: units.map((u) => ({
      _id: u._id,
      name: u.name,
      pairedCommunityId: u.pairedCommunityId,
      memberCount: u.memberCount ?? null,
    })),
    departments: departments.map((d) => ({ _id: d._id, name: d.name })),
    yearTallies: sumShards(years),
    reported: sumShards(reported),
    caseMetrics,
    wishes: wishes
      .filter((w) => w.publishedAt && w.fulfilment)
      .map((w) => ({
        communityId: w.communityId,
        claimUnitId: w.claim?.unitId ?? null,
        publishedAt: new Date(w.publishedAt!),
        fulfilledAt: new Date(w.fulfilment!.at),
      })),
    cobuildTallies,
    rotas,
    chairActivityIds: chairs.filter((a) => a.status !== 'cancelled').map((a) => a._id),
    projects: projects.map((p) => ({ unitIds: p.unitIds ?? [], status: p.status })),
    propertyRatings: ratings.list.map((r) => ({ communityId: r._id.communityId, rating: r._id.rating, n: r.n })),
  };
}

/** `community-c01`, `unit-u01`, `department-d01`: a raw's key. */
export const supervisedKey = (scope: SupervisionScope, id: string) => `${scope}-${id}`;

/** Every community's, unit's and department's raw of the quarter, by `supervisedKey`, with who it is. */
export function supervisionFrom(sources: SupervisionSources): Map<string, { who: Supervised; raw: SupervisionRaw }> {
  const span = quarterSpan(sources.quarter);
  const out = new Map<string, { who: Supervised; raw: SupervisionRaw }>();
  const year = new Map(sources.yearTallies.map((t) => [t.base ?? t._id, t]));
  const reported = new Map(sources.reported.map((r) => [r.base ?? r._id, r.reported]));
  const sixOnes = (scope: 'community' | 'unit', id: string): Partial<SupervisionRaw> => {
    const t = year.get(tallyId(scope, id, span.year));
    return {
      reported: reported.get(reportedId(scope, id)) ?? 0,
      ...(t ? { complete: t.complete, itemsDone: { ...t.itemsDone }, volunteerMinutes: t.volunteerMinutes } : {}),
    };
  };
  const cases = (scope: 'community' | 'department', id: string): Record<Counter, number> => {
    const sum = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
    const ids = new Set(span.months.map((m) => counterId(scope, id, m)));
    for (const doc of sources.caseMetrics)
      if (ids.has(doc._id)) for (const c of COUNTERS) sum[c] += Number(doc[c] ?? 0);
    return sum;
  };
  const wishesOf = (match: (w: CompletedWish) => boolean) => {
    const mine = sources.wishes.filter(match);
    return {
      wishesCompleted: mine.length,
      wishDaysSum: mine.reduce((n, w) => n + localDays(w.publishedAt, w.fulfilledAt), 0),
    };
  };
  const unitsById = new Map(sources.units.map((u) => [u._id, u]));
  const chairs = new Set(sources.chairActivityIds);

  for (const c of sources.communities) {
    const paired = sources.units.filter((u) => u.pairedCommunityId === c._id);
    const counts = paired.map((u) => u.memberCount ?? null);
    const headcount = counts.length > 0 && counts.every((n) => n !== null) ? counts.reduce((a, b) => a! + b!, 0) : null;
    const tally = sources.cobuildTallies.find((t) => t._id === cobuildTallyId(c._id, span.year));
    const rota = sources.rotas.find((r) => r._id === rotaId(c._id, span.year));
    const chairMonths = span.monthNumbers.filter((m) => rota?.months[m - 1]?.unitId);
    const ratings = { satisfied: 0, basic: 0, unsatisfied: 0 } as Record<PropertyRating, number>;
    for (const r of sources.propertyRatings) if (r.communityId === c._id) ratings[r.rating] += r.n;
    out.set(supervisedKey('community', c._id), {
      who: { scope: 'community', id: c._id, name: c.name },
      raw: emptyRaw({
        headcount,
        ...sixOnes('community', c._id),
        ...wishesOf((w) => w.communityId === c._id),
        cases: cases('community', c._id),
        meetingsHeld: tally?.meetingsHeld[span.index - 1] ?? 0,
        chairMonthsSet: chairMonths.length,
        chairMonthsHeld: chairMonths.filter((m) => chairs.has(chairActivityId(c._id, span.year, m))).length,
        projects: tally ? { ...tally.projects } : emptyRaw().projects,
        propertyRatings: ratings,
      }),
    });
  }
  for (const u of sources.units) {
    const projects = emptyRaw().projects;
    for (const p of sources.projects) if (p.unitIds.includes(u._id)) projects[p.status]++;
    out.set(supervisedKey('unit', u._id), {
      who: { scope: 'unit', id: u._id, name: u.name, communityId: u.pairedCommunityId },
      raw: emptyRaw({
        headcount: unitsById.get(u._id)?.memberCount ?? null,
        ...sixOnes('unit', u._id),
        ...wishesOf((w) => w.claimUnitId === u._id),
        projects,
      }),
    });
  }
  for (const d of sources.departments)
    out.set(supervisedKey('department', d._id), {
      who: { scope: 'department', id: d._id, name: d.name },
      raw: emptyRaw({ cases: cases('department', d._id) }),
    });
  return out;
}
