import { AUDIT_PAGE, type AuditKind } from '../../contract/audit';
import type { AuditEntry, AuditPage, DirectoryEntityInput, DirectoryKind } from '../../contract/functions/directory';
import { partyOrgKindOf } from '../../contract/functions/directory';
import { forget } from './cache';
import { moveLiaisonGrant } from './liaison';
import type { AuditDoc } from '../platform/audit';
import { audit } from '../platform/audit';
import { isCountyAdmin, scopeIds } from '../platform/authorize';
import { forbidden, invalidInput, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import type { CallContext } from '../platform/router';
import { inTransaction, txGet } from '../platform/tx';

const COLLECTION: Record<DirectoryKind, string> = {
  community: 'communities',
  grid: 'grids',
  microGrid: 'grids',
  unit: 'units',
  department: 'departments',
  station: 'stations',
  propertyCompany: 'propertyCompanies',
};
const PREFIX: Record<DirectoryKind, string> = {
  community: 'c',
  grid: 'g',
  microGrid: 'm',
  unit: 'u',
  department: 'd',
  station: 's',
  propertyCompany: 'p',
};

/** Every id the entry points at must exist: one read per referenced collection. */
async function checkReferences(ctx: CallContext, input: DirectoryEntityInput): Promise<Record<string, unknown>> {
  const _ = ctx.db.command;
  const exists = async (collection: string, ids: string[], path: string, where: Record<string, unknown> = {}) => {
    if (ids.length === 0) return [];
    const { data } = await ctx.db
      .collection(collection)
      .where({ ...where, _id: _.in(ids) })
      .limit(100)
      .get<Record<string, unknown> & { _id: string }>();
    if (data.length !== new Set(ids).size)
      throw invalidInput('引用的目录项不存在', [{ path: `data.${path}`, message: '不存在' }]);
    return data;
  };
  switch (input.kind) {
    case 'community':
      await exists('units', input.data.pairedUnitIds, 'pairedUnitIds');
      return {};
    case 'grid':
      await exists('communities', [input.data.communityId], 'communityId');
      return { level: 'grid', parentId: input.data.communityId };
    case 'microGrid': {
      const [grid] = await exists('grids', [input.data.gridId], 'gridId', { level: 'grid' });
      if (input.data.propertyCompanyId)
        await exists('propertyCompanies', [input.data.propertyCompanyId], 'propertyCompanyId');
      const { gridId, ...rest } = input.data;
      return { ...rest, level: 'microGrid', parentId: gridId, communityId: grid.communityId };
    }
    case 'unit':
      await exists('communities', [input.data.pairedCommunityId], 'pairedCommunityId');
      return {};
    case 'station':
      await exists('communities', [input.data.communityId], 'communityId');
      return {};
    case 'propertyCompany': {
      await exists('communities', input.data.communityIds, 'communityIds');
      if (input.data.liaisonOpenid) await exists('users', [input.data.liaisonOpenid], 'liaisonOpenid');
      // 红色物业: the kind is stored, `hasPartyOrg` kept in step with it; no name without an organisation.
      const partyOrgKind = partyOrgKindOf(input.data);
      return {
        partyOrgKind,
        hasPartyOrg: partyOrgKind !== 'none',
        partyOrgName: partyOrgKind === 'none' ? null : input.data.partyOrgName,
      };
    }
    default:
      return {};
  }
}

/**
 * Creates or edits a directory entry (county admin). The change, its audit entry and — for a
 * unit — the pairing on both communities are written in one transaction.
 */
export async function save(input: DirectoryEntityInput, ctx: CallContext): Promise<{ id: string }> {
  const derived = await checkReferences(ctx, input);
  const collection = COLLECTION[input.kind];
  forget(); // this instance reads the directory again (cache.ts); others within a minute
  const id = input.id ?? `${PREFIX[input.kind]}-${newId().slice(0, 12)}`;
  const _ = ctx.db.command;
  await inTransaction(ctx, async (tx) => {
    const before = input.id ? await txGet<Record<string, unknown>>(tx, collection, input.id) : null;
    if (input.id && !before) throw notFound('目录项不存在');
    if (before && input.kind === 'microGrid' && before.level !== 'microGrid') throw invalidInput('该编号不是微网格');
    if (before && input.kind === 'grid' && before.level !== 'grid') throw invalidInput('该编号不是网格');
    const { _id: _ignored, ...kept } = before ?? {};
    // A field the input leaves out keeps its stored value (a unit's memberCount from an older
    // caller); null is a value, and clears it.
    const given = Object.fromEntries(Object.entries(input.data).filter(([, v]) => v !== undefined));
    const after = {
      ...kept,
      ...given,
      ...derived,
      createdAt: before?.createdAt ?? ctx.now,
      createdBy: before?.createdBy ?? ctx.openid,
      updatedAt: ctx.now,
    };
    if (input.kind === 'microGrid') delete (after as Record<string, unknown>).gridId;
    // A new grid has no staff yet; grants add to gridWorkerOpenids, contact cards read it.
    if (input.kind === 'grid' && !before) (after as Record<string, unknown>).gridWorkerOpenids = [];
    if (input.kind === 'community') {
      // 结对 belongs to the unit (unit.pairedCommunityId); the community's list only mirrors it, so an
      // edit keeps the mirror, and a list that disagrees with the units is refused rather than stored.
      const mirror = (before?.pairedUnitIds as string[] | undefined) ?? [];
      const asked = input.data.pairedUnitIds;
      if (asked.length > 0 && (new Set(asked).size !== mirror.length || asked.some((u) => !mirror.includes(u)))) {
        throw invalidInput('结对单位请在单位信息中调整', [
          { path: 'data.pairedUnitIds', message: '与单位的结对社区不一致' },
        ]);
      }
      (after as Record<string, unknown>).pairedUnitIds = mirror;
    }
    // The entry beside the change (one round trip): no change without its entry.
    const scope = {
      communityId:
        input.kind === 'community'
          ? id
          : (((after as Record<string, unknown>).communityId as string | undefined) ??
            (input.kind === 'unit' ? input.data.pairedCommunityId : null)),
      departmentId: input.kind === 'department' ? id : null,
      unitId: input.kind === 'unit' ? id : null,
    };
    await Promise.all([
      tx.collection(collection).doc(id).set({ data: after }),
      audit(
        ctx,
        {
          kind: 'directory',
          action: before ? 'update' : 'create',
          entity: input.kind,
          entityId: id,
          label: String((after as Record<string, unknown>).name ?? id),
          scope,
          before,
          after: { _id: id, ...after },
        },
        tx,
      ),
    ]);
    if (input.kind === 'propertyCompany') {
      // 物业联络员: the grant follows the company in the same transaction (liaison.ts).
      await moveLiaisonGrant(
        ctx,
        tx,
        id,
        (before?.liaisonOpenid as string | null | undefined) ?? null,
        input.data.liaisonOpenid,
      );
    }
    if (input.kind === 'unit') {
      // 结对: the unit's pairing is mirrored on the communities' pairedUnitIds.
      const from = before?.pairedCommunityId as string | undefined;
      const to = input.data.pairedCommunityId;
      if (from !== to) {
        if (from)
          await tx
            .collection('communities')
            .doc(from)
            .update({ data: { pairedUnitIds: _.pull(id), updatedAt: ctx.now } });
        await tx
          .collection('communities')
          .doc(to)
          .update({ data: { pairedUnitIds: _.addToSet(id), updatedAt: ctx.now } });
      }
    }
  });
  return { id };
}

/** The fields `save` takes for one entry, from the stored document (a micro-grid's parent becomes `gridId`). */
const EDITABLE: Record<DirectoryKind, string[]> = {
  community: ['name', 'address', 'location', 'pairedUnitIds'],
  grid: ['name', 'communityId', 'boundary', 'order'],
  microGrid: ['name', 'compound', 'gridId', 'boundary', 'householdCount', 'propertyCompanyId'],
  unit: ['name', 'kind', 'partyOrgName', 'pairedCommunityId', 'memberCount'],
  department: ['name', 'shortName', 'liaisonName', 'liaisonPhone'],
  station: ['name', 'communityId', 'address', 'location', 'openingHours', 'phone', 'services', 'amenities'],
  // `hasPartyOrg` is derived from the kind on save (an older caller's flag): not handed out to edit.
  propertyCompany: [
    'name',
    'partyOrgKind',
    'partyOrgName',
    'instructor',
    'liaisonName',
    'liaisonPhone',
    'liaisonOpenid',
    'communityIds',
  ],
};

export async function entry(
  input: { kind: DirectoryKind; id: string },
  ctx: CallContext,
): Promise<{ kind: DirectoryKind; id: string; data: Record<string, unknown> }> {
  const { data } = await ctx.db
    .collection(COLLECTION[input.kind])
    .where({ _id: input.id })
    .limit(1)
    .get<Record<string, unknown>>();
  const doc = data[0];
  const levelOk =
    input.kind === 'grid' ? doc?.level === 'grid' : input.kind === 'microGrid' ? doc?.level === 'microGrid' : true;
  if (!doc || !levelOk) throw notFound('目录项不存在');
  const stored =
    input.kind === 'microGrid'
      ? { ...doc, gridId: doc.parentId }
      : input.kind === 'propertyCompany'
        ? // Recorded before the kind was kept: read from hasPartyOrg, so `save` takes it back as is.
          { ...doc, partyOrgKind: partyOrgKindOf(doc as { hasPartyOrg?: boolean }) }
        : doc;
  // Geo values come back from the SDK as its own classes; hand out plain GeoJSON.
  const plain = JSON.parse(
    JSON.stringify(Object.fromEntries(EDITABLE[input.kind].map((f) => [f, stored[f] ?? null]))),
  ) as Record<string, unknown>;
  return { kind: input.kind, id: input.id, data: plain };
}

/**
 * 操作记录, newest first, a page of 20 from `from`: the county admin every entry (or one
 * community's), a secretary their community's (FORBIDDEN for another's); by kind, by the person
 * who acted, of one item. Only equalities on the indexed fields (collections.ts `audits`), so a
 * page is read from an index in `at` order; one request beside the caller's read.
 */
export async function auditLog(
  input: { kind?: AuditKind; by?: string; entityId?: string; communityId?: string; from: number },
  ctx: CallContext,
): Promise<AuditPage> {
  let communityId = input.communityId;
  if (!isCountyAdmin(ctx.user)) {
    const own = scopeIds(ctx.user, 'secretary');
    communityId ??= own[0];
    if (!communityId || !own.includes(communityId)) throw forbidden('只能查看本社区的操作记录');
  }
  const where: Record<string, string> = {};
  if (communityId) where.communityId = communityId;
  if (input.kind) where.kind = input.kind;
  if (input.by) where.by = input.by;
  if (input.entityId) where.entityId = input.entityId;
  const audits = ctx.db.collection('audits');
  const { data } = await (Object.keys(where).length > 0 ? audits.where(where) : audits)
    .orderBy('at', 'desc')
    .skip(input.from)
    .limit(AUDIT_PAGE + 1)
    .get<StoredAudit>();
  return {
    items: data.slice(0, AUDIT_PAGE).map(toAuditEntry),
    next: data.length > AUDIT_PAGE ? input.from + AUDIT_PAGE : null,
  };
}

/** An entry as the contract shows it; entries written before the trail had kinds and scopes read as directory or role changes. */
type StoredAudit = Partial<AuditDoc> &
  Pick<AuditDoc, 'action' | 'entity' | 'entityId' | 'by' | 'byName' | 'at'> & { _id: string };

function toAuditEntry(a: StoredAudit): AuditEntry {
  return {
    id: a._id,
    kind: a.kind ?? (a.entity === 'user' || a.entity === 'users' ? 'role' : 'directory'),
    action: a.action,
    entity: a.entity,
    entityId: a.entityId,
    label: a.label ?? a.entityId,
    targets: a.targets ?? [],
    summary: a.summary ?? '',
    by: a.by,
    byName: a.byName,
    at: new Date(a.at).toISOString(),
    communityId: a.communityId ?? null,
    departmentId: a.departmentId ?? null,
    unitId: a.unitId ?? null,
    before: a.before ?? null,
    after: a.after ?? null,
  };
}
