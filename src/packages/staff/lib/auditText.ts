import type { AuditEntry, RoleGrant } from '../../../../contract';
import { directory } from '../../../stores/directory';
import { KIND_LABELS, UNIT_KIND_LABELS } from '../../../utils/directoryKinds';
import { maskPhone } from '../../../utils/mask';
import { describeGrant } from './scope';

/** One changed field: 名称：旧 → 新 (`before` null for a new entry). */
export interface AuditChange {
  label: string;
  before: string | null;
  after: string;
}

export interface AuditText {
  /** 修改结对单位「某某单位」 */
  headline: string;
  changes: AuditChange[];
}

/** Directory changes: 新建 / 修改 and what. */
const ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
};

const ENTITIES: Record<string, string> = {
  ...KIND_LABELS,
  contactCards: '联系卡',
  contactCard: '联系卡',
  householdPair: '1+1带N',
};

/**
 * What a staff step reads as after the person's name, `{x}` the item in 「」 (a kind's action not
 * listed reads as the action's name).
 */
const STEPS: Record<string, string> = {
  'wish.publish': '审核通过心愿{x}',
  'wish.reject': '驳回心愿{x}',
  'wish.confirmForResident': '代居民确认心愿{x}已完成',
  'case.accept': '受理诉求{x}',
  'case.resolve': '办结诉求{x}',
  'case.escalate': '将诉求{x}上报社区',
  'case.whistle': '就诉求{x}吹哨',
  'case.reportIn': '就诉求{x}报到',
  'case.requestExtension': '为诉求{x}申请延期',
  'case.approveExtension': '批准诉求{x}延期',
  'case.refuseExtension': '不批准诉求{x}延期',
  'case.deptResolve': '办结诉求{x}',
  'case.assist': '提交诉求{x}的协办情况',
  'case.rateDepartment': '评价诉求{x}的部门办理',
  'record.approve': '审核通过六个一记录{x}',
  'record.reject': '驳回六个一记录{x}',
  'activity.publish': '发布活动{x}',
  'activity.edit': '修改活动{x}',
  'activity.cancel': '取消活动{x}',
  'activity.manualCheckIn': '手工签到{x}',
  'activity.manualCheckOut': '补签退{x}',
  'report.verify': '审核通过报到{x}',
  'report.reject': '驳回报到{x}',
};

/** Roles granted or revoked: the grants in `after` not in `before` (or the other way round). */
function grantDiff(from: unknown, to: unknown): RoleGrant[] {
  const had = new Set((Array.isArray(from) ? (from as RoleGrant[]) : []).map((g) => JSON.stringify(g)));
  return (Array.isArray(to) ? (to as RoleGrant[]) : []).filter((g) => !had.has(JSON.stringify(g)));
}

/**
 * The step in words, after the name of who took it: 审核通过心愿「给独居老人修水龙头」, 授予 张秀兰
 * 「单位管理员（某单位）」, 修改网格「潋江社区第一网格」, 审核通过 12 条六个一记录.
 */
export function describeStep(entry: AuditEntry): string {
  const x = `「${entry.label}」`;
  if (entry.kind === 'role') {
    const grant =
      entry.action === 'revokeRole' ? grantDiff(entry.after, entry.before) : grantDiff(entry.before, entry.after);
    const what = grant.length ? `「${grant.map(describeGrant).join('、')}」` : '角色';
    return entry.action === 'revokeRole' ? `撤销 ${entry.label} 的${what}` : `授予 ${entry.label} ${what}`;
  }
  if (entry.kind === 'directory') {
    return `${ACTIONS[entry.action] ?? entry.action}${ENTITIES[entry.entity] ?? entry.entity}${x}`;
  }
  if (entry.kind === 'record' && entry.targets.length > 1) {
    return `${entry.action === 'reject' ? '驳回' : '审核通过'} ${entry.targets.length} 条六个一记录`;
  }
  const step = STEPS[`${entry.kind}.${entry.action}`];
  return step ? step.replace('{x}', x) : `${entry.action}${x}`;
}

/** What was decided, as the entry's second line: 理由：…, or the note as written. */
export function describeSummary(entry: AuditEntry): string {
  if (!entry.summary) return '';
  return entry.action === 'reject' || entry.action === 'cancel' || entry.action.startsWith('manual')
    ? `理由：${entry.summary}`
    : entry.summary;
}

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
  memberCount: '在职党员数',
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
  memberName: '党员',
  gridWorkerName: '网格员',
  households: '联系户数',
};

/** Bookkeeping every document carries; not what anyone changed. */
const HIDDEN = new Set([
  '_id',
  'createdAt',
  'createdBy',
  'updatedAt',
  'level',
  'openid',
  'settings',
  'pair',
  // 1+1带N: the names say who; the version is bookkeeping.
  'memberOpenid',
  'gridWorkerOpenid',
  'version',
]);

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

/** A directory or role change field by field, before → after (other steps: none). */
export function describeAudit(entry: AuditEntry): AuditText {
  const headline = describeStep(entry);
  if (entry.kind === 'role') {
    return {
      headline,
      changes: [{ label: '角色', before: grantList(entry.before), after: grantList(entry.after) }],
    };
  }
  if (entry.kind !== 'directory' || !entry.after) return { headline, changes: [] };
  const after = entry.after as Doc;
  const before = (entry.before ?? null) as Doc | null;
  return { headline, changes: docChanges(before, after) };
}
