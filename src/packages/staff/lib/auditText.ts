import type { AuditEntry, RoleGrant } from '../../../../contract';
import { directory } from '../../../stores/directory';
import { KIND_LABELS, UNIT_KIND_LABELS } from '../../../stores/staff/directoryKinds';
import { maskPhone } from '../../../utils/mask';
import { describeGrant } from './scope';

/** One changed field: 名称：旧 → 新 (`before` null for a new entry). */
export interface AuditChange {
  label: string;
  before: string | null;
  after: string;
}

export interface AuditText {
  /** 修改 · 结对单位 某某单位 */
  headline: string;
  changes: AuditChange[];
}

const ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
  grantRole: '授予角色',
  revokeRole: '撤销角色',
};

const ENTITIES: Record<string, string> = { ...KIND_LABELS, contactCard: '联系卡', user: '用户' };

const FIELDS: Record<string, string> = {
  name: '名称',
  address: '地址',
  location: '位置',
  pairedUnitIds: '结对单位',
  communityId: '社区',
  boundary: '边界',
  order: '排序',
  compound: '小区',
  householdCount: '户数',
  propertyCompanyId: '物业企业',
  kind: '类别',
  partyOrgName: '党组织',
  pairedCommunityId: '结对社区',
  shortName: '简称',
  liaisonName: '联络人',
  liaisonPhone: '联络电话',
  openingHours: '开放时间',
  services: '服务',
  amenities: '便民设施',
  hasPartyOrg: '建有党组织',
  communityIds: '服务社区',
  title: '职务',
  phone: '电话',
  duties: '职责',
  photo: '照片',
  published: '公开内容',
  gridId: '网格',
  parentId: '上级网格',
};

/** Bookkeeping every document carries; not what anyone changed. */
const HIDDEN = new Set(['_id', 'createdAt', 'createdBy', 'updatedAt', 'level', 'openid', 'settings', 'pair']);

type Doc = Record<string, unknown>;

function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  // Names once the directory has answered, ids until then.
  const community = (id: unknown) => directory.communityName(String(id)) ?? String(id);
  const unit = (id: unknown) => directory.unitName(String(id)) ?? String(id);
  switch (key) {
    case 'communityId':
    case 'pairedCommunityId':
      return community(value);
    case 'communityIds':
      return Array.isArray(value) ? value.map(community).join('、') || '（无）' : '';
    case 'pairedUnitIds':
      return Array.isArray(value) ? value.map(unit).join('、') || '（无）' : '';
    case 'gridId':
    case 'parentId':
      return directory.gridName(String(value)) ?? String(value);
    case 'kind':
      return UNIT_KIND_LABELS[value as keyof typeof UNIT_KIND_LABELS] ?? String(value);
    case 'phone':
    case 'liaisonPhone':
      return maskPhone(String(value));
    case 'location': {
      const loc = value as { lat?: number; lng?: number };
      return `纬度 ${loc.lat}，经度 ${loc.lng}`;
    }
    case 'boundary': {
      const ring = (value as { coordinates?: unknown[][] }).coordinates?.[0];
      return `${Array.isArray(ring) ? ring.length : 0} 个点的边界`;
    }
    case 'published': {
      const p = value as { name?: boolean; phone?: boolean; photo?: boolean };
      const shown = [p.name && '姓名', p.phone && '电话', p.photo && '照片'].filter(Boolean);
      return shown.length ? shown.join('、') : '不公开';
    }
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(String).join('、') || '（无）';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function docChanges(before: Doc | null, after: Doc): AuditChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].filter((k) => !HIDDEN.has(k));
  return keys
    .filter((k) => !before || !same(before[k], after[k]))
    .map((k) => ({
      label: FIELDS[k] ?? k,
      before: before ? formatValue(k, before[k]) : null,
      after: formatValue(k, after[k]),
    }));
}

const grantList = (grants: unknown): string =>
  Array.isArray(grants) && grants.length ? (grants as RoleGrant[]).map(describeGrant).join('、') : '（无）';

/** An audit entry in words: what was done to what, and each field before → after. */
export function describeAudit(entry: AuditEntry): AuditText {
  const action = ACTIONS[entry.action] ?? entry.action;
  const entity = ENTITIES[entry.entity] ?? entry.entity;
  if (entry.entity === 'user') {
    return {
      headline: `${action} · ${entity} ${entry.entityId}`,
      changes: [{ label: '角色', before: grantList(entry.before), after: grantList(entry.after) }],
    };
  }
  const after = (entry.after ?? {}) as Doc;
  const before = (entry.before ?? null) as Doc | null;
  const name = typeof after.name === 'string' ? after.name : entry.entityId;
  return { headline: `${action} · ${entity} ${name}`, changes: docChanges(before, after) };
}
