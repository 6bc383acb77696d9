import type { RecordPage, RecordView, ReviewOutcome } from '../../contract/functions/sixOnes';
import { RECORD_KIND_LABELS } from '../../contract/sixOnes';
import { notifyAll } from '../notify';
import { audit } from '../platform/audit';
import { grantsFor, notOwn, ownScope, requireScope } from '../platform/authorize';
import { checkText, SCENE } from '../platform/content';
import { AppError, conflict, forbidden, invalidInput, notFound } from '../platform/errors';
import { assertUploaded, tempUrls } from '../platform/files';
import { newId } from '../platform/ids';
import type { UserDoc } from '../platform/identity';
import type { CallContext } from '../platform/router';
import { everyWordIn, narrowed } from '../platform/search';
import { localYear, toIso } from '../platform/time';
import { inTransaction, txGet } from '../platform/tx';
import type { RecordDoc } from './credit';
import { creditApproved } from './credit';
import { memberCommunity, recordAudits } from './rules';
import { callerName, sixOnesPage, step } from './shared';
import { getById } from '../platform/read';

const PAGE = 20;
const iso = toIso;

/** The record as the viewer sees it: the member themself or staff in scope (nobody else reads records). */
export async function toRecordViews(records: RecordDoc[], viewer: { openid: string; user: UserDoc | null }) {
  const urls = await tempUrls(records.flatMap((r) => r.photos));
  return records.map((r): RecordView => {
    const reviewer =
      r.communityId !== null && grantsFor(viewer.user, ['secretary'], { communityId: r.communityId }).length > 0;
    const own = r.openid === viewer.openid;
    const can: RecordView['can'] = [];
    if (own && r.status === 'rejected' && (r.kind === 'surveyReport' || r.kind === 'pairing' || r.kind === 'visit'))
      can.push('refile');
    if (reviewer && r.status === 'pending' && !own) can.push('review');
    return {
      id: r._id,
      item: r.item,
      kind: r.kind,
      status: r.status,
      title: r.title,
      note: r.note,
      photos: r.photos.map((fileId) => ({ fileId, url: urls.get(fileId) ?? null })),
      minutes: r.minutes,
      year: r.year,
      member: { openid: r.openid, name: r.memberName, unitName: r.unitName },
      activity: r.activity
        ? { id: r.activity.id, title: r.activity.title, startAt: iso(r.activity.startAt)!, manual: r.activity.manual }
        : null,
      wishId: r.wishId,
      pairingId: r.pairingId,
      household: r.household,
      rejectReason: r.rejectReason,
      createdAt: iso(r.createdAt)!,
      reviewedAt: iso(r.reviewedAt),
      history: r.history.map((h) => ({ at: iso(h.at)!, byName: h.byName, action: h.action, note: h.note })),
      can,
    };
  });
}

async function loadRecord(ctx: CallContext, id: string): Promise<RecordDoc> {
  const record = await getById<RecordDoc>(ctx.db, 'records', id);
  if (!record) throw notFound('记录不存在');
  return record;
}

async function checkNote(ctx: CallContext, title: string, note: string): Promise<void> {
  // Records are read only by the member and their secretary; risky text is refused outright.
  if ((await checkText(ctx.openid, `${title}\n${note}`, SCENE.post, ctx.requestId)) === 'risky')
    throw new AppError('CONTENT_REJECTED', '内容未通过安全检测，请修改后再提交');
}

type FileInput =
  | { kind: 'surveyReport'; title: string; note: string; photos: string[] }
  | { kind: 'pairing'; title: string; note: string; photos: string[]; household: { name: string; address: string } }
  | { kind: 'visit'; pairingId: string; title: string; note: string; photos: string[] };

/** A record no activity proves, filed by the member with evidence: pending until the secretary reviews it. */
export async function fileRecord(input: FileInput, ctx: CallContext): Promise<RecordView> {
  const member = memberCommunity(ctx.user);
  if (!member) throw forbidden('请先完成双报到');
  if (input.kind === 'visit') {
    const pairing = await loadRecord(ctx, input.pairingId).catch(() => null);
    if (!pairing || pairing.openid !== ctx.openid || pairing.kind !== 'pairing')
      throw invalidInput('结对记录不存在', [{ path: 'pairingId', message: '请选择您的结对记录' }]);
    if (pairing.status === 'rejected') throw conflict('该结对记录已被驳回，请先修改后重新提交');
  }
  await assertUploaded(ctx.openid, input.photos);
  await checkNote(ctx, input.title, input.note);
  const unit = member.unitId ? await getById<{ name: string }>(ctx.db, 'units', member.unitId) : null;
  const record: RecordDoc = {
    _id: newId(),
    openid: ctx.openid,
    memberName: callerName(ctx),
    unitName: unit?.name ?? null,
    year: localYear(ctx.now),
    item: input.kind === 'surveyReport' ? 'survey' : 'pairing',
    kind: input.kind,
    status: 'pending',
    title: input.title,
    note: input.note,
    photos: input.photos,
    minutes: null,
    activity: null,
    wishId: null,
    pairingId: input.kind === 'visit' ? input.pairingId : null,
    household: input.kind === 'pairing' ? input.household : null,
    communityId: member.communityId,
    unitId: member.unitId,
    rejectReason: null,
    reviewedBy: null,
    reviewedAt: null,
    history: [step(ctx, 'file', null)],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  await ctx.db.collection('records').add({ data: record });
  const [view] = await toRecordViews([record], ctx);
  return view;
}

export async function refileRecord(
  input: { recordId: string; title: string; note: string; photos: string[] },
  ctx: CallContext,
): Promise<RecordView> {
  const record = await loadRecord(ctx, input.recordId);
  if (record.openid !== ctx.openid) throw forbidden('只能修改自己的记录');
  if (record.kind === 'attendance' || record.kind === 'wish') throw conflict('签到和心愿记录不能修改，请联系社区书记');
  if (record.status !== 'rejected') throw conflict('只有被驳回的记录可以修改后重新提交');
  await assertUploaded(ctx.openid, input.photos);
  await checkNote(ctx, input.title, input.note);
  const _ = ctx.db.command;
  const changes = {
    status: 'pending' as const,
    title: input.title,
    note: input.note,
    photos: input.photos,
    rejectReason: null,
    updatedAt: ctx.now,
  };
  const entry = step(ctx, 'refile', null);
  const { stats } = await ctx.db
    .collection('records')
    .where({ _id: record._id, status: 'rejected' })
    .update({ data: { ...changes, photos: _.set(input.photos), history: _.push(entry) } });
  if (stats.updated !== 1) throw conflict('记录刚刚被修改，请刷新后重试');
  const [view] = await toRecordViews([{ ...record, ...changes, history: [...record.history, entry] }], ctx);
  return view;
}

const secretaryCommunity = (ctx: CallContext) => ownScope(ctx.user, 'secretary', '只有社区书记可以审核记录');

/** What the secretary sees of a record in 六个一审核, searched by `q` (server/platform/search.ts). */
const RECORD_SEARCHED = ['memberName', 'unitName', 'title'];

export async function recordQueue(
  input: { status: 'pending' | 'approved' | 'rejected'; q?: string; from: number },
  ctx: CallContext,
): Promise<RecordPage> {
  const communityId = secretaryCommunity(ctx);
  // The words searched narrow the page's one query (the same index, the same order).
  const search = everyWordIn(ctx.db, RECORD_SEARCHED, input.q);
  const { data } = await ctx.db
    .collection('records')
    .where(narrowed(ctx.db, { communityId, status: input.status }, search))
    .orderBy(input.status === 'pending' ? 'createdAt' : 'updatedAt', input.status === 'pending' ? 'asc' : 'desc')
    .skip(input.from)
    .limit(PAGE + 1)
    .get<RecordDoc>();
  return {
    items: await toRecordViews(data.slice(0, PAGE), ctx),
    next: data.length > PAGE ? input.from + PAGE : null,
  };
}

/**
 * Approve or reject up to 100 records in one transaction: each record moves only from
 * `pending`, and the approved ones move the member-year and tally counters in the same
 * transaction — so approving twice (or two secretaries at once) counts once. Any record of
 * another community, or of the caller themself, refuses the whole batch.
 */
export async function reviewRecords(
  input: { recordIds: string[]; decision: 'approve' | 'reject'; reason?: string },
  ctx: CallContext,
): Promise<ReviewOutcome> {
  const approve = input.decision === 'approve';
  const outcome = await inTransaction(ctx, async (tx) => {
    // Single-document reads (all a transaction allows), sent together: one round trip, not 100.
    const read = await Promise.all(input.recordIds.map((id) => txGet<RecordDoc>(tx, 'records', id)));
    const records: RecordDoc[] = [];
    read.forEach((r, i) => {
      if (!r) throw notFound(`记录不存在：${input.recordIds[i]}`);
      requireScope(ctx.user, ['secretary'], { communityId: r.communityId ?? undefined }, '只能审核本社区的记录');
      notOwn(ctx.openid, [r.openid], 'reviewRecord');
      records.push(r);
    });
    const changed: RecordDoc[] = [];
    const unchanged: string[] = [];
    const skipped: Array<{ id: string; reason: string }> = [];
    const writes: Array<Promise<unknown>> = [];
    const _ = ctx.db.command;
    for (const r of records) {
      if (r.status !== 'pending') {
        unchanged.push(r._id);
        continue;
      }
      if (approve && r.kind === 'attendance' && r.item === 'volunteer' && r.minutes === null) {
        skipped.push({ id: r._id, reason: `${r.memberName} 尚未签退，请先补签退` });
        continue;
      }
      const entry = step(ctx, approve ? 'approve' : 'reject', approve ? null : (input.reason ?? null));
      const fields = {
        status: approve ? ('approved' as const) : ('rejected' as const),
        rejectReason: approve ? null : (input.reason ?? null),
        reviewedBy: ctx.openid,
        reviewedAt: ctx.now,
        updatedAt: ctx.now,
      };
      writes.push(
        tx
          .collection('records')
          .doc(r._id)
          .update({ data: { ...fields, history: _.push(entry) } }),
      );
      changed.push({ ...r, ...fields, history: [...r.history, entry] });
    }
    // The review's audit entry (one per community of the batch) beside the records' writes.
    for (const a of recordAudits(changed, input.decision, approve ? null : (input.reason ?? null)))
      writes.push(audit(ctx, a, tx));
    await Promise.all(writes);
    if (approve) await creditApproved(tx, changed, ctx.now);
    const byId = new Map([...records, ...changed].map((r) => [r._id, r]));
    return { changed, unchanged, skipped, all: input.recordIds.map((id) => byId.get(id)!) };
  });

  // One message per member, after the commit: all of them in one insert.
  const members = new Map<string, RecordDoc[]>();
  for (const r of outcome.changed) members.set(r.openid, [...(members.get(r.openid) ?? []), r]);
  await notifyAll(
    ctx,
    [...members].map(([openid, list]) => ({
      to: openid,
      key: 'recordReviewed' as const,
      content: {
        subject:
          list.length === 1 ? `${RECORD_KIND_LABELS[list[0].kind]}：${list[0].title}` : `${list.length} 条六个一记录`,
        status: approve ? '已通过' : '已驳回',
        time: ctx.now,
        note: approve ? '已计入我的六个一' : `理由：${input.reason ?? ''}`,
      },
      page: sixOnesPage(),
    })),
  );
  return {
    changed: outcome.changed.map((r) => r._id),
    unchanged: outcome.unchanged,
    skipped: outcome.skipped,
    records: await toRecordViews(outcome.all, ctx),
  };
}
