import { SIX_ONES_ITEMS, SIX_ONES_SHORT } from '../../contract/sixOnes';
import type { MemberReportDoc } from '../accounts/model';
import { notify } from '../notify';
import { AppError, isDuplicate } from '../platform/errors';
import { log } from '../platform/log';
import type { JobContext } from '../platform/router';
import { local, localYear } from '../platform/time';
import type { Transaction } from '../platform/sdk-types';
import { inTransaction, txGet } from '../platform/tx';
import type { MemberYearDoc, RecordDoc, ReportedDoc, TallyDoc } from './credit';
import { addDone, memberYearId, noneDone, recompute, reportedCounts, shardIds, sumShards } from './credit';
import { activeSignups } from './activities';
import type { ActivityDoc } from './model';
import { activityPage, sixOnesPage } from './shared';
import { readAll } from '../platform/read';

export interface Difference {
  id: string;
  field: string;
  stored: unknown;
  expected: unknown;
}

/** Field by field (one level of nesting); a missing counter is 0, a missing flag false. */
function compare(
  id: string,
  stored: Record<string, unknown> | undefined,
  expected: Record<string, unknown>,
  fields: string[],
): Difference[] {
  const out: Difference[] = [];
  const missing = (v: unknown) => (typeof v === 'boolean' ? false : 0);
  for (const f of fields) {
    const e = expected[f];
    const s = stored?.[f];
    if (typeof e === 'object' && e !== null) {
      for (const [k, ev] of Object.entries(e)) {
        const sv = (s as Record<string, unknown> | undefined)?.[k] ?? missing(ev);
        if (sv !== ev) out.push({ id, field: `${f}.${k}`, stored: sv, expected: ev });
      }
    } else if ((s ?? missing(e)) !== e) out.push({ id, field: f, stored: s, expected: e });
  }
  return out;
}

/**
 * Reconciliation (daily): recomputes every member-year and tally of the year — and the
 * reported counters — from the approved records and the verified reports, writes the
 * recomputed values where they differ, and reports those differences.
 *
 * Approvals and verifications go on while it runs, so the counters are read before what they
 * count, and each fix is written in a transaction only if the counter is still as read: one
 * that moved meanwhile (its records may be newer than those read) is left for the next run.
 * Read the other way round, a counter moved by an approval after the records were read would
 * be "fixed" back to the stale value.
 */
export async function reconcileTallies(ctx: JobContext, year = localYear(ctx.now)) {
  const storedYears = await readAll<MemberYearDoc>(ctx.db, 'sixOnes', { year });
  const tallyShards = await readAll<TallyDoc | ReportedDoc>(ctx.db, 'tallies', {});
  const storedTallies = sumShards(tallyShards);
  const shardsOf = new Map<string, Array<TallyDoc | ReportedDoc>>();
  for (const d of tallyShards) shardsOf.set(d.base ?? d._id, [...(shardsOf.get(d.base ?? d._id) ?? []), d]);
  const approved = await readAll<RecordDoc>(ctx.db, 'records', { year, status: 'approved' });
  const reports = await readAll<MemberReportDoc>(ctx.db, 'memberReports', { status: 'verified' });

  const expected = recompute(approved, ctx.now);
  const reported = reportedCounts(reports, ctx.now);
  const yearsById = new Map(storedYears.map((d) => [d._id, d]));
  const talliesById = new Map(storedTallies.map((d) => [d._id, d]));

  /** A counter to rewrite: the recomputed document, the stored one as read, and what differed. */
  interface Fix {
    collection: 'sixOnes' | 'tallies';
    doc: { _id: string };
    seen: Record<string, unknown> | undefined;
    fields: string[];
    differences: Difference[];
  }
  const fixes: Fix[] = [];
  const memberFields = ['counts', 'volunteerMinutes', 'pairings', 'visits', 'done', 'doneCount'];
  for (const e of expected.years) {
    const seen = yearsById.get(e._id) as Record<string, unknown> | undefined;
    const d = compare(e._id, seen, e as never, memberFields);
    if (d.length) fixes.push({ collection: 'sixOnes', doc: e, seen, fields: memberFields, differences: d });
    yearsById.delete(e._id);
  }
  for (const left of yearsById.values()) {
    if (left.doneCount > 0 || left.volunteerMinutes > 0 || Object.values(left.counts).some((n) => n > 0)) {
      fixes.push({
        collection: 'sixOnes',
        seen: left as never,
        fields: memberFields,
        differences: [{ id: left._id, field: 'counts', stored: left.counts, expected: null }],
        doc: {
          ...left,
          counts: Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, 0])),
          done: Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, false])),
          doneCount: 0,
          volunteerMinutes: 0,
          pairings: 0,
          visits: 0,
        } as MemberYearDoc,
      });
    }
  }
  const expectedTallies = new Map<string, TallyDoc | ReportedDoc>([
    ...expected.tallies.map((t) => [t._id, t] as const),
    ...reported.map((r) => [r._id, r] as const),
  ]);
  for (const t of storedTallies) {
    const isThisYear = t.kind === 'reported' || t.year === year;
    if (isThisYear && !expectedTallies.has(t._id))
      expectedTallies.set(
        t._id,
        t.kind === 'reported'
          ? { ...t, reported: 0 }
          : {
              ...t,
              complete: 0,
              byDone: noneDone(),
              volunteerMinutes: 0,
              itemsDone: Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, 0])) as TallyDoc['itemsDone'],
            },
      );
  }
  for (const e of expectedTallies.values()) {
    const fields = e.kind === 'reported' ? ['reported'] : ['itemsDone', 'complete', 'byDone', 'volunteerMinutes'];
    const seen = talliesById.get(e._id) as Record<string, unknown> | undefined;
    const d = compare(e._id, seen, e as never, fields);
    if (d.length) fixes.push({ collection: 'tallies', doc: e, seen, fields, differences: d });
  }

  const differences: Difference[] = [];
  let movedMeanwhile = 0;
  for (const fix of fixes) {
    const { _id, ...data } = fix.doc;
    const applied = await inTransaction(ctx, async (tx) => {
      if (fix.collection === 'tallies')
        return fixTally(tx, fix.doc as TallyDoc | ReportedDoc, shardsOf.get(_id) ?? [], ctx.now);
      const current = await txGet<Record<string, unknown>>(tx, fix.collection, _id);
      const unchanged = fix.seen
        ? current !== null && compare(_id, current, fix.seen, fix.fields).length === 0
        : current === null;
      if (!unchanged) return false;
      await tx
        .collection(fix.collection)
        .doc(_id)
        .set({ data: { ...data, updatedAt: ctx.now } });
      return true;
    }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'CONFLICT') return false;
      throw err;
    });
    if (applied) differences.push(...fix.differences);
    else movedMeanwhile += 1;
  }
  if (differences.length > 0)
    log.warn('六个一 counters differed from the records; fixed', {
      requestId: ctx.requestId,
      year,
      count: differences.length,
      first: differences.slice(0, 20),
    });
  return {
    year,
    records: approved.length,
    memberYears: expected.years.length,
    differences: differences.length,
    sample: differences.slice(0, 20),
    /** Counters that differed but moved while the job ran: checked again on the next run. */
    movedMeanwhile,
  };
}

/**
 * Rewrites a counter to `expected` if none of its shards moved since they were read (`seen`):
 * every shard id it may have is read again; shard 0 takes what makes the sum right, the other
 * shards stay as they are.
 */
async function fixTally(
  tx: Transaction,
  expected: TallyDoc | ReportedDoc,
  seen: Array<TallyDoc | ReportedDoc>,
  at: Date,
): Promise<boolean> {
  const base = expected._id;
  const seenById = new Map(seen.map((d) => [d._id, d]));
  const now = new Map<string, TallyDoc | ReportedDoc>();
  for (const id of shardIds(base, expected.scope)) {
    const current = await txGet<TallyDoc | ReportedDoc>(tx, 'tallies', id);
    const before = seenById.get(id);
    if (JSON.stringify(current ? countersOf(current) : null) !== JSON.stringify(before ? countersOf(before) : null))
      return false;
    if (current && id !== base) now.set(id, current);
  }
  const [others] = sumShards([...now.values()].map((d) => ({ ...d, base })));
  const { _id: _ignored, ...shard0 } = minus(expected, others);
  await tx
    .collection('tallies')
    .doc(base)
    .set({ data: { ...shard0, base, updatedAt: at } });
  return true;
}

/** The counted values of a shard (what the comparison of "moved meanwhile" looks at). */
const countersOf = (d: TallyDoc | ReportedDoc) =>
  d.kind === 'reported'
    ? { reported: d.reported }
    : { itemsDone: d.itemsDone, complete: d.complete, byDone: addDone(d.byDone, []), minutes: d.volunteerMinutes };

/** `total` less what `part` already holds (shard 0's share of a counter). */
function minus<T extends TallyDoc | ReportedDoc>(total: T, part: T | undefined): T {
  if (!part) return total;
  if (total.kind === 'reported' && part.kind === 'reported')
    return { ...total, reported: total.reported - part.reported };
  if (total.kind === 'year' && part.kind === 'year')
    return {
      ...total,
      itemsDone: Object.fromEntries(
        SIX_ONES_ITEMS.map((i) => [i, total.itemsDone[i] - (part.itemsDone[i] ?? 0)]),
      ) as TallyDoc['itemsDone'],
      complete: total.complete - part.complete,
      byDone: addDone(
        total.byDone,
        part.byDone?.map((n) => -n),
      ),
      volunteerMinutes: total.volunteerMinutes - part.volunteerMinutes,
    };
  return total;
}

/** From this local date (MM-DD) each year, members with missing items get one reminder a month. */
export const remindFrom = () => process.env.TXY_SIXONES_REMIND_FROM ?? '10-01';

/**
 * Reminders (daily): from the configured date, each verified member with items missing gets
 * one notification a month — the month's reminder document is inserted once, so a second run
 * the same month sends nothing.
 */
export async function remindSixOnes(ctx: JobContext) {
  const today = local(ctx.now);
  if (today.format('MM-DD') < remindFrom()) return { sent: 0, reason: `reminders start on ${remindFrom()}` };
  const year = today.year();
  const month = today.format('YYYYMM');
  const reports = await readAll<MemberReportDoc>(ctx.db, 'memberReports', { status: 'verified' });
  const years = new Map((await readAll<MemberYearDoc>(ctx.db, 'sixOnes', { year })).map((d) => [d._id, d] as const));
  let sent = 0;
  for (const r of reports) {
    const y = years.get(memberYearId(r.openid, year));
    const missing = SIX_ONES_ITEMS.filter((i) => !y?.done[i]);
    if (missing.length === 0) continue;
    try {
      await ctx.db.collection('reminders').add({
        data: {
          _id: `sixOnes-${r.openid}-${month}`,
          openid: r.openid,
          kind: 'sixOnes',
          month,
          missing,
          createdAt: ctx.now,
        },
      });
    } catch (err) {
      if (isDuplicate(err)) continue;
      throw err;
    }
    await notify(
      ctx,
      r.openid,
      'sixOnesReminder',
      {
        subject: `${year}年六个一还差 ${missing.length} 项`,
        status: '待完成',
        time: local(ctx.now).endOf('year').toDate(),
        note: missing.map((i) => SIX_ONES_SHORT[i]).join('、'),
      },
      sixOnesPage(),
    );
    sent += 1;
  }
  return { sent, members: reports.length };
}

/**
 * Daily (evening): members signed up for an activity that starts tomorrow (local date) are
 * reminded, once per activity: the conditional update marking `remindedAt` picks the one run
 * that sends, so a job repeated after a restart sends nothing twice.
 */
export async function remindActivities(ctx: JobContext): Promise<{ activities: number; reminded: number }> {
  const _ = ctx.db.command;
  const from = local(ctx.now).add(1, 'day').startOf('day').toDate();
  const to = local(ctx.now).add(2, 'day').startOf('day').toDate();
  const { data } = await ctx.db
    .collection('activities')
    .where({ status: 'open', startAt: _.and(_.gte(from), _.lt(to)), remindedAt: _.exists(false) })
    .limit(1000)
    .get<ActivityDoc>();
  let reminded = 0;
  for (const a of data) {
    const { stats } = await ctx.db
      .collection('activities')
      .where({ _id: a._id, status: 'open', remindedAt: _.exists(false) })
      .update({ data: { remindedAt: ctx.now } });
    if (stats.updated !== 1) continue;
    const to = (await activeSignups(ctx, a._id)).map((s) => s.openid);
    await notify(
      ctx,
      to,
      'activityTomorrow',
      { subject: a.title, status: '明天开始', time: new Date(a.startAt), place: a.place.name, note: '请准时到场签到' },
      activityPage(a._id),
    );
    reminded += to.length;
  }
  return { activities: data.length, reminded };
}
