/**
 * A quarter's report (`supervisionReports`, `_id` the quarter `2026Q3`): the county admin closes a
 * quarter that has ended — its figures are frozen as of then and a 情况通报 is drafted from them —
 * edits the 通报, and publishes it, which tells each community's secretary, who then sees their own
 * report of that quarter.
 *
 * States, each step one conditional update on the state read (two admins at once: one wins):
 * `closing` (inserted by `_id`: one close starts) → `closed` (figures frozen, 通报 drafted) →
 * `published`. A close that dies half-way leaves `closing`; closing again goes on from there
 * (every step of it can run twice: the last refresh skips a frozen quarter, freezing sets a flag,
 * the draft is made from the frozen figures).
 */
import type { SupervisionQuarterView } from '../../contract/functions/supervision';
import { previousQuarter, quarterWords } from '../../contract/quarters';
import { bandText } from '../../contract/supervision';
import { notifyAll } from '../notify';
import { checkText, SCENE } from '../platform/content';
import { AppError, conflict, invalidInput, isDuplicate, notFound } from '../platform/errors';
import { getById } from '../platform/read';
import type { CallContext } from '../platform/router';
import { toIso } from '../platform/time';
import { bulletinOf, bulletinTitle } from './bulletin';
import { rulesOfQuarter } from './rules';
import { rank, scoreRow } from './scoring';
import { quarterAt } from './sources';
import { quarterTallies, refreshQuarter, SUPERVISION_TALLIES } from './tallies';

export const SUPERVISION_REPORTS = 'supervisionReports';

export type ReportStatus = 'closing' | 'closed' | 'published';

export interface SupervisionReportDoc {
  _id: string;
  quarter: string;
  status: ReportStatus;
  rulesVersion: number | null;
  bulletin: { title: string; text: string; editedAt: Date | null; editedBy: string | null } | null;
  /** Moved by every step: an edit names the one it read. */
  version: number;
  closedAt: Date;
  closedBy: string;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/** The report page of a quarter, for the secretaries' notices and the county's list. */
export const reportPage = (quarter: string) => `packages/supervision/pages/report/index?quarter=${quarter}`;

export function quarterView(quarter: string, doc: SupervisionReportDoc | null, now: Date): SupervisionQuarterView {
  const current = quarterAt(now);
  return {
    quarter,
    status: doc?.status ?? 'open',
    ended: quarter < current,
    rulesVersion: doc?.rulesVersion ?? null,
    title: doc?.bulletin?.title ?? bulletinTitle(quarter),
    bulletin: doc?.bulletin?.text ?? null,
    version: doc?.version ?? 0,
    closedAt: toIso(doc?.closedAt),
    publishedAt: toIso(doc?.publishedAt),
  };
}

/** The county admin's view of one quarter's report (the current one by default). */
export async function quarterReport(input: { quarter?: string }, ctx: CallContext): Promise<SupervisionQuarterView> {
  const quarter = input.quarter ?? previousQuarter(quarterAt(ctx.now));
  return quarterView(quarter, await getById<SupervisionReportDoc>(ctx.db, SUPERVISION_REPORTS, quarter), ctx.now);
}

/**
 * Closes an ended quarter: the last refresh of its figures, then every one of its documents
 * frozen, then the 通报 drafted from the communities' scores by the quarter's rules.
 */
export async function closeQuarter(input: { quarter: string }, ctx: CallContext): Promise<SupervisionQuarterView> {
  const { quarter } = input;
  if (quarter >= quarterAt(ctx.now))
    throw invalidInput('季度结束后才能关账', [{ path: 'quarter', message: `${quarterWords(quarter)}尚未结束` }]);
  const reports = ctx.db.collection(SUPERVISION_REPORTS);
  try {
    await reports.add({
      data: {
        _id: quarter,
        quarter,
        status: 'closing',
        rulesVersion: null,
        bulletin: null,
        version: 1,
        closedAt: ctx.now,
        closedBy: ctx.openid,
        publishedAt: null,
        publishedBy: null,
      },
    });
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    const doc = await getById<SupervisionReportDoc>(ctx.db, SUPERVISION_REPORTS, quarter);
    if (doc && doc.status !== 'closing') throw conflict(`${quarterWords(quarter)}已关账`);
  }
  // A past quarter keeps its stock figures, as the job keeps them.
  await refreshQuarter(ctx, quarter, { keepStock: true });
  const _ = ctx.db.command;
  await ctx.db
    .collection(SUPERVISION_TALLIES)
    .where({ quarter, frozen: _.neq(true) })
    .update({ data: { frozen: true, updatedAt: ctx.now } });

  const [docs, rules] = await Promise.all([
    quarterTallies(ctx.db, [quarter], 'community'),
    rulesOfQuarter(ctx.db, quarter),
  ]);
  const communities = rank(
    docs.map((d) => {
      const s = scoreRow(d.raw, rules.scopes.community, 'community');
      return { name: d.name, score: s.total, total: s.total, band: s.band, indicators: s.indicators };
    }),
  );
  const text = bulletinOf({ quarter, communities, rules });
  await reports.where({ _id: quarter, status: 'closing' }).update({
    data: {
      status: 'closed',
      rulesVersion: rules.version,
      bulletin: _.set({ title: bulletinTitle(quarter), text, editedAt: null, editedBy: null }),
      version: _.inc(1),
    },
  });
  return quarterReport({ quarter }, ctx);
}

/** The content check takes 2,500 characters at a time: the 通报 in paragraphs up to that. */
async function checkBulletin(ctx: CallContext, text: string): Promise<void> {
  const parts: string[] = [];
  let part = '';
  for (const line of text.split('\n')) {
    if (part && part.length + line.length + 1 > 2500) {
      parts.push(part);
      part = '';
    }
    part = part ? `${part}\n${line}` : line;
  }
  if (part) parts.push(part);
  const verdicts = await Promise.all(parts.map((p) => checkText(ctx.openid, p, SCENE.post, ctx.requestId)));
  if (verdicts.some((v) => v !== 'pass')) throw new AppError('CONTENT_REJECTED', '通报内容未通过安全检测，请修改');
}

/** Edits the 通报 of a closed, unpublished quarter (the version read: an edit meanwhile is CONFLICT). */
export async function saveBulletin(
  input: { quarter: string; title: string; text: string; version: number },
  ctx: CallContext,
): Promise<SupervisionQuarterView> {
  await checkBulletin(ctx, `${input.title}\n${input.text}`);
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(SUPERVISION_REPORTS)
    .where({ _id: input.quarter, status: 'closed', version: input.version })
    .update({
      data: {
        bulletin: _.set({ title: input.title, text: input.text, editedAt: ctx.now, editedBy: ctx.openid }),
        version: _.inc(1),
      },
    });
  if (res.stats.updated === 0) await refuse(ctx, input.quarter, '通报刚被他人修改，请刷新后再改');
  return quarterReport({ quarter: input.quarter }, ctx);
}

/** Why a step on a report did not apply: no report, already published, or moved meanwhile. */
async function refuse(ctx: CallContext, quarter: string, moved: string): Promise<never> {
  const doc = await getById<SupervisionReportDoc>(ctx.db, SUPERVISION_REPORTS, quarter);
  if (!doc) throw notFound(`${quarterWords(quarter)}尚未关账`);
  if (doc.status === 'published') throw conflict(`${quarterWords(quarter)}的通报已发布`);
  if (doc.status === 'closing') throw conflict(`${quarterWords(quarter)}正在关账，请稍后再试`);
  throw conflict(moved);
}

/**
 * Publishes the 通报: closed → published (once), then each community's secretary is told, with
 * their own band. The notices go after the state change; a function that dies between them leaves
 * the report published and the secretaries untold, who see it in 督导 all the same.
 */
export async function publishReport(
  input: { quarter: string; version: number },
  ctx: CallContext,
): Promise<SupervisionQuarterView> {
  const { quarter } = input;
  const _ = ctx.db.command;
  const res = await ctx.db
    .collection(SUPERVISION_REPORTS)
    .where({ _id: quarter, status: 'closed', version: input.version })
    .update({ data: { status: 'published', publishedAt: ctx.now, publishedBy: ctx.openid, version: _.inc(1) } });
  if (res.stats.updated === 0) await refuse(ctx, quarter, '通报刚被他人修改，请刷新后再发布');

  const [docs, rules, { data: users }] = await Promise.all([
    quarterTallies(ctx.db, [quarter], 'community'),
    rulesOfQuarter(ctx.db, quarter),
    // The secretaries, with their communities (a users read by grant, at a rare step).
    ctx.db
      .collection('users')
      .where({ roles: _.elemMatch({ role: 'secretary' }) })
      .limit(1000)
      .get<{ _id: string; roles: Array<{ role: string; communityId?: string }> }>(),
  ]);
  const bandOf = new Map(
    docs.map((d) => [d.scopeId, scoreRow(d.raw, rules.scopes.community, 'community').band] as const),
  );
  const notices = users.flatMap((u) =>
    u.roles
      .filter((g) => g.role === 'secretary' && g.communityId && bandOf.has(g.communityId))
      .map((g) => {
        const band = bandOf.get(g.communityId!);
        return {
          to: u._id,
          key: 'supervisionPublished' as const,
          content: {
            subject: `${quarterWords(quarter)}督导通报`,
            status: '已发布',
            note: band ? `本社区评定为${bandText(band)}` : '本社区暂无可评分数据',
            time: ctx.now,
          },
          page: reportPage(quarter),
        };
      }),
  );
  await notifyAll(ctx, notices);
  return quarterReport({ quarter }, ctx);
}
