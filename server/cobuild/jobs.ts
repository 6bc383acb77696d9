import { readAll } from '../platform/read';
import type { JobContext } from '../platform/router';
import { localYear } from '../platform/time';
import { finalize } from './agreements';
import {
  AGREEMENTS,
  NEEDS,
  PROJECTS,
  RATINGS,
  RESOURCES,
  type AgreementDoc,
  type NeedDoc,
  type ProjectDoc,
  type RatingDoc,
  type ResourceDoc,
} from './model';
import type { ActivityDoc } from '../sixOnes/model';
import type { MeetingDoc, RotaDoc } from './meetingModel';
import { countCobuildYear, emptyCobuildTally, tallyFields, type CobuildTallyDoc } from './tally';

/**
 * reconcileCobuild (scheduler, daily): brings the year's co-building counters and links in line
 * with the documents, changing only what differs — what a function that died between two
 * writes, or two editors racing, leaves behind:
 *
 * 1. links: a need `matched` that no planned or active project links is `open` again (`done`
 *    when a done project links it); an `open` one a live project links is `matched`. Resources
 *    likewise (`committed` ↔ `offered`, `usedUp` when only done projects used it).
 * 2. agreements: a draft both sides signed is completed (signed; the version it revises
 *    superseded).
 * 3. the tallies per community, every count (`countCobuildYear`: needs, resources, projects,
 *    agreements signed, chair months set / themed / planned, meetings held per quarter); each
 *    rewrite is conditional on the tally not having moved since it was read (a step meanwhile:
 *    left for the next run).
 * 4. each project's rating counter from its `cobuildRatings` documents.
 */
export async function reconcileCobuild(ctx: JobContext, year = localYear(ctx.now)) {
  const _ = ctx.db.command;
  const [needs, resources, projects, agreements, tallies] = await Promise.all([
    readAll<NeedDoc>(ctx.db, NEEDS, { year }),
    readAll<ResourceDoc>(ctx.db, RESOURCES, { year }),
    readAll<ProjectDoc>(ctx.db, PROJECTS, { year }),
    readAll<AgreementDoc>(ctx.db, AGREEMENTS, { year }),
    readAll<CobuildTallyDoc>(ctx.db, 'cobuildTallies', { year }),
  ]);
  const live = projects.filter((p) => p.status === 'planned' || p.status === 'active');
  const done = projects.filter((p) => p.status === 'done');
  const fixed = { needs: 0, resources: 0, agreements: 0, tallies: 0, ratings: 0 };

  // 1. Links.
  for (const n of needs) {
    const want =
      n.status === 'matched' || n.status === 'open'
        ? live.some((p) => p.needIds.includes(n._id))
          ? 'matched'
          : done.some((p) => p.needIds.includes(n._id))
            ? 'done'
            : 'open'
        : n.status;
    if (want === n.status) continue;
    const { stats } = await ctx.db
      .collection(NEEDS)
      .where({ _id: n._id, status: n.status })
      .update({ data: { status: want, updatedAt: ctx.now, version: _.inc(1) } });
    if (stats.updated === 1) {
      n.status = want;
      fixed.needs++;
    }
  }
  for (const r of resources) {
    const want =
      r.status === 'committed' || r.status === 'offered'
        ? live.some((p) => p.resourceIds.includes(r._id))
          ? 'committed'
          : done.some((p) => p.resourceIds.includes(r._id))
            ? 'usedUp'
            : 'offered'
        : r.status;
    if (want === r.status) continue;
    const { stats } = await ctx.db
      .collection(RESOURCES)
      .where({ _id: r._id, status: r.status })
      .update({ data: { status: want, updatedAt: ctx.now, version: _.inc(1) } });
    if (stats.updated === 1) {
      r.status = want;
      fixed.resources++;
    }
  }

  // 2. Agreements signed by both sides but left a draft.
  for (const a of agreements) {
    if (a.status !== 'draft' || !a.signatures.community || !a.signatures.unit) continue;
    const { stats } = await ctx.db
      .collection(AGREEMENTS)
      .where({ _id: a._id, status: 'draft' })
      .update({ data: { status: 'signed', updatedAt: ctx.now, version: _.inc(1) } });
    if (stats.updated !== 1) continue;
    a.status = 'signed';
    const old = agreements.find((x) => x._id === a.supersedes);
    if (old && old.status === 'signed') old.status = 'superseded';
    // finalize moves the stored tally; step 3 below recounts from the documents anyway.
    await finalize(ctx, a);
    fixed.agreements++;
  }

  // 3. Tallies, from the documents (read again: step 2 moved some).
  const stored = step2Moved(fixed.agreements)
    ? await readAll<CobuildTallyDoc>(ctx.db, 'cobuildTallies', { year })
    : tallies;
  const [rotas, meetings] = await Promise.all([
    readAll<RotaDoc>(ctx.db, 'rotas', { year }),
    readAll<MeetingDoc>(ctx.db, 'meetings', { year }),
  ]);
  const chairActivities: ActivityDoc[] = [];
  for (let i = 0; i < rotas.length; i += 100) {
    const ids = rotas.slice(i, i + 100).map((r) => r._id);
    chairActivities.push(...(await readAll<ActivityDoc>(ctx.db, 'activities', { rotaId: _.in(ids) })));
  }
  const counted = countCobuildYear(
    year,
    { needs, resources, projects, agreements, rotas, chairActivities, meetings },
    ctx.now,
  );
  for (const t of stored) if (!counted.has(t._id)) counted.set(t._id, emptyCobuildTally(t.communityId, year, ctx.now));
  for (const e of counted.values()) {
    const seen = stored.find((t) => t._id === e._id);
    const want = tallyFields(e);
    const have = seen ? tallyFields({ ...emptyCobuildTally(e.communityId, year, ctx.now), ...seen }) : null;
    const data: Record<string, unknown> = {};
    for (const [field, n] of Object.entries(want)) if (have?.[field as keyof typeof want] !== n) data[field] = n;
    if (Object.keys(data).length === 0) continue;
    if (!seen) {
      try {
        const { _id, ...rest } = e;
        await ctx.db.collection('cobuildTallies').add({ data: { _id, ...rest } });
        fixed.tallies++;
      } catch {
        // Created meanwhile by a step: the next run compares it.
      }
      continue;
    }
    const { stats } = await ctx.db
      .collection('cobuildTallies')
      .where({ _id: seen._id, updatedAt: seen.updatedAt })
      .update({ data: { ...data, updatedAt: ctx.now } });
    if (stats.updated === 1) fixed.tallies++;
  }

  // 4. Rating counters of the year's done projects.
  const ratedIds = done.map((p) => p._id);
  const ratings: RatingDoc[] = [];
  for (let i = 0; i < ratedIds.length; i += 100) {
    ratings.push(...(await readAll<RatingDoc>(ctx.db, RATINGS, { projectId: _.in(ratedIds.slice(i, i + 100)) })));
  }
  for (const p of done) {
    const mine = ratings.filter((r) => r.projectId === p._id);
    const want = { count: mine.length, sum: mine.reduce((s, r) => s + r.stars, 0) };
    if (p.rating.count === want.count && p.rating.sum === want.sum) continue;
    const { stats } = await ctx.db
      .collection(PROJECTS)
      .where({ _id: p._id, 'rating.count': p.rating.count, 'rating.sum': p.rating.sum })
      .update({ data: { rating: _.set(want) } });
    if (stats.updated === 1) fixed.ratings++;
  }
  return { year, ...fixed };
}

const step2Moved = (n: number) => n > 0;
