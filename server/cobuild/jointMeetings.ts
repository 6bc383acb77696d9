import type { DecisionStatus } from '../../contract/cobuild';
import {
  COBUILD_MEETING_PAGES,
  type DecisionPage,
  type DecisionView,
  type MeetingPage,
  type MeetingSummary,
  type MeetingView,
  type TopicView,
} from '../../contract/functions/cobuild/meetings';
import { TOPICS_MAX } from '../../contract/limits';
import type { UnitDoc } from '../directory/model';
import { notifyAll, type Notice } from '../notify';
import { audit } from '../platform/audit';
import { isCountyAdmin, ownScope, scopeIds } from '../platform/authorize';
import { checkText, SCENE } from '../platform/content';
import { AppError, conflict, forbidden, invalidInput, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import type { CallContext } from '../platform/router';
import { getById } from '../platform/read';
import { formatLocal, local, toIso } from '../platform/time';
import {
  communityName,
  pairedUnits,
  quarterOf,
  staffFor,
  unitRef,
  viewerOf,
  type DecisionDoc,
  type MeetingDoc,
  type TopicDoc,
  type Viewer,
} from './meetingModel';
import { moveCobuildTally } from './tally';

const DAY = 86_400_000;
const LIST_PAGE = 50;
const iso = (d: Date) => toIso(d)!;
const byName = (ctx: CallContext) => ctx.user?.name ?? ctx.user?.nickname ?? '';
const step = (ctx: CallContext, action: string, note: string | null) => ({
  at: ctx.now,
  by: ctx.openid,
  byName: byName(ctx),
  action,
  note,
});

async function passText(ctx: CallContext, text: string, what: string): Promise<void> {
  if (!text.trim()) return;
  const verdict = await checkText(ctx.openid, text, SCENE.post, ctx.requestId);
  if (verdict !== 'pass') throw new AppError('CONTENT_REJECTED', `${what}未通过安全检测，请修改`);
}

const meetingTitle = (m: Pick<MeetingDoc, 'subject' | 'startAt'>) =>
  m.subject || `${local(m.startAt).format('M月D日')}联席会议`;

// ---------------------------------------------------------------- views

function toDecisionView(d: DecisionDoc, ctx: CallContext): DecisionView {
  const mayUpdate =
    d.status === 'open' &&
    (scopeIds(ctx.user, 'secretary').includes(d.communityId) ||
      (d.ownerUnitId !== null && scopeIds(ctx.user, 'unitAdmin').includes(d.ownerUnitId)));
  return {
    id: d._id,
    meetingId: d.meetingId,
    meetingStartAt: iso(d.meetingStartAt),
    communityId: d.communityId,
    title: d.title,
    owner: { kind: d.ownerKind, id: d.ownerId, name: d.ownerName },
    dueAt: d.dueDay,
    status: d.status,
    overdue: d.status === 'open' && local(ctx.now).format('YYYY-MM-DD') > d.dueDay,
    progress: d.progress.map((p) => ({ at: iso(p.at), byName: p.byName, note: p.note, status: p.status })),
    version: d.version,
    can: mayUpdate ? ['update'] : [],
  };
}

const byDecisionNo = (a: DecisionDoc, b: DecisionDoc) =>
  Number(a._id.split('-').pop()) - Number(b._id.split('-').pop());

function toSummary(m: MeetingDoc, now: Date): MeetingSummary {
  return {
    id: m._id,
    communityId: m.communityId,
    communityName: m.communityName,
    status: m.status,
    startAt: iso(m.startAt),
    place: m.place,
    subject: m.subject,
    topicsBy: iso(m.topicsBy),
    year: m.year,
    quarter: m.quarter,
    topicCount: m.topicCount,
    decisionCount: m.decisionCount,
    topicsOpen: m.status === 'called' && now.getTime() < new Date(m.topicsBy).getTime(),
  };
}

interface MeetingRow extends MeetingDoc {
  decisions: DecisionDoc[];
  previous: MeetingDoc[];
  previousDecisions: DecisionDoc[];
}

function toMeetingView(row: MeetingRow, ctx: CallContext, viewer: Viewer, units: UnitDoc[]): MeetingView {
  const m = row;
  const summary = toSummary(m, ctx.now);
  const topics: TopicView[] = m.topics.map((t) => {
    const at = m.agenda.indexOf(t.id);
    return {
      id: t.id,
      title: t.title,
      description: t.description,
      from: { kind: t.fromKind, id: t.fromId, name: t.fromName },
      byName: t.byName,
      submittedAt: iso(t.submittedAt),
      agendaNo: at < 0 ? null : at + 1,
    };
  });
  const called = m.status === 'called';
  const can: MeetingView['can'] = [];
  if (summary.topicsOpen && (viewer.secretary || viewer.unitId)) can.push('submitTopic');
  if (called && viewer.secretary) {
    can.push('setAgenda');
    if (ctx.now.getTime() >= new Date(m.startAt).getTime()) can.push('record');
    can.push('cancel');
  }
  const prev = row.previous[0];
  return {
    ...summary,
    units: units.map(unitRef),
    topics,
    agenda: m.agenda,
    present: m.presentUnitIds
      ? m.presentUnitIds.map((id) => ({ id, name: units.find((u) => u._id === id)?.name ?? '' }))
      : null,
    minutes: m.minutes,
    heldAt: toIso(m.heldAt),
    cancelReason: m.cancelReason,
    decisions: [...row.decisions].sort(byDecisionNo).map((d) => toDecisionView(d, ctx)),
    previous: prev
      ? {
          id: prev._id,
          startAt: iso(prev.startAt),
          subject: prev.subject,
          decisions: [...row.previousDecisions].sort(byDecisionNo).map((d) => toDecisionView(d, ctx)),
        }
      : null,
    version: m.version,
    can,
  };
}

/**
 * A meeting with its decisions, its previous held meeting and that one's decisions: one
 * aggregate (what makes `meeting` two requests with the caller's).
 */
async function loadMeeting(ctx: CallContext, meetingId: string): Promise<MeetingRow> {
  const { list } = await ctx.db
    .collection('meetings')
    .aggregate()
    .match({ _id: meetingId })
    .lookup({ from: 'meetingDecisions', localField: '_id', foreignField: 'meetingId', as: 'decisions' })
    .lookup({ from: 'meetings', localField: 'previousId', foreignField: '_id', as: 'previous' })
    .lookup({ from: 'meetingDecisions', localField: 'previousId', foreignField: 'meetingId', as: 'previousDecisions' })
    .end<MeetingRow>();
  const row = list[0];
  if (!row) throw notFound('会议不存在');
  return row;
}

/** The caller's standing with a meeting's community; out of scope: NOT_FOUND (as for other communities' items). */
async function viewerOfMeeting(ctx: CallContext, m: MeetingDoc): Promise<Viewer> {
  try {
    return (await viewerOf(ctx, m.communityId))!;
  } catch (err) {
    if (err instanceof AppError && err.code === 'FORBIDDEN') throw notFound('会议不存在');
    throw err;
  }
}

/** The community's secretary calling: their community, or FORBIDDEN for another's meeting. */
function assertSecretaryOf(ctx: CallContext, m: MeetingDoc): void {
  if (!scopeIds(ctx.user, 'secretary').includes(m.communityId)) throw forbidden('只能管理本社区的联席会议');
}

function notices(
  to: string[],
  m: Pick<MeetingDoc, '_id' | 'subject' | 'startAt' | 'place'>,
  status: string,
  note: string,
): Notice {
  return {
    to,
    key: 'meetingNotice',
    content: { subject: meetingTitle(m), status, time: new Date(m.startAt), place: m.place, note },
    page: COBUILD_MEETING_PAGES.meeting(m._id),
  };
}

// ---------------------------------------------------------------- reads

export async function meeting(input: { meetingId: string }, ctx: CallContext): Promise<MeetingView> {
  const row = await loadMeeting(ctx, input.meetingId);
  const viewer = await viewerOfMeeting(ctx, row);
  return toMeetingView(row, ctx, viewer, await pairedUnits(ctx, row.communityId));
}

export async function meetings(
  input: { communityId?: string; year?: number; quarter?: number; from: number },
  ctx: CallContext,
): Promise<MeetingPage> {
  const viewer = await viewerOf(ctx, input.communityId, true);
  const year = input.year ?? local(ctx.now).year();
  const where: Record<string, unknown> = viewer ? { communityId: viewer.communityId, year } : { year };
  if (input.quarter !== undefined) where.quarter = input.quarter;
  const { data } = await ctx.db
    .collection('meetings')
    .where(where)
    .orderBy('startAt', 'desc')
    .skip(input.from)
    .limit(LIST_PAGE + 1)
    .field({ topics: false, minutes: false, history: false })
    .get<MeetingDoc>();
  return {
    items: data.slice(0, LIST_PAGE).map((m) => toSummary(m, ctx.now)),
    next: data.length > LIST_PAGE ? input.from + LIST_PAGE : null,
  };
}

export async function decisions(
  input: { communityId?: string; status: DecisionStatus; from: number },
  ctx: CallContext,
): Promise<DecisionPage> {
  const secretaryOf = scopeIds(ctx.user, 'secretary');
  const unitIds = scopeIds(ctx.user, 'unitAdmin');
  let where: Record<string, unknown>;
  if (input.communityId !== undefined) {
    if (!secretaryOf.includes(input.communityId) && !isCountyAdmin(ctx.user)) {
      // A unit admin names their paired community: the decisions their unit owns there.
      const viewer = await viewerOf(ctx, input.communityId);
      if (!viewer?.unitId) throw forbidden('只能查看本社区的议定事项');
      where = { ownerUnitId: viewer.unitId, status: input.status };
    } else where = { communityId: input.communityId, status: input.status };
  } else if (secretaryOf[0]) where = { communityId: secretaryOf[0], status: input.status };
  else if (unitIds[0]) where = { ownerUnitId: unitIds[0], status: input.status };
  else where = { status: input.status };
  const { data } = await ctx.db
    .collection('meetingDecisions')
    .where(where)
    .orderBy('dueAt', 'asc')
    .skip(input.from)
    .limit(LIST_PAGE + 1)
    .get<DecisionDoc>();
  return {
    items: data.slice(0, LIST_PAGE).map((d) => toDecisionView(d, ctx)),
    next: data.length > LIST_PAGE ? input.from + LIST_PAGE : null,
  };
}

// ---------------------------------------------------------------- writes

/**
 * 召集联席会议: user; the previous held meeting (with its decisions) beside the paired units'
 * admins; the insert; audit entry and notices side by side — four round trips.
 */
export async function callMeeting(
  input: { startAt: string; place: string; topicsBy?: string; subject?: string },
  ctx: CallContext,
): Promise<MeetingView> {
  const communityId = ownScope(ctx.user, 'secretary', '只有社区书记可以召集联席会议');
  const startAt = new Date(input.startAt);
  if (startAt.getTime() <= ctx.now.getTime())
    throw invalidInput('会议时间已过', [{ path: 'startAt', message: '会议时间须在将来' }]);
  const topicsBy = input.topicsBy ? new Date(input.topicsBy) : new Date(startAt.getTime() - 3 * DAY);
  if (topicsBy.getTime() >= startAt.getTime())
    throw invalidInput('议题征集截止须早于会议时间', [{ path: 'topicsBy', message: '议题征集截止须早于会议时间' }]);
  if (topicsBy.getTime() <= ctx.now.getTime())
    throw invalidInput('议题征集截止时间已过', [
      {
        path: 'topicsBy',
        message: input.topicsBy ? '议题征集截止须在将来' : '会议不足三天，请指定议题征集截止时间',
      },
    ]);
  const subject = input.subject ?? '';
  await passText(ctx, `${input.place}\n${subject}`, '会议地点或议题');
  const [units, name] = await Promise.all([pairedUnits(ctx, communityId), communityName(ctx, communityId)]);
  const _ = ctx.db.command;
  const [prevRows, admins] = await Promise.all([
    ctx.db
      .collection('meetings')
      .aggregate()
      .match({ communityId, status: 'held', startAt: _.lt(startAt) })
      .sort({ startAt: -1 })
      .limit(1)
      .lookup({ from: 'meetingDecisions', localField: '_id', foreignField: 'meetingId', as: 'previousDecisions' })
      .end<MeetingDoc & { previousDecisions: DecisionDoc[] }>(),
    staffFor(
      ctx,
      'unitAdmin',
      units.map((u) => u._id),
    ),
  ]);
  const prev = prevRows.list[0] ?? null;
  const { year, quarter } = quarterOf(startAt);
  const doc: MeetingDoc = {
    _id: newId(),
    communityId,
    communityName: name,
    status: 'called',
    startAt,
    year,
    quarter,
    place: input.place,
    subject,
    topicsBy,
    topics: [],
    topicCount: 0,
    agenda: [],
    presentUnitIds: null,
    minutes: null,
    heldAt: null,
    decisionCount: 0,
    cancelReason: null,
    previousId: prev?._id ?? null,
    previousStartAt: prev ? new Date(prev.startAt) : new Date(0),
    version: 1,
    history: [step(ctx, 'call', null)],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  await ctx.db.collection('meetings').add({ data: doc });
  await Promise.all([
    audit(ctx, {
      kind: 'cobuild',
      action: 'callMeeting',
      entity: 'meetings',
      entityId: doc._id,
      label: meetingTitle(doc),
      summary: `${formatLocal(startAt)} ${input.place}`,
      scope: { communityId },
    }),
    notifyAll(ctx, [
      notices(
        admins.map((a) => a.openid),
        doc,
        '已召集',
        `请于${local(topicsBy).format('M月D日 HH:mm')}前提交议题`,
      ),
    ]),
  ]);
  const { previousDecisions = [], ...prevDoc } = prev ?? ({} as Partial<MeetingRow>);
  const row: MeetingRow = {
    ...doc,
    decisions: [],
    previous: prev ? [prevDoc as MeetingDoc] : [],
    previousDecisions: previousDecisions ?? [],
  };
  return toMeetingView(row, ctx, { communityId, secretary: true, unitId: null, county: false }, units);
}

/**
 * 提交议题: pushed into the meeting conditional on it still being called, the window open and
 * room left; after the window → CONFLICT saying when it closed. User, read, push, audit.
 */
export async function submitTopic(
  input: { meetingId: string; title: string; description: string },
  ctx: CallContext,
): Promise<MeetingView> {
  const row = await loadMeeting(ctx, input.meetingId);
  const viewer = await viewerOfMeeting(ctx, row);
  const units = await pairedUnits(ctx, row.communityId);
  // A paired unit's admin submits for the unit; the secretary for the community.
  const from: Pick<TopicDoc, 'fromKind' | 'fromId' | 'fromName'> | null = viewer.unitId
    ? {
        fromKind: 'unit',
        fromId: viewer.unitId,
        fromName: units.find((u) => u._id === viewer.unitId)?.name ?? '',
      }
    : viewer.secretary
      ? { fromKind: 'community', fromId: row.communityId, fromName: row.communityName }
      : null;
  if (!from) throw forbidden('只有结对单位管理员或社区书记可以提交议题');
  if (row.status !== 'called') throw conflict(row.status === 'held' ? '会议已召开' : '会议已取消');
  const closedAt = `议题征集已于${local(row.topicsBy).format('M月D日 HH:mm')}截止`;
  if (ctx.now.getTime() >= new Date(row.topicsBy).getTime()) throw conflict(closedAt);
  if (row.topicCount >= TOPICS_MAX) throw conflict(`本次会议议题已满 ${TOPICS_MAX} 个`);
  await passText(ctx, `${input.title}\n${input.description}`, '议题');
  const topic: TopicDoc = {
    id: newId(),
    title: input.title,
    description: input.description,
    ...from,
    by: ctx.openid,
    byName: byName(ctx),
    submittedAt: ctx.now,
  };
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('meetings')
    .where({ _id: row._id, status: 'called', topicsBy: _.gt(ctx.now), topicCount: _.lt(TOPICS_MAX) })
    .update({ data: { topics: _.push(topic), topicCount: _.inc(1), updatedAt: ctx.now } });
  if (stats.updated !== 1) throw conflict(`${closedAt}或会议已变更，请刷新`);
  await audit(ctx, {
    kind: 'cobuild',
    action: 'submitTopic',
    entity: 'meetings',
    entityId: row._id,
    label: meetingTitle(row),
    summary: `${from.fromName}：${input.title}`,
    scope: { communityId: row.communityId, unitId: viewer.unitId },
  });
  return toMeetingView({ ...row, topics: [...row.topics, topic], topicCount: row.topicCount + 1 }, ctx, viewer, units);
}

/** A secretary's step on a called meeting: the read beside the paired units' admins (the notice's recipients). */
async function secretaryStep(ctx: CallContext, meetingId: string, version: number) {
  const row = await loadMeeting(ctx, meetingId);
  assertSecretaryOf(ctx, row);
  if (row.status !== 'called') throw conflict(row.status === 'held' ? '会议已召开' : '会议已取消');
  if (row.version !== version) throw conflict('会议刚刚被他人修改，请刷新后重试');
  const units = await pairedUnits(ctx, row.communityId);
  return { row, units };
}

async function updateCalled(ctx: CallContext, m: MeetingDoc, data: Record<string, unknown>): Promise<void> {
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('meetings')
    .where({ _id: m._id, status: 'called', version: m.version })
    .update({ data: { ...data, version: _.inc(1), updatedAt: ctx.now } });
  if (stats.updated !== 1) throw conflict('会议刚刚被他人修改，请刷新后重试');
}

/** 确定议程: user, read ∥ recipients, conditional update, audit ∥ notices. */
export async function setAgenda(
  input: { meetingId: string; version: number; topicIds: string[] },
  ctx: CallContext,
): Promise<MeetingView> {
  const [{ row, units }, admins] = await Promise.all([
    secretaryStep(ctx, input.meetingId, input.version),
    staffForMeetingUnits(ctx),
  ]);
  const known = new Set(row.topics.map((t) => t.id));
  const unknown = input.topicIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !known.has(id))
    .map(({ i }) => ({ path: `topicIds.${i}`, message: '不是本次会议的议题' }));
  if (unknown.length) throw invalidInput('议程中有不属于本次会议的议题', unknown);
  const _ = ctx.db.command;
  await updateCalled(ctx, row, { agenda: input.topicIds, history: _.push(step(ctx, 'agenda', null)) });
  const titles = input.topicIds.map((id) => row.topics.find((t) => t.id === id)!.title);
  await Promise.all([
    audit(ctx, {
      kind: 'cobuild',
      action: 'setAgenda',
      entity: 'meetings',
      entityId: row._id,
      label: meetingTitle(row),
      summary: titles.join('；'),
      scope: { communityId: row.communityId },
    }),
    notifyAll(ctx, [
      notices(
        admins.map((a) => a.openid),
        row,
        '议程已确定',
        `共 ${titles.length} 项议题`,
      ),
    ]),
  ]);
  return toMeetingView(
    { ...row, agenda: input.topicIds, version: row.version + 1 },
    ctx,
    { communityId: row.communityId, secretary: true, unitId: null, county: false },
    units,
  );
}

const dayStart = (day: string) =>
  local(new Date(`${day}T00:00:00+08:00`))
    .startOf('day')
    .toDate();

/**
 * 记录会议: once its time has come, the meeting is held (conditional on called and version),
 * then side by side: its decisions (one insert), the tally's `meetingsHeld`, the audit entry,
 * later called meetings' `previousId`, and the notices — four round trips with the user and the
 * read (beside the recipients). A crash after the meeting's update leaves it held with fewer
 * decisions than `decisionCount`: the daily cobuildReminders job re-inserts them from
 * `recordedDecisions` (same ids; duplicates skipped), and reconcileCobuild the tally.
 */
export async function recordMeeting(
  input: {
    meetingId: string;
    version: number;
    presentUnitIds: string[];
    minutes: string;
    decisions: Array<{ title: string; ownerUnitId: string | null; dueAt: string }>;
  },
  ctx: CallContext,
): Promise<MeetingView> {
  const [{ row, units }, admins] = await Promise.all([
    secretaryStep(ctx, input.meetingId, input.version),
    staffForMeetingUnits(ctx),
  ]);
  const details: Array<{ path: string; message: string }> = [];
  const paired = new Set(units.map((u) => u._id));
  input.presentUnitIds.forEach((id, i) => {
    if (!paired.has(id)) details.push({ path: `presentUnitIds.${i}`, message: '出席单位须为本社区的结对单位' });
  });
  const today = local(ctx.now).format('YYYY-MM-DD');
  input.decisions.forEach((d, i) => {
    if (d.ownerUnitId !== null && !paired.has(d.ownerUnitId))
      details.push({ path: `decisions.${i}.ownerUnitId`, message: '责任单位须为本社区或其结对单位' });
    if (d.dueAt < today) details.push({ path: `decisions.${i}.dueAt`, message: '完成期限不能早于今天' });
  });
  if (details.length) throw invalidInput(details[0].message, details);
  if (ctx.now.getTime() < new Date(row.startAt).getTime()) throw conflict('会议尚未开始，开始后才能记录');
  await passText(ctx, [input.minutes, ...input.decisions.map((d) => d.title)].join('\n'), '会议记录');

  const decisionDocs: DecisionDoc[] = input.decisions.map((d, i) => {
    const unit = d.ownerUnitId ? units.find((u) => u._id === d.ownerUnitId)! : null;
    return {
      _id: `${row._id}-${i + 1}`,
      meetingId: row._id,
      meetingStartAt: new Date(row.startAt),
      meetingSubject: meetingTitle(row),
      communityId: row.communityId,
      communityName: row.communityName,
      title: d.title,
      ownerKind: unit ? 'unit' : 'community',
      ownerUnitId: unit?._id ?? null,
      ownerId: unit?._id ?? row.communityId,
      ownerName: unit?.name ?? row.communityName,
      dueDay: d.dueAt,
      dueAt: dayStart(d.dueAt),
      status: 'open',
      progress: [],
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
  });
  const _ = ctx.db.command;
  await updateCalled(ctx, row, {
    status: 'held',
    presentUnitIds: input.presentUnitIds,
    minutes: input.minutes,
    heldAt: ctx.now,
    decisionCount: decisionDocs.length,
    recordedDecisions: decisionDocs,
    history: _.push(step(ctx, 'record', null)),
  });
  const present = new Set(input.presentUnitIds);
  const attendees = admins.filter((a) => present.has(a.scopeId)).map((a) => a.openid);
  const owned: Notice[] = decisionDocs
    .filter((d) => d.ownerUnitId)
    .map((d) => ({
      to: admins.filter((a) => a.scopeId === d.ownerUnitId).map((a) => a.openid),
      key: 'decisionNotice' as const,
      content: { subject: d.title, status: '待落实', time: d.dueAt, note: `${meetingTitle(row)}议定，由本单位负责` },
      page: COBUILD_MEETING_PAGES.meeting(row._id),
    }));
  const { year, quarter } = quarterOf(new Date(row.startAt));
  await Promise.all([
    decisionDocs.length ? ctx.db.collection('meetingDecisions').add({ data: decisionDocs }) : Promise.resolve(),
    moveCobuildTally(ctx, row.communityId, year, { [`meetingsHeld.${quarter - 1}`]: 1 }),
    audit(ctx, {
      kind: 'cobuild',
      action: 'recordMeeting',
      entity: 'meetings',
      entityId: row._id,
      label: meetingTitle(row),
      summary: `出席单位 ${input.presentUnitIds.length} 个，议定事项 ${decisionDocs.length} 项`,
      scope: { communityId: row.communityId },
    }),
    // Called meetings after this one now follow it (their previous held meeting).
    ctx.db
      .collection('meetings')
      .where({
        communityId: row.communityId,
        status: 'called',
        startAt: _.gt(new Date(row.startAt)),
        previousStartAt: _.lt(new Date(row.startAt)),
      })
      .update({ data: { previousId: row._id, previousStartAt: new Date(row.startAt) } }),
    notifyAll(ctx, [notices(attendees, row, '已召开', `会议纪要已记录，议定事项 ${decisionDocs.length} 项`), ...owned]),
  ]);
  const held: MeetingRow = {
    ...row,
    status: 'held',
    presentUnitIds: input.presentUnitIds,
    minutes: input.minutes,
    heldAt: ctx.now,
    decisionCount: decisionDocs.length,
    decisions: decisionDocs,
    version: row.version + 1,
  };
  return toMeetingView(
    held,
    ctx,
    { communityId: row.communityId, secretary: true, unitId: null, county: false },
    units,
  );
}

/**
 * The admins of the units paired with the calling secretary's community: read beside the
 * meeting (a secretary acts only on their community's meetings, so these are its recipients).
 */
async function staffForMeetingUnits(ctx: CallContext) {
  const [communityId] = scopeIds(ctx.user, 'secretary');
  if (!communityId) return [];
  const units = await pairedUnits(ctx, communityId);
  return staffFor(
    ctx,
    'unitAdmin',
    units.map((u) => u._id),
  );
}

/** 取消会议: user, read ∥ recipients, conditional update, audit ∥ notices. */
export async function cancelMeeting(
  input: { meetingId: string; version: number; reason: string },
  ctx: CallContext,
): Promise<MeetingView> {
  const [{ row, units }, admins] = await Promise.all([
    secretaryStep(ctx, input.meetingId, input.version),
    staffForMeetingUnits(ctx),
  ]);
  await passText(ctx, input.reason, '取消原因');
  const _ = ctx.db.command;
  await updateCalled(ctx, row, {
    status: 'cancelled',
    cancelReason: input.reason,
    history: _.push(step(ctx, 'cancel', input.reason)),
  });
  await Promise.all([
    audit(ctx, {
      kind: 'cobuild',
      action: 'cancelMeeting',
      entity: 'meetings',
      entityId: row._id,
      label: meetingTitle(row),
      summary: input.reason,
      scope: { communityId: row.communityId },
    }),
    notifyAll(ctx, [
      notices(
        admins.map((a) => a.openid),
        row,
        '已取消',
        input.reason,
      ),
    ]),
  ]);
  return toMeetingView(
    { ...row, status: 'cancelled', cancelReason: input.reason, version: row.version + 1 },
    ctx,
    { communityId: row.communityId, secretary: true, unitId: null, county: false },
    units,
  );
}

/**
 * 事项进展: the owner unit's admin or the secretary, conditional on open and the version read.
 * User, read, update, audit.
 */
export async function updateDecision(
  input: { decisionId: string; version: number; note?: string; status?: 'done' | 'dropped' },
  ctx: CallContext,
): Promise<DecisionView> {
  const d = await getById<DecisionDoc>(ctx.db, 'meetingDecisions', input.decisionId);
  if (!d) throw notFound('议定事项不存在');
  const secretary = scopeIds(ctx.user, 'secretary').includes(d.communityId);
  const owner = d.ownerUnitId !== null && scopeIds(ctx.user, 'unitAdmin').includes(d.ownerUnitId);
  if (!secretary && !owner) {
    const paired = (await viewerOf(ctx, d.communityId).catch(() => null))?.unitId;
    if (paired) throw forbidden('只有责任单位或社区书记可以更新该事项');
    throw notFound('议定事项不存在');
  }
  if (d.status !== 'open') throw conflict('该事项已办结');
  if (d.version !== input.version) throw conflict('该事项刚刚被他人更新，请刷新后重试');
  if (input.note) await passText(ctx, input.note, '进展说明');
  const entry = {
    at: ctx.now,
    by: ctx.openid,
    byName: byName(ctx),
    note: input.note ?? null,
    status: input.status ?? null,
  };
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('meetingDecisions')
    .where({ _id: d._id, status: 'open', version: d.version })
    .update({
      data: {
        ...(input.status ? { status: input.status } : {}),
        progress: _.push(entry),
        version: _.inc(1),
        updatedAt: ctx.now,
      },
    });
  if (stats.updated !== 1) throw conflict('该事项刚刚被他人更新，请刷新后重试');
  await audit(ctx, {
    kind: 'cobuild',
    action: 'updateDecision',
    entity: 'meetingDecisions',
    entityId: d._id,
    label: d.title,
    summary: [input.status ? (input.status === 'done' ? '已完成' : '已撤销') : '', input.note ?? '']
      .filter(Boolean)
      .join('：'),
    scope: { communityId: d.communityId, unitId: d.ownerUnitId },
  });
  return toDecisionView(
    { ...d, status: input.status ?? d.status, progress: [...d.progress, entry], version: d.version + 1 },
    ctx,
  );
}
