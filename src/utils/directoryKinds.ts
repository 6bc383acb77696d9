/**
 * What the county admin edits for each kind of directory entry (contract `directoryEntityInput`):
 * the fields of its form, how a stored entry fills them, and how they become the `data` of
 * directory.save. Plain data and functions; the form store runs them.
 */
import type { DirectoryEntityInput, DirectoryKind } from '../../contract';
import { PARTY_ORG_KINDS, PARTY_ORG_KIND_LABELS, type PartyOrgKind } from '../../contract/cobuild';
import { UNIT_MEMBER_COUNT } from '../../contract/limits';
import {
  checkName,
  checkPhone,
  checkText,
  LAT_RANGE,
  LNG_RANGE,
  OPENING_HOURS,
  parseNumber,
  polygonFromCorners,
  type Polygon,
} from './fields';

export const KIND_LABELS: Record<DirectoryKind, string> = {
  community: '社区',
  grid: '网格',
  microGrid: '微网格',
  unit: '结对单位',
  department: '职能部门',
  station: '红色驿站',
  propertyCompany: '物业企业',
};

export const isDirectoryKind = (kind: string): kind is DirectoryKind =>
  Object.prototype.hasOwnProperty.call(KIND_LABELS, kind);

export const UNIT_KINDS = ['government', 'institution', 'enterprise'] as const;
export const UNIT_KIND_LABELS: Record<(typeof UNIT_KINDS)[number], string> = {
  government: '机关',
  institution: '事业单位',
  enterprise: '国有企业',
};
export const STATION_SERVICES = ['政策宣传', '民情收集', '帮扶解难', '文明引导'] as const;
export const STATION_AMENITIES = ['休息桌椅', '学习角', '雨具', '茶水', '针线包', '充电宝', '书籍'] as const;

/** Where a choice field takes its options from. */
export type OptionSource = 'communities' | 'grids' | 'unitKinds' | 'partyOrgKinds' | 'services' | 'amenities';

/** 红色物业: how a company's party organisation is formed (单独组建 / 联合组建 / 未组建). */
export const PARTY_ORG_KIND_OPTIONS = PARTY_ORG_KINDS.map((k) => ({ value: k, label: PARTY_ORG_KIND_LABELS[k] }));

export type FieldSpec =
  | { key: string; label: string; type: 'text'; min: number; max: number; multiline?: boolean; placeholder?: string }
  | { key: string; label: string; type: 'personName' | 'phone' | 'hours'; optional?: boolean }
  | {
      key: string;
      label: string;
      type: 'number';
      min: number;
      max: number;
      integer?: boolean;
      placeholder?: string;
      /** Left empty: not known (saved as null). */
      optional?: boolean;
      /** Said under the field: what the number is for. */
      hint?: string;
    }
  | { key: string; label: string; type: 'choice'; source: OptionSource; lockedOnEdit?: boolean }
  | { key: string; label: string; type: 'multi'; source: OptionSource; max: number }
  | { key: string; label: string; type: 'switch' }
  /** A user's account (openid), picked by searching people; '' for none. */
  | { key: string; label: string; type: 'account'; hint: string };

export type FieldValue = string | string[] | boolean;
export type FormValues = Record<string, FieldValue>;

/** The four corners of a new grid's boundary, in the order they are asked for. */
export const CORNERS = ['西南角', '东南角', '东北角', '西北角'] as const;
export const cornerKeys = (i: number) => ({ lng: `corner${i}Lng`, lat: `corner${i}Lat` });

const latLngFields: FieldSpec[] = [
  {
    key: 'lat',
    label: '纬度',
    type: 'number',
    min: LAT_RANGE[0],
    max: LAT_RANGE[1],
    placeholder: '如 26.3372（腾讯或高德地图上取点）',
  },
  {
    key: 'lng',
    label: '经度',
    type: 'number',
    min: LNG_RANGE[0],
    max: LNG_RANGE[1],
    placeholder: '如 115.3636（腾讯或高德地图上取点）',
  },
];

export const KIND_FIELDS: Record<DirectoryKind, FieldSpec[]> = {
  community: [
    { key: 'name', label: '社区名称', type: 'text', min: 2, max: 30 },
    { key: 'address', label: '地址', type: 'text', min: 4, max: 100 },
    ...latLngFields,
  ],
  grid: [
    { key: 'name', label: '网格名称', type: 'text', min: 2, max: 40 },
    { key: 'communityId', label: '所属社区', type: 'choice', source: 'communities', lockedOnEdit: true },
    { key: 'order', label: '排序（数字小的在前）', type: 'number', min: 0, max: 999, integer: true },
  ],
  microGrid: [
    { key: 'name', label: '微网格名称', type: 'text', min: 2, max: 40 },
    { key: 'compound', label: '小区', type: 'text', min: 2, max: 40 },
    { key: 'gridId', label: '所属网格', type: 'choice', source: 'grids', lockedOnEdit: true },
    { key: 'householdCount', label: '户数', type: 'number', min: 0, max: 5000, integer: true },
  ],
  unit: [
    { key: 'name', label: '单位名称', type: 'text', min: 2, max: 50 },
    { key: 'kind', label: '单位类别', type: 'choice', source: 'unitKinds' },
    { key: 'partyOrgName', label: '党组织名称', type: 'text', min: 2, max: 60 },
    { key: 'pairedCommunityId', label: '结对社区', type: 'choice', source: 'communities' },
    {
      key: 'memberCount',
      label: '在职党员数（选填）',
      type: 'number',
      min: UNIT_MEMBER_COUNT.min,
      max: UNIT_MEMBER_COUNT.max,
      integer: true,
      optional: true,
      hint: '单位在职党员总人数，用于计算双报到率',
    },
  ],
  department: [
    { key: 'name', label: '部门名称', type: 'text', min: 2, max: 50 },
    { key: 'shortName', label: '简称', type: 'text', min: 1, max: 10 },
    { key: 'liaisonName', label: '联络人', type: 'personName' },
    { key: 'liaisonPhone', label: '联络电话', type: 'phone' },
  ],
  station: [
    { key: 'name', label: '驿站名称', type: 'text', min: 2, max: 40 },
    { key: 'communityId', label: '所在社区', type: 'choice', source: 'communities' },
    { key: 'address', label: '地址', type: 'text', min: 4, max: 100 },
    ...latLngFields,
    { key: 'openingHours', label: '开放时间', type: 'hours' },
    { key: 'phone', label: '联系电话（选填）', type: 'phone', optional: true },
    { key: 'services', label: '服务', type: 'multi', source: 'services', max: 4 },
    { key: 'amenities', label: '便民设施', type: 'multi', source: 'amenities', max: 7 },
  ],
  propertyCompany: [
    { key: 'name', label: '企业名称', type: 'text', min: 2, max: 50 },
    { key: 'partyOrgKind', label: '党组织组建（红色物业）', type: 'choice', source: 'partyOrgKinds' },
    { key: 'partyOrgName', label: '党组织名称', type: 'text', min: 2, max: 60 },
    { key: 'instructorName', label: '党建指导员（选填）', type: 'personName', optional: true },
    { key: 'instructorPhone', label: '指导员电话（选填）', type: 'phone', optional: true },
    { key: 'liaisonName', label: '联络人', type: 'personName' },
    { key: 'liaisonPhone', label: '联络电话', type: 'phone' },
    {
      key: 'liaisonOpenid',
      label: '联络人账号',
      type: 'account',
      hint: '关联联络人本人的账号后，他成为物业联络员：办理所服务小区的物业类诉求',
    },
    { key: 'communityIds', label: '服务社区', type: 'multi', source: 'communities', max: 14 },
  ],
};

/** Kinds whose entries carry a boundary polygon. */
export const HAS_BOUNDARY: ReadonlySet<DirectoryKind> = new Set(['grid', 'microGrid']);

/** A field that does not apply: a company without a party organisation names none. */
export function fieldApplies(kind: DirectoryKind, key: string, values: FormValues): boolean {
  return !(kind === 'propertyCompany' && key === 'partyOrgName' && values.partyOrgKind === 'none');
}

const str = (v: FieldValue | undefined): string => (typeof v === 'string' ? v : '');
const list = (v: FieldValue | undefined): string[] => (Array.isArray(v) ? v : []);

/** Null when the field's value passes, else what is wrong. */
export function checkField(spec: FieldSpec, value: FieldValue | undefined): string | null {
  switch (spec.type) {
    case 'text':
      return checkText(str(value), spec.min, spec.max);
    case 'personName':
      return spec.optional && str(value).trim() === '' ? null : checkName(str(value));
    case 'phone':
      return spec.optional && str(value).trim() === '' ? null : checkPhone(str(value));
    case 'hours':
      return OPENING_HOURS.test(str(value).trim()) ? null : '开放时间格式为 08:00-20:00';
    case 'number': {
      if (spec.optional && str(value).trim() === '') return null;
      const n = parseNumber(str(value), spec.min, spec.max);
      if (n === null || (spec.integer && !Number.isInteger(n))) {
        return `请输入 ${spec.min}–${spec.max} 之间的${spec.integer ? '整数' : '数字'}`;
      }
      return null;
    }
    case 'choice':
      return str(value) ? null : `请选择${spec.label}`;
    case 'multi':
      return list(value).length <= spec.max ? null : `最多选择 ${spec.max} 项`;
    case 'switch':
    case 'account':
      return null;
  }
}

/** The corners typed for a new boundary; an error per corner field, or the polygon. */
export function checkCorners(values: FormValues): { errors: Record<string, string>; polygon: Polygon | null } {
  const errors: Record<string, string> = {};
  const corners = CORNERS.map((_, i) => {
    const keys = cornerKeys(i);
    const lng = parseNumber(str(values[keys.lng]), LNG_RANGE[0], LNG_RANGE[1]);
    const lat = parseNumber(str(values[keys.lat]), LAT_RANGE[0], LAT_RANGE[1]);
    if (lng === null) errors[keys.lng] = `经度应在 ${LNG_RANGE[0]}–${LNG_RANGE[1]} 之间`;
    if (lat === null) errors[keys.lat] = `纬度应在 ${LAT_RANGE[0]}–${LAT_RANGE[1]} 之间`;
    return { lng: lng ?? 0, lat: lat ?? 0 };
  });
  return { errors, polygon: Object.keys(errors).length ? null : polygonFromCorners(corners) };
}

type Stored = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): string | undefined => (typeof v === 'number' ? String(v) : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
const location = (v: unknown): FormValues => {
  const loc = v as { lat?: unknown; lng?: unknown } | null | undefined;
  const lat = num(loc?.lat);
  const lng = num(loc?.lng);
  return lat !== undefined && lng !== undefined ? { lat, lng } : {};
};

/** An entry's stored fields (directory.entry) as form values; fields stored empty are left out. */
export function valuesFromStored(kind: DirectoryKind, doc: Stored): FormValues {
  const pick = (keys: string[]): FormValues => {
    const out: FormValues = {};
    for (const key of keys) {
      const v = doc[key];
      const value = text(v) ?? num(v) ?? strings(v) ?? (typeof v === 'boolean' ? v : undefined);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
  switch (kind) {
    case 'community':
      return { ...pick(['name', 'address']), ...location(doc.location) };
    case 'grid':
      return pick(['name', 'communityId', 'order']);
    case 'microGrid':
      return pick(['name', 'compound', 'gridId', 'householdCount']);
    case 'unit':
      return pick(['name', 'kind', 'partyOrgName', 'pairedCommunityId', 'memberCount']);
    case 'department':
      return pick(['name', 'shortName', 'liaisonName', 'liaisonPhone']);
    case 'station':
      return {
        ...pick(['name', 'communityId', 'address', 'openingHours', 'phone', 'services', 'amenities']),
        ...location(doc.location),
      };
    case 'propertyCompany': {
      const instructor = doc.instructor as { name?: unknown; phone?: unknown } | null | undefined;
      const kind = text(doc.partyOrgKind) ?? (doc.hasPartyOrg === true ? 'single' : 'none');
      return {
        ...pick(['name', 'partyOrgName', 'liaisonName', 'liaisonPhone', 'liaisonOpenid', 'communityIds']),
        partyOrgKind: kind,
        ...(text(instructor?.name) ? { instructorName: text(instructor?.name)! } : {}),
        ...(text(instructor?.phone) ? { instructorPhone: text(instructor?.phone)! } : {}),
      };
    }
  }
}

/** The stored boundary (plain GeoJSON), when the entry has one. */
export function boundaryFromStored(doc: Stored): Polygon | null {
  const b = doc.boundary as Polygon | undefined;
  return b && b.type === 'Polygon' && Array.isArray(b.coordinates) ? b : null;
}

/** What the form starts with for a new entry. */
export function emptyValues(kind: DirectoryKind): FormValues {
  const values: FormValues = {};
  for (const spec of KIND_FIELDS[kind])
    values[spec.key] = spec.type === 'multi' ? [] : spec.type === 'switch' ? false : '';
  if (kind === 'unit') values.kind = 'government';
  if (kind === 'propertyCompany') values.partyOrgKind = 'single';
  if (kind === 'grid') values.order = '0';
  return values;
}

export interface Extras {
  /** A community's paired units, kept as they are (pairing is changed from the unit's form). */
  pairedUnitIds: string[];
  boundary: Polygon | null;
  /** A micro-grid's property company, kept as it is. */
  propertyCompanyId: string | null;
}

/** The `data` of directory.save from checked values. */
export function toSaveData(kind: DirectoryKind, v: FormValues, extras: Extras): DirectoryEntityInput['data'] {
  const s = (key: string) => str(v[key]).trim();
  const n = (key: string) => Number(s(key));
  const location = { lat: n('lat'), lng: n('lng') };
  switch (kind) {
    case 'community':
      return { name: s('name'), address: s('address'), location, pairedUnitIds: extras.pairedUnitIds };
    case 'grid':
      return { name: s('name'), communityId: s('communityId'), boundary: extras.boundary!, order: n('order') };
    case 'microGrid':
      return {
        name: s('name'),
        compound: s('compound'),
        gridId: s('gridId'),
        boundary: extras.boundary!,
        householdCount: n('householdCount'),
        propertyCompanyId: extras.propertyCompanyId,
      };
    case 'unit':
      return {
        name: s('name'),
        kind: s('kind') as (typeof UNIT_KINDS)[number],
        partyOrgName: s('partyOrgName'),
        pairedCommunityId: s('pairedCommunityId'),
        // Empty: not known.
        memberCount: s('memberCount') ? n('memberCount') : null,
      };
    case 'department':
      return {
        name: s('name'),
        shortName: s('shortName'),
        liaisonName: s('liaisonName'),
        liaisonPhone: s('liaisonPhone').replace(/\s+/g, ''),
      };
    case 'station':
      return {
        name: s('name'),
        communityId: s('communityId'),
        address: s('address'),
        location,
        openingHours: s('openingHours'),
        phone: s('phone').replace(/\s+/g, '') || null,
        services: list(v.services) as Array<(typeof STATION_SERVICES)[number]>,
        amenities: list(v.amenities) as Array<(typeof STATION_AMENITIES)[number]>,
      };
    case 'propertyCompany': {
      const kind = (s('partyOrgKind') || 'none') as PartyOrgKind;
      const instructorName = s('instructorName');
      const instructorPhone = s('instructorPhone').replace(/\s+/g, '');
      return {
        name: s('name'),
        partyOrgKind: kind,
        partyOrgName: kind !== 'none' ? s('partyOrgName') : null,
        instructor: instructorName || instructorPhone ? { name: instructorName, phone: instructorPhone } : null,
        liaisonName: s('liaisonName'),
        liaisonPhone: s('liaisonPhone').replace(/\s+/g, ''),
        liaisonOpenid: s('liaisonOpenid') || null,
        communityIds: list(v.communityIds),
      };
    }
  }
}
