import type { DecisionStatus, MeetingStatus } from '../../contract/cobuild';
import type { UnitRef } from '../../contract/functions/cobuild/meetings';
import { directory } from '../directory/cache';
import type { UnitDoc } from '../directory/model';
import { forbidden, invalidInput, notFound } from '../platform/errors';
import { isCountyAdmin, scopeIds } from '../platform/authorize';
import type { CallContext } from '../platform/router';
import type { Database } from '../platform/sdk-types';
import { local } from '../platform/time';
import type { UserDoc } from '../platform/identity';

/** One month of a rota (`rotas.months[month - 1]`). */
export interface RotaMonth {
  month: number;
  unitId: string | null;
  unitName: string | null;
  theme: string | null;
  themedAt: Date | null;
  themedBy: string | null;
}

/**
 * 轮值主席: a community's rota for a year (`rotas`, `_id` `${communityId}-${year}`), twelve
 * months. Every change writes the whole `months` array conditional on `version` (and moves it),
 * so a secretary's edit and a chair's theme at once: one wins, the other CONFLICT. The month's
 * chair activity is not stored here: it is the activity `chair-${communityId}-${year}-${MM}`
 * (its `rotaId` is this document's id), looked up when the rota is read.
 */
export interface RotaDoc {
  _id: string;
  communityId: string;
  communityName: string;
  year: number;
  version: number;
  months: RotaMonth[];
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

export const rotaId = (communityId: string, year: number) => `${communityId}-${year}`;
export const rotaMonthKey = (communityId: string, year: number, month: number) =>
  `${communityId}-${year}-${String(month).padStart(2, '0')}`;

export const emptyMonths = (): RotaMonth[] =>
  Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    unitId: null,
    unitName: null,
    theme: null,
    themedAt: null,
    themedBy: null,
  }));

/** A topic submitted for a meeting (inside `meetings.topics`). */
export interface TopicDoc {
  id: string;
  title: string;
  description: string;
  fromKind: 'unit' | 'community';
  fromId: string;
  fromName: string;
  by: string;
  byName: string;
  submittedAt: Date;
}

/**
 * 联席会议 (`meetings`): called → held | cancelled. Topics are pushed into the document while the
 * window is open (conditional on status and `topicsBy`); agenda, record and cancel are
 * conditional on `status: 'called'` and `version`. `previousId`: the community's latest held
 * meeting before this one (set when called; moved forward when an earlier meeting is held
 * later), so the meeting page reads it and both meetings' decisions in one aggregate.
 */
export interface MeetingDoc {
  _id: string;
  communityId: string;
  communityName: string;
  status: MeetingStatus;
  startAt: Date;
  /** Beijing-time year and quarter (1–4) of `startAt`. */
  year: number;
  quarter: number;
  place: string;
  subject: string;
  topicsBy: Date;
  topics: TopicDoc[];
  topicCount: number;
  agenda: string[];
  presentUnitIds: string[] | null;
  minutes: string | null;
  heldAt: Date | null;
  decisionCount: number;
  cancelReason: string | null;
  /** The decisions as recorded (what the daily job re-inserts if a crash left some out). */
  recordedDecisions?: DecisionDoc[];
  previousId: string | null;
  /** The previous meeting's start (epoch 0 when none): what "an earlier meeting held later" compares. */
  previousStartAt: Date;
  version: number;
  history: Array<{ at: Date; by: string; byName: string; action: string; note: string | null }>;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

/** A decision of a held meeting (`meetingDecisions`, `_id` `${meetingId}-${n}`). */
export interface DecisionDoc {
  _id: string;
  meetingId: string;
  meetingStartAt: Date;
  meetingSubject: string;
  communityId: string;
  communityName: string;
  title: string;
  ownerKind: 'unit' | 'community';
  /** The owner unit; null when the community owns it (then `ownerId` is the community). */
  ownerUnitId: string | null;
  ownerId: string;
  ownerName: string;
  /** The due day (local) and its start as an instant (what the due queries compare). */
  dueDay: string;
  dueAt: Date;
  status: DecisionStatus;
  progress: Array<{ at: Date; by: string; byName: string; note: string | null; status: DecisionStatus | null }>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The quarter (1–4) and year of an instant, Beijing time. */
export function quarterOf(at: Date): { year: number; quarter: number } {
  const t = local(at);
  return { year: t.year(), quarter: Math.floor(t.month() / 3) + 1 };
}

/** The community's paired units, from the instance's directory. */
export async function pairedUnits(ctx: { db: Database; now: Date }, communityId: string): Promise<UnitDoc[]> {
  return (await directory(ctx, 'units'))
    .filter((u) => u.pairedCommunityId === communityId)
    .sort((a, b) => a._id.localeCompare(b._id));
}

export const unitRef = (u: Pick<UnitDoc, '_id' | 'name'>): UnitRef => ({ id: u._id, name: u.name });

export async function communityName(ctx: { db: Database; now: Date }, communityId: string): Promise<string> {
  const c = (await directory(ctx, 'communities')).find((x) => x._id === communityId);
  if (!c) throw notFound('社区不存在');
  return c.name;
}

/** How the caller sees a community's co-building: as its secretary, a paired unit's admin, or the county. */
export interface Viewer {
  communityId: string;
  secretary: boolean;
  /** The caller's unit among the community's paired units (unit admin), if any. */
  unitId: string | null;
  county: boolean;
}

/** The unit the caller administers (their first) and the community it is paired with; FORBIDDEN without. */
export async function ownUnit(ctx: CallContext): Promise<{ unit: UnitDoc; communityId: string }> {
  const ids = scopeIds(ctx.user, 'unitAdmin');
  if (ids.length === 0) throw forbidden('只有结对单位管理员可以进行此操作');
  const units = await directory(ctx, 'units');
  const unit = units.find((u) => u._id === ids[0]);
  if (!unit) throw notFound('单位不存在');
  return { unit, communityId: unit.pairedCommunityId };
}

/**
 * Which community the caller reads and how: `communityId` if given and in scope (FORBIDDEN
 * otherwise), else the secretary's own, else the unit admin's paired one; the county admin
 * must name one unless `countyAll` (then null).
 */
export async function viewerOf(
  ctx: CallContext,
  communityId: string | undefined,
  countyAll = false,
): Promise<Viewer | null> {
  const user: UserDoc | null = ctx.user;
  const secretaryOf = scopeIds(user, 'secretary');
  const unitIds = scopeIds(user, 'unitAdmin');
  const units = unitIds.length ? await directory(ctx, 'units') : [];
  const myUnits = units.filter((u) => unitIds.includes(u._id));
  const county = isCountyAdmin(user);
  const target = communityId ?? secretaryOf[0] ?? myUnits[0]?.pairedCommunityId;
  if (target === undefined) {
    if (county && countyAll) return null;
    if (county) throw invalidInput('请选择社区', [{ path: 'communityId', message: '请选择社区' }]);
    throw forbidden('超出您的管辖范围');
  }
  const unit = myUnits.find((u) => u.pairedCommunityId === target);
  const secretary = secretaryOf.includes(target);
  if (!secretary && !unit && !county) throw forbidden('只能查看本社区或结对社区的共建');
  return { communityId: target, secretary, unitId: unit?._id ?? null, county };
}

/** Staff holding `role` for any of `ids` (unit admins of units, secretaries of communities): one users query. */
export async function staffFor(
  ctx: { db: Database },
  role: 'unitAdmin' | 'secretary',
  ids: string[],
): Promise<Array<{ openid: string; scopeId: string }>> {
  if (ids.length === 0) return [];
  const _ = ctx.db.command;
  const key = role === 'unitAdmin' ? 'unitId' : 'communityId';
  const { data } = await ctx.db
    .collection('users')
    .where({ staff: 1, roles: _.elemMatch({ role, [key]: _.in(ids) }) })
    .limit(200)
    .get<UserDoc>();
  const out: Array<{ openid: string; scopeId: string }> = [];
  for (const u of data)
    for (const g of u.roles)
      if (g.role === role) {
        const id = g.role === 'unitAdmin' ? g.unitId : g.role === 'secretary' ? g.communityId : '';
        if (ids.includes(id)) out.push({ openid: u._id, scopeId: id });
      }
  return out;
}

/** County admins (the quarter flag). */
export async function countyAdmins(ctx: { db: Database }): Promise<string[]> {
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('users')
    .where({ staff: 1, roles: _.elemMatch({ role: 'countyAdmin' }) })
    .limit(50)
    .get<UserDoc>();
  return data.map((u) => u._id);
}
