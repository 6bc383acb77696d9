import type { AgreementView, CobuildOverview } from '../../contract/functions/cobuild/lists';
import { notify } from '../notify';
import { audit } from '../platform/audit';
import { scopeIds } from '../platform/authorize';
import { conflict, forbidden, invalidInput, isDuplicate, notFound } from '../platform/errors';
import type { CallContext } from '../platform/router';
import {
  AGREEMENTS,
  agreementId,
  communitiesFor,
  dir,
  iso,
  listScope,
  PAGES,
  PROJECTS,
  secretaryOf,
  stamp,
  stampView,
  unitAdmins,
  yearOf,
  type AgreementDoc,
  type Dir,
  type ProjectDoc,
} from './model';
import { checkContent } from './needs';
import { cobuildTallyId, emptyCobuildTally, moveCobuildTally, type CobuildTallyDoc } from './tally';

type Linked = Pick<ProjectDoc, '_id' | 'title' | 'status'>;

/** The caller's side of an agreement: the community's secretary, the unit's admin, or none. */
function sideIn(ctx: CallContext, a: Pick<AgreementDoc, 'communityId' | 'unitId'>): 'community' | 'unit' | null {
  if (scopeIds(ctx.user, 'secretary').includes(a.communityId)) return 'community';
  if (scopeIds(ctx.user, 'unitAdmin').includes(a.unitId)) return 'unit';
  return null;
}

function toView(
  a: AgreementDoc,
  ctx: CallContext,
  d: Dir,
  projects: Linked[],
  siblings: AgreementDoc[],
): AgreementView {
  const side = sideIn(ctx, a);
  const can: AgreementView['can'] = [];
  const unsigned = !a.signatures.community && !a.signatures.unit;
  if (side && a.status === 'draft' && unsigned) can.push('edit');
  if (side && a.status === 'draft' && !a.signatures[side]) can.push('sign');
  if (side && a.status === 'signed' && !siblings.some((s) => s.supersedes === a._id && s.status === 'draft'))
    can.push('revise');
  return {
    id: a._id,
    communityId: a.communityId,
    communityName: d.communityName(a.communityId),
    unitId: a.unitId,
    unitName: d.unitName(a.unitId),
    year: a.year,
    number: a.number,
    status: a.status,
    projects: a.projectIds
      .map((id) => projects.find((p) => p._id === id))
      .filter((p): p is Linked => !!p)
      .map((p) => ({ id: p._id, title: p.title, status: p.status })),
    duties: a.duties,
    period: a.period,
    signatures: { community: stampView(a.signatures.community), unit: stampView(a.signatures.unit) },
    supersedes: a.supersedes,
    supersededBy: a.supersededBy,
    version: a.version,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
    can,
  };
}

/**
 * 共建协议 of a year, every version, newest first: one aggregate (with the projects they cover,
 * looked up by `projectIds`). Secretary: their community's; unit admin: their unit's.
 */
export async function agreements(
  input: { year?: number; communityId?: string },
  ctx: CallContext,
): Promise<AgreementView[]> {
  const d = await dir(ctx);
  const scope = listScope(ctx, d);
  const communities = communitiesFor(scope, input.communityId);
  if (communities && communities.length === 0) return [];
  const _ = ctx.db.command;
  const onlyUnits = !scope.all && communities!.every((c) => !scope.communities.includes(c));
  const match: Record<string, unknown> = {
    ...(communities ? { communityId: communities.length === 1 ? communities[0] : _.in(communities) } : {}),
    year: yearOf(ctx, input.year),
    ...(onlyUnits ? { unitId: scope.units.length === 1 ? scope.units[0] : _.in(scope.units) } : {}),
  };
  const { list } = await ctx.db
    .collection(AGREEMENTS)
    .aggregate()
    .match(match)
    .sort({ communityId: 1, unitId: 1, number: -1 })
    .limit(1000)
    .lookup({ from: PROJECTS, localField: 'projectIds', foreignField: '_id', as: 'projects' })
    .end<AgreementDoc & { projects: ProjectDoc[] }>();
  return list.map((a) =>
    toView(
      a,
      ctx,
      d,
      a.projects,
      list.filter((s) => s.communityId === a.communityId && s.unitId === a.unitId),
    ),
  );
}

interface AgreementInput {
  agreementId?: string;
  revises?: string;
  version?: number;
  unitId?: string;
  year?: number;
  projectIds: string[];
  duties: { community: string; unit: string };
  period: { from: string; to: string };
}

const stale = () => conflict('该协议刚被他人修改或签署，请刷新后再看');

/**
 * Drafts, edits (nobody signed yet) or revises (a new version of a signed one) the agreement of
 * a community and one paired unit for a year. Ids are `${community}-${unit}-${year}-v${n}`: two
 * drafts of the same pair at once collide on the id (one CONFLICT). An edit or a revision is of
 * the agreement's own pair and year (read from it: the secretary need not name the unit, and
 * naming another is bad input). Reads, side by side: the pair's agreements of the year (a draft:
 * by community, unit and year; an edit or revision: the agreement named with its unit's
 * agreements), the projects named, the admins of the units concerned; then the write; then
 * audit and the other side's notice.
 */
export async function saveAgreement(input: AgreementInput, ctx: CallContext): Promise<AgreementView> {
  const d = await dir(ctx);
  const secretaryOfC = scopeIds(ctx.user, 'secretary')[0];
  const adminOf = scopeIds(ctx.user, 'unitAdmin')[0];
  const baseId = input.agreementId ?? input.revises;
  let communityId: string;
  if (secretaryOfC) {
    communityId = secretaryOfC;
    if (!baseId && !input.unitId) throw invalidInput('请选择结对单位', [{ path: 'unitId', message: '请选择结对单位' }]);
    if (!baseId && d.unit(input.unitId!)?.pairedCommunityId !== communityId)
      throw invalidInput('该单位不是本社区的结对单位', [{ path: 'unitId', message: '不是本社区结对单位' }]);
  } else if (adminOf) {
    if (input.unitId && input.unitId !== adminOf) throw forbidden('只能起草本单位的协议');
    const paired = d.unit(adminOf)?.pairedCommunityId;
    if (!paired) throw forbidden('本单位尚未结对社区');
    communityId = paired;
  } else throw forbidden('只有社区书记或结对单位管理员可以起草协议');
  const coversYear = (year: number) => {
    if (input.period.from.slice(0, 4) > String(year) || input.period.to.slice(0, 4) < String(year))
      throw invalidInput('协议期限须覆盖该年度', [{ path: 'period', message: '期限须覆盖该年度' }]);
  };
  if (!baseId) coversYear(yearOf(ctx, input.year));
  await checkContent(ctx, [input.duties.community, input.duties.unit], '协议');
  const _ = ctx.db.command;
  const newUnit = secretaryOfC ? input.unitId : adminOf;
  const [{ base, pair: read }, projectsRead, admins] = await Promise.all([
    baseId
      ? ctx.db
          .collection(AGREEMENTS)
          .aggregate()
          .match({ _id: baseId })
          .limit(1)
          .lookup({ from: AGREEMENTS, localField: 'unitId', foreignField: 'unitId', as: 'pair' })
          .end<AgreementDoc & { pair: AgreementDoc[] }>()
          .then(({ list }) => ({ base: list[0] ?? null, pair: list[0]?.pair ?? [] }))
      : ctx.db
          .collection(AGREEMENTS)
          .where({ communityId, unitId: newUnit, year: yearOf(ctx, input.year) })
          .limit(100)
          .get<AgreementDoc>()
          .then(({ data }) => ({ base: null, pair: data })),
    ctx.db
      .collection(PROJECTS)
      .where({ _id: _.in(input.projectIds) })
      .limit(input.projectIds.length)
      .get<ProjectDoc>(),
    // The secretary's paired units (whichever the agreement is of), the unit admin's own.
    unitAdmins(ctx, secretaryOfC ? d.pairedUnits(communityId).map((u) => u._id) : [adminOf!]),
  ]);
  let unitId = newUnit!;
  let year = yearOf(ctx, input.year);
  let pair = read;
  if (baseId) {
    if (!base || base.communityId !== communityId || !sideIn(ctx, base)) throw notFound('协议不存在');
    if (input.unitId && input.unitId !== base.unitId)
      throw invalidInput('修改或修订协议不能更换共建单位', [{ path: 'unitId', message: '不是该协议的共建单位' }]);
    if (input.year !== undefined && input.year !== base.year)
      throw invalidInput('修改或修订协议不能更换年度', [{ path: 'year', message: '不是该协议的年度' }]);
    unitId = base.unitId;
    year = base.year;
    coversYear(year);
    pair = read.filter((a) => a.communityId === communityId && a.year === year);
  }
  input.projectIds.forEach((id, i) => {
    const p = projectsRead.data.find((x) => x._id === id);
    if (!p || p.communityId !== communityId || p.year !== year || !p.unitIds.includes(unitId) || p.status === 'dropped')
      throw invalidInput('只能选择本社区与该单位本年度的共建项目', [
        { path: `projectIds.${i}`, message: '不是双方本年度的项目' },
      ]);
  });
  const fields = { projectIds: input.projectIds, duties: input.duties, period: input.period };
  const other = (side: 'community' | 'unit') =>
    side === 'community' ? admins.of([unitId]) : secretaryOf(d, communityId);
  const mySide = secretaryOfC ? 'community' : 'unit';
  let doc: AgreementDoc;
  if (input.agreementId) {
    const before = pair.find((a) => a._id === input.agreementId);
    if (!before) throw notFound('协议不存在');
    if (before.status !== 'draft' || before.signatures.community || before.signatures.unit)
      throw conflict('已有一方签署的协议不能修改，请签署后修订新版本');
    if (before.version !== input.version) throw stale();
    const { stats } = await ctx.db
      .collection(AGREEMENTS)
      .where({
        _id: before._id,
        status: 'draft',
        version: before.version,
        'signatures.community': null,
        'signatures.unit': null,
      })
      .update({
        data: {
          projectIds: _.set(fields.projectIds),
          duties: _.set(fields.duties),
          period: _.set(fields.period),
          version: before.version + 1,
          updatedAt: ctx.now,
        },
      });
    if (stats.updated !== 1) throw stale();
    doc = { ...before, ...fields, version: before.version + 1, updatedAt: ctx.now };
  } else {
    const latest = [...pair].sort((a, b) => b.number - a.number)[0];
    if (latest && latest.status === 'draft') throw conflict('该单位本年度已有待签署的协议，请修改或签署它');
    if (input.revises) {
      if (!latest || latest._id !== input.revises || latest.status !== 'signed')
        throw conflict('只能修订最新的已签署协议');
    } else if (latest) throw conflict('该单位本年度的协议已签署，如需变更请修订新版本');
    const number = (latest?.number ?? 0) + 1;
    doc = {
      _id: agreementId(communityId, unitId, year, number),
      communityId,
      unitId,
      year,
      number,
      status: 'draft',
      ...fields,
      signatures: { community: null, unit: null },
      supersedes: latest?._id ?? null,
      supersededBy: null,
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.openid,
    };
    try {
      const { _id, ...rest } = doc;
      await ctx.db.collection(AGREEMENTS).add({ data: { _id, ...rest } });
    } catch (err) {
      if (isDuplicate(err)) throw conflict('该协议刚被他人起草，请刷新后再看');
      throw err;
    }
  }
  await Promise.all([
    audit(ctx, {
      kind: 'cobuild',
      action: input.agreementId ? 'editAgreement' : 'draftAgreement',
      entity: AGREEMENTS,
      entityId: doc._id,
      label: `${d.unitName(unitId)} ${year} 第${doc.number}版`,
      scope: { communityId, unitId },
    }),
    notify(
      ctx,
      other(mySide),
      'cobuildTodo',
      { subject: `${year}年共建协议（${d.unitName(unitId)}）`, status: '待签署', time: ctx.now },
      PAGES.agreement(doc._id),
    ),
  ]);
  const others = pair.filter((a) => a._id !== doc._id);
  return toView(doc, ctx, d, projectsRead.data, [...others, doc]);
}

/**
 * Signs a draft for the caller's side. Round trips: the signature (a conditional update on that
 * side not signed yet, scoped by the caller's community or unit — no read first); then, side by
 * side, the agreement read and the attempt to complete it (draft → signed where both
 * signatures are set: whichever signer's attempt comes after both signatures wins, so two
 * signing at once both succeed and it completes once); then the tally, the superseded version,
 * audit and notices. Signing again answers the agreement as it is (counted once). A crash after
 * both signatures but before completion leaves a draft signed by both: reconcileCobuild
 * completes it.
 */
export async function signAgreement(input: { agreementId: string }, ctx: CallContext): Promise<AgreementView> {
  const _ = ctx.db.command;
  const d = await dir(ctx);
  const communities = scopeIds(ctx.user, 'secretary');
  const units = scopeIds(ctx.user, 'unitAdmin');
  const me = stamp(ctx);
  const sign = (side: 'community' | 'unit', scope: Record<string, unknown>) =>
    ctx.db
      .collection(AGREEMENTS)
      .where({ _id: input.agreementId, status: 'draft', [`signatures.${side}`]: null, ...scope })
      .update({ data: { [`signatures.${side}`]: _.set(me), updatedAt: ctx.now, version: _.inc(1) } })
      .then((r) => (r.stats.updated === 1 ? side : null));
  const [asCommunity, asUnit] = await Promise.all([
    communities.length ? sign('community', { communityId: _.in(communities) }) : null,
    units.length ? sign('unit', { unitId: _.in(units) }) : null,
  ]);
  const signed = asCommunity ?? asUnit;
  const [read, completed, admins] = await Promise.all([
    ctx.db
      .collection(AGREEMENTS)
      .aggregate()
      .match({ _id: input.agreementId })
      .limit(1)
      .lookup({ from: PROJECTS, localField: 'projectIds', foreignField: '_id', as: 'projects' })
      .end<AgreementDoc & { projects: ProjectDoc[] }>(),
    signed
      ? ctx.db
          .collection(AGREEMENTS)
          .where({
            _id: input.agreementId,
            status: 'draft',
            'signatures.community': _.neq(null),
            'signatures.unit': _.neq(null),
          })
          .update({ data: { status: 'signed', updatedAt: ctx.now, version: _.inc(1) } })
          .then((r) => r.stats.updated === 1)
      : false,
    signed
      ? unitAdmins(ctx, [...new Set([...units, ...communities.flatMap((c) => d.pairedUnits(c).map((u) => u._id))])])
      : null,
  ]);
  const a = read.list[0];
  const side = a ? sideIn(ctx, a) : null;
  if (!a || !side) throw notFound('协议不存在');
  if (!signed) {
    // Nothing changed: already signed by this side (counted once), or not a draft any more.
    if (a.signatures[side]) return toView(a, ctx, d, a.projects, [a]);
    throw conflict('该协议已不是待签署状态');
  }
  let doc: AgreementDoc = a;
  if (completed) doc = { ...doc, status: 'signed' };
  doc = { ...doc, signatures: { ...doc.signatures, [signed]: doc.signatures[signed] ?? me } };
  const unitSide = admins?.of([a.unitId]) ?? [];
  const subject = `${a.year}年共建协议（${d.unitName(a.unitId)}）`;
  await Promise.all([
    completed ? finalize(ctx, a) : null,
    audit(ctx, {
      kind: 'cobuild',
      action: 'signAgreement',
      entity: AGREEMENTS,
      entityId: a._id,
      label: `${d.unitName(a.unitId)} ${a.year} 第${a.number}版`,
      summary: signed === 'community' ? '社区签署' : '单位签署',
      scope: { communityId: a.communityId, unitId: a.unitId },
    }),
    completed
      ? notify(
          ctx,
          [...secretaryOf(d, a.communityId), ...unitSide].filter((o) => o !== ctx.openid),
          'cobuildTodo',
          { subject, status: '已签署', note: '双方均已签署，协议生效', time: ctx.now },
          PAGES.agreement(a._id),
        )
      : notify(
          ctx,
          signed === 'community' ? unitSide : secretaryOf(d, a.communityId),
          'cobuildTodo',
          {
            subject,
            status: '待签署',
            note: `${signed === 'community' ? '社区' : '单位'}已签署，请您签署`,
            time: ctx.now,
          },
          PAGES.agreement(a._id),
        ),
  ]);
  return toView(doc, ctx, d, a.projects, [doc]);
}

/**
 * An agreement both sides signed: the version it revises is superseded, and the tally counts
 * the pair's signed agreement (once: a new version replacing a signed one moves nothing).
 */
export async function finalize(ctx: CallContext, a: Pick<AgreementDoc, '_id' | 'supersedes' | 'communityId' | 'year'>) {
  // Only the latest signed version can be revised, one draft at a time: the one it revises was
  // signed, so the pair's count stays (+0); the supersede is conditional, so a repeat is harmless.
  await Promise.all([
    a.supersedes
      ? ctx.db
          .collection(AGREEMENTS)
          .where({ _id: a.supersedes, status: 'signed' })
          .update({ data: { status: 'superseded', supersededBy: a._id, updatedAt: ctx.now } })
      : null,
    moveCobuildTally(ctx, a.communityId, a.year, { agreementsSigned: a.supersedes ? 0 : 1 }),
  ]);
}

/** The county's co-building year: every community's tally in one query, names from the directory. */
export async function countyOverview(input: { year?: number }, ctx: CallContext): Promise<CobuildOverview> {
  const year = yearOf(ctx, input.year);
  const [d, { data }] = await Promise.all([
    dir(ctx),
    ctx.db.collection('cobuildTallies').where({ year }).limit(1000).get<CobuildTallyDoc>(),
  ]);
  const byId = new Map(data.map((t) => [t._id, t]));
  const rows = [...d.communities]
    .sort((a, b) => a._id.localeCompare(b._id))
    .map((c) => {
      const t = byId.get(cobuildTallyId(c._id, year)) ?? emptyCobuildTally(c._id, year, ctx.now);
      return {
        communityId: c._id,
        communityName: c.name,
        needs: t.needs,
        resources: t.resources,
        projects: t.projects,
        agreementsSigned: t.agreementsSigned,
        meetingsHeld: t.meetingsHeld,
        chairMonths: t.chairMonths,
      };
    });
  const county = emptyCobuildTally('county', year, ctx.now);
  for (const r of rows) {
    for (const group of ['needs', 'resources', 'projects', 'chairMonths'] as const) {
      const into = county[group] as Record<string, number>;
      for (const [k, v] of Object.entries(r[group])) into[k] = (into[k] ?? 0) + v;
    }
    county.agreementsSigned += r.agreementsSigned;
    r.meetingsHeld.forEach((n, i) => (county.meetingsHeld[i] += n));
  }
  return {
    year,
    communities: rows,
    county: {
      needs: county.needs,
      resources: county.resources,
      projects: county.projects,
      agreementsSigned: county.agreementsSigned,
      meetingsHeld: county.meetingsHeld,
      chairMonths: county.chairMonths,
    },
  };
}
