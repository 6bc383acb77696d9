import type { ActivityView } from '../../contract/functions/sixOnes';
import type { RotaMonthView, RotaView } from '../../contract/functions/cobuild/meetings';
import type { ActivityType } from '../../contract/sixOnes';
import { audit } from '../platform/audit';
import { ownScope } from '../platform/authorize';
import { checkText, SCENE } from '../platform/content';
import { AppError, conflict, forbidden, invalidInput, isDuplicate } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { local, toIso } from '../platform/time';
import { createActivity } from '../sixOnes/activities';
import type { ActivityDoc } from '../sixOnes/model';
import {
  communityName,
  emptyMonths,
  ownUnit,
  pairedUnits,
  rotaId,
  rotaMonthKey,
  unitRef,
  viewerOf,
  type RotaDoc,
  type RotaMonth,
  type Viewer,
} from './meetingModel';
import { moveCobuildTally } from './tally';

/** Where the month stands against today (Beijing time): past months keep their chair. */
function monthPhase(year: number, month: number, now: Date): 'past' | 'current' | 'coming' {
  const t = local(now);
  const here = t.year() * 12 + t.month();
  const there = year * 12 + (month - 1);
  return there < here ? 'past' : there === here ? 'current' : 'coming';
}

const counts = (months: RotaMonth[]) => ({
  set: months.filter((m) => m.unitId).length,
  themed: months.filter((m) => m.unitId && m.theme).length,
});

/** The rota and its months' chair activities: one aggregate (the activities by their `rotaId`). */
async function loadRota(
  ctx: CallContext,
  communityId: string,
  year: number,
): Promise<{ rota: RotaDoc | null; activities: ActivityDoc[] }> {
  const { list } = await ctx.db
    .collection('rotas')
    .aggregate()
    .match({ _id: rotaId(communityId, year) })
    .lookup({ from: 'activities', localField: '_id', foreignField: 'rotaId', as: 'activities' })
    .end<RotaDoc & { activities: ActivityDoc[] }>();
  const row = list[0];
  if (!row) return { rota: null, activities: [] };
  const { activities, ...rota } = row;
  return { rota, activities };
}

function toRotaView(
  ctx: CallContext,
  communityId: string,
  name: string,
  year: number,
  rota: RotaDoc | null,
  activities: ActivityDoc[],
  viewer: Viewer,
  units: Array<{ _id: string; name: string }>,
): RotaView {
  const months = rota?.months ?? emptyMonths();
  const byMonth = new Map(activities.map((a) => [Number(a.host?.rotaMonth.slice(-2)), a]));
  const views: RotaMonthView[] = months.map((m) => {
    const phase = monthPhase(year, m.month, ctx.now);
    const a = byMonth.get(m.month);
    const chair = m.unitId !== null && m.unitId === viewer.unitId && phase !== 'past';
    const can: RotaMonthView['can'] = [];
    if (chair) can.push('proposeTheme');
    if (chair && !a) can.push('planActivity');
    return {
      month: m.month,
      chair: m.unitId ? { id: m.unitId, name: m.unitName ?? '' } : null,
      theme: m.theme,
      themedAt: toIso(m.themedAt),
      activity: a ? { id: a._id, title: a.title, startAt: toIso(a.startAt)!, status: a.status } : null,
      past: phase === 'past',
      current: phase === 'current',
      can,
    };
  });
  const mineMonths = viewer.unitId ? views.filter((m) => m.chair?.id === viewer.unitId) : [];
  const rank = (m: RotaMonthView) => (m.current ? 0 : m.past ? 2 : 1);
  const mine = [...mineMonths].sort((a, b) => rank(a) - rank(b) || a.month - b.month).map((m) => m.month);
  return {
    communityId,
    communityName: rota?.communityName ?? name,
    year,
    version: rota?.version ?? 0,
    months: views,
    units: units.map(unitRef),
    mine,
    can: viewer.secretary ? ['set'] : [],
  };
}

export async function rota(input: { communityId?: string; year?: number }, ctx: CallContext): Promise<RotaView> {
  const viewer = (await viewerOf(ctx, input.communityId))!;
  const year = input.year ?? local(ctx.now).year();
  const [{ rota: doc, activities }, units, name] = await Promise.all([
    loadRota(ctx, viewer.communityId, year),
    pairedUnits(ctx, viewer.communityId),
    communityName(ctx, viewer.communityId),
  ]);
  return toRotaView(ctx, viewer.communityId, name, year, doc, activities, viewer, units);
}

/**
 * Writes the months of a rota conditional on the version read (a new rota: inserted; a duplicate
 * means someone created it meanwhile → CONFLICT).
 */
async function saveRota(
  ctx: CallContext,
  base: { communityId: string; communityName: string; year: number },
  read: RotaDoc | null,
  months: RotaMonth[],
): Promise<RotaDoc> {
  const id = rotaId(base.communityId, base.year);
  if (!read) {
    const doc: RotaDoc = {
      _id: id,
      ...base,
      version: 1,
      months,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      updatedBy: ctx.openid,
    };
    try {
      await ctx.db.collection('rotas').add({ data: doc });
    } catch (err) {
      if (isDuplicate(err)) throw conflict('轮值表刚刚被他人修改，请刷新后重试');
      throw err;
    }
    return doc;
  }
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('rotas')
    .where({ _id: id, version: read.version })
    .update({ data: { months, version: _.inc(1), updatedAt: ctx.now, updatedBy: ctx.openid } });
  if (stats.updated !== 1) throw conflict('轮值表刚刚被他人修改，请刷新后重试');
  return { ...read, months, version: read.version + 1, updatedAt: ctx.now };
}

/**
 * 设置轮值: user, rota read, the conditional write, then tally and audit side by side (four round
 * trips). A crash after the write leaves the tally off until reconcileCobuild, and no audit line
 * (the rota's `updatedBy` still names the editor).
 */
export async function setRota(
  input: { year: number; version: number; months: Array<{ month: number; unitId: string | null }> },
  ctx: CallContext,
): Promise<RotaView> {
  const communityId = ownScope(ctx.user, 'secretary', '只有社区书记可以设置轮值主席');
  const [units, name] = await Promise.all([pairedUnits(ctx, communityId), communityName(ctx, communityId)]);
  const details: Array<{ path: string; message: string }> = [];
  input.months.forEach((m, i) => {
    if (m.unitId !== null && !units.some((u) => u._id === m.unitId))
      details.push({ path: `months.${i}.unitId`, message: '轮值单位须为本社区的结对单位' });
  });
  if (details.length) throw invalidInput('轮值单位须为本社区的结对单位', details);

  const { rota: read, activities } = await loadRota(ctx, communityId, input.year);
  if ((read?.version ?? 0) !== input.version) throw conflict('轮值表刚刚被他人修改，请刷新后重试');
  const before = read?.months ?? emptyMonths();
  const months = before.map((m) => ({ ...m }));
  const planned = new Set(activities.map((a) => Number(a.host?.rotaMonth.slice(-2))));
  input.months.forEach((m, i) => {
    const cur = months[m.month - 1];
    if (cur.unitId === m.unitId) return;
    if (monthPhase(input.year, m.month, ctx.now) === 'past')
      details.push({ path: `months.${i}.unitId`, message: `${m.month}月已过，轮值单位不能再更换` });
    else if (planned.has(m.month))
      details.push({ path: `months.${i}.unitId`, message: `${m.month}月的轮值单位已策划活动，不能更换` });
    else {
      const unit = units.find((u) => u._id === m.unitId);
      // A new chair starts without the theme its predecessor proposed.
      months[m.month - 1] = {
        ...cur,
        unitId: m.unitId,
        unitName: unit?.name ?? null,
        theme: null,
        themedAt: null,
        themedBy: null,
      };
    }
  });
  if (details.length) throw invalidInput(details[0].message, details);

  const saved = await saveRota(ctx, { communityId, communityName: name, year: input.year }, read, months);
  const [b, a] = [counts(before), counts(months)];
  const changed = months.filter((m, i) => m.unitId !== before[i].unitId);
  await Promise.all([
    moveCobuildTally(ctx, communityId, input.year, {
      'chairMonths.set': a.set - b.set,
      'chairMonths.themed': a.themed - b.themed,
    }),
    audit(ctx, {
      kind: 'cobuild',
      action: 'setRota',
      entity: 'rotas',
      entityId: saved._id,
      label: `${input.year}年轮值主席`,
      summary: changed.map((m) => `${m.month}月：${m.unitName ?? '无'}`).join('，'),
      scope: { communityId },
    }),
  ]);
  return toRotaView(ctx, communityId, name, input.year, saved, activities, viewerFor(communityId, true, null), units);
}

const viewerFor = (communityId: string, secretary: boolean, unitId: string | null): Viewer => ({
  communityId,
  secretary,
  unitId,
  county: false,
});

/** The chair unit's admin and the month it chairs (current or coming): the rota as read. */
async function chairMonth(ctx: CallContext, year: number, month: number) {
  const { unit, communityId } = await ownUnit(ctx);
  const { rota: read, activities } = await loadRota(ctx, communityId, year);
  const m = read?.months[month - 1];
  if (!read || !m || m.unitId !== unit._id) throw forbidden(`${month}月不是本单位轮值，不能进行此操作`);
  if (monthPhase(year, month, ctx.now) === 'past')
    throw invalidInput(`${month}月已过`, [{ path: 'month', message: '只能为本月或之后的月份安排' }]);
  return { unit, communityId, read, activities };
}

export async function proposeTheme(
  input: { year: number; month: number; theme: string },
  ctx: CallContext,
): Promise<RotaView> {
  const { unit, communityId, read, activities } = await chairMonth(ctx, input.year, input.month);
  const verdict = await checkText(ctx.openid, input.theme, SCENE.post, ctx.requestId);
  if (verdict !== 'pass') throw new AppError('CONTENT_REJECTED', '主题未通过安全检测，请修改');
  const before = read.months[input.month - 1];
  const months = read.months.map((m) =>
    m.month === input.month ? { ...m, theme: input.theme, themedAt: ctx.now, themedBy: ctx.openid } : m,
  );
  const saved = await saveRota(ctx, read, read, months);
  await Promise.all([
    before.theme ? Promise.resolve() : moveCobuildTally(ctx, communityId, input.year, { 'chairMonths.themed': 1 }),
    audit(ctx, {
      kind: 'cobuild',
      action: 'proposeTheme',
      entity: 'rotas',
      entityId: saved._id,
      label: `${input.year}年${input.month}月轮值主题`,
      summary: input.theme,
      scope: { communityId, unitId: unit._id },
    }),
  ]);
  const units = await pairedUnits(ctx, communityId);
  return toRotaView(
    ctx,
    communityId,
    read.communityName,
    input.year,
    saved,
    activities,
    viewerFor(communityId, false, unit._id),
    units,
  );
}

/**
 * 轮值活动: the chair unit's one activity of the month, published by the same code as the
 * secretary's (sixOnes createActivity) with the unit as host and the id `chair-<month>`: two
 * sent at once → one activity, the other CONFLICT. User, rota read, the insert, then audit and
 * tally side by side. A crash after the insert leaves the tally's `chairMonths.activities` short
 * until reconcileCobuild; the rota finds the activity by its `rotaId` whatever happened after.
 */
export async function planChairActivity(
  input: {
    year: number;
    month: number;
    type: ActivityType;
    title: string;
    description: string;
    startAt: string;
    endAt: string;
    signUpBy: string;
    place: ActivityDoc['place'];
    capacity: number;
  },
  ctx: CallContext,
): Promise<ActivityView> {
  const { unit, communityId, activities } = await chairMonth(ctx, input.year, input.month);
  const key = rotaMonthKey(communityId, input.year, input.month);
  if (activities.some((a) => a.host?.rotaMonth === key)) throw conflict('本月的轮值活动已策划，每月一次');
  const start = local(new Date(input.startAt));
  if (start.year() !== input.year || start.month() + 1 !== input.month)
    throw invalidInput(`活动须在${input.month}月内开始`, [
      { path: 'startAt', message: `活动须在${input.year}年${input.month}月内开始` },
    ]);
  const { year: _y, month: _m, ...activity } = input;
  return createActivity(
    ctx,
    communityId,
    activity,
    { unitId: unit._id, unitName: unit.name, rotaMonth: key, rotaId: rotaId(communityId, input.year) },
    () => moveCobuildTally(ctx, communityId, input.year, { 'chairMonths.activities': 1 }),
  );
}
