import { z } from 'zod';
import { defineAction } from '../action';
import { AUDIT_KINDS, type AuditKind } from '../audit';
import { id, latLng, phone, personName, polygon, text } from '../fields';
import type { UserSummary } from './account';
import { OPENING_HOURS, UNIT_MEMBER_COUNT, UNIT_MEMBER_COUNT_MESSAGE } from '../limits';
import { PARTY_ORG_KINDS, type PartyOrgKind } from '../cobuild';

/** A community as pickers and lists show it. */
export interface CommunitySummary {
  id: string;
  name: string;
  address: string;
}

/** What a resident's profile form needs to pick an address in one community. */
export interface CommunityDetail extends CommunitySummary {
  residentGroups: Array<{ id: string; name: string }>;
  grids: Array<{ id: string; name: string; microGrids: Array<{ id: string; name: string }> }>;
  units: Array<{ id: string; name: string }>;
}

export interface UnitSummary {
  id: string;
  name: string;
  kind: 'government' | 'institution' | 'enterprise';
  pairedCommunityId: string;
  pairedCommunityName: string;
  /** 在职党员数: the unit's in-service party members, as the county admin typed it; null: unknown. */
  memberCount: number | null;
}

/**
 * A property company (物业企业) with its 红色物业 data: how its party organisation is formed, the
 * 党建指导员 sent to it, its liaison (a user: the 物业联络员 grant follows), the estates it serves
 * (the micro-grids naming it as their `propertyCompanyId`).
 */
export interface PropertyCompanySummary {
  id: string;
  name: string;
  /** `partyOrgKind !== 'none'` (kept for the pickers and lists that read it). */
  hasPartyOrg: boolean;
  /** 单独组建 / 联合组建 / 未组建; derived from `hasPartyOrg` for companies recorded before it was kept. */
  partyOrgKind: PartyOrgKind;
  partyOrgName: string | null;
  /** 党建指导员; null when none is recorded. */
  instructor: { name: string; phone: string } | null;
  liaison: { name: string; phone: string; openid: string | null };
  communityIds: string[];
  /** The estates (micro-grids) it serves, by community and name. */
  estates: Array<{ id: string; name: string; communityId: string }>;
}

export interface DepartmentSummary {
  id: string;
  name: string;
  shortName: string;
}

/** 红色驿站, with the distance from the caller when a location was sent. */
export interface StationView {
  id: string;
  name: string;
  communityId: string;
  communityName: string;
  address: string;
  location: { lat: number; lng: number };
  openingHours: string;
  /** Open at the server's current time (Asia/Shanghai). */
  openNow: boolean;
  services: string[];
  amenities: string[];
  /** Metres, haversine; null when no location was sent. */
  distanceM: number | null;
  /** The station's contact number, where the directory has one. */
  phone: string | null;
}

/**
 * A place of a community an activity can be held at (the picker where no map is reachable): a
 * Red Station, the community's own centre (党群服务中心, at the community's address), or a
 * compound of a micro-grid (the centre of its boundary). GCJ-02.
 */
export interface PlaceOption {
  kind: 'station' | 'community' | 'microGrid';
  id: string;
  name: string;
  address: string;
  location: { lat: number; lng: number };
  phone: string | null;
}

/** One person on a grid's public contact card (民情联系卡): only what they agreed to publish. */
export interface ContactCardView {
  id: string;
  title: '网格长' | '网格员';
  name: string | null;
  phone: string | null;
  photo: string | null;
  duties: string;
}

/** The staff view of a contact card: everything, with the publish flags. */
export interface ContactCardAdminView {
  id: string;
  gridId: string;
  openid: string;
  title: '网格长' | '网格员';
  name: string;
  phone: string;
  photo: string | null;
  duties: string;
  published: { name: boolean; phone: boolean; photo: boolean };
}

/**
 * 1+1带N of one micro-grid (小区/楼栋): the party member and the grid worker linked to N of its
 * households. N is a count: the directory holds how many households a building has, not the
 * households themselves (docs/data-model.md "1+1带N").
 */
export interface HouseholdPairView {
  /** The member's account; null for a member linked before they reported here (the seed's, or older data). */
  memberOpenid: string | null;
  memberName: string;
  gridWorkerOpenid: string;
  gridWorkerName: string;
  /** N: the households linked, 1 to the micro-grid's household count. */
  households: number;
}

/** A micro-grid as the 1+1带N page lists it: its pair (null: none yet) and the version an edit names. */
export interface PairMicroGridView {
  id: string;
  name: string;
  /** The building's households (the directory's count); N never exceeds it (0: not recorded). */
  householdCount: number;
  pair: HouseholdPairView | null;
  /** Moves with every edit of the pair: `savePair` names the one it read (0: never edited here). */
  version: number;
}

/** A grid of the caller's scope with its micro-grids and the grid workers a pair may name. */
export interface PairGridView {
  id: string;
  name: string;
  communityId: string;
  /** The grid head and the grid workers of the grid (the head first). */
  workers: Array<{ openid: string; name: string }>;
  microGrids: PairMicroGridView[];
}

/**
 * One staff action in the audit trail (操作记录): who did what to which item, when, in whose
 * scope. Written by the action itself (server/platform/audit.ts), never changed or deleted.
 */
export interface AuditEntry {
  id: string;
  kind: AuditKind;
  /** What was done: `publish`, `reject`, `accept`, `approve`, `grantRole`, `update` … (per kind). */
  action: string;
  /** The target: its collection (or directory kind) and id. */
  entity: string;
  entityId: string;
  /** The target in a few words: the wish, the case, the activity, the member's or the user's name. */
  label: string;
  /** More targets of the same step (a batch of records approved at once), each with its label. */
  targets: Array<{ id: string; label: string }>;
  /** What was decided, in a few words (a reason, a note, a grade); empty when the action says it all. */
  summary: string;
  by: string;
  byName: string;
  at: string;
  /** The scope the entry belongs to: a secretary reads their community's. */
  communityId: string | null;
  departmentId: string | null;
  unitId: string | null;
  /** Directory and role changes: the document or the roles before and after; null otherwise. */
  before: unknown;
  after: unknown;
}

/** A page of the audit trail, newest first, and where the next one starts (null: none). */
export interface AuditPage {
  items: AuditEntry[];
  next: number | null;
}

export const DIRECTORY_KINDS = [
  'community',
  'grid',
  'microGrid',
  'unit',
  'department',
  'station',
  'propertyCompany',
] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

const cardInput = z
  .object({
    gridId: id,
    /** Omitted to add a card. */
    cardId: id.optional(),
    openid: id,
    title: z.enum(['网格长', '网格员']),
    name: personName,
    phone,
    photo: z.string().max(300).nullable().default(null),
    duties: text(2, 200),
    published: z.object({ name: z.boolean(), phone: z.boolean(), photo: z.boolean() }).strict(),
  })
  .strict();

/** A company's party organisation kind: as recorded, or (recorded before the kind was kept) from `hasPartyOrg`. */
export function partyOrgKindOf(d: { partyOrgKind?: PartyOrgKind | null; hasPartyOrg?: boolean }): PartyOrgKind {
  return d.partyOrgKind ?? (d.hasPartyOrg ? 'single' : 'none');
}

/** The fields of each directory kind the county admin edits (ids are chosen by the server on create). */
export const directoryEntityInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('community'),
      id: id.optional(),
      data: z
        .object({
          name: text(2, 30),
          address: text(4, 100),
          location: latLng,
          pairedUnitIds: z.array(id).max(20).default([]),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('grid'),
      id: id.optional(),
      data: z
        .object({
          name: text(2, 40),
          communityId: id,
          boundary: polygon,
          order: z.number().int().min(0).max(999).default(0),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('microGrid'),
      id: id.optional(),
      data: z
        .object({
          name: text(2, 40),
          compound: text(2, 40),
          gridId: id,
          boundary: polygon,
          householdCount: z.number().int().min(0).max(5000),
          propertyCompanyId: id.nullable().default(null),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('unit'),
      id: id.optional(),
      data: z
        .object({
          name: text(2, 50),
          kind: z.enum(['government', 'institution', 'enterprise']),
          partyOrgName: text(2, 60),
          pairedCommunityId: id,
          /**
           * 在职党员数, the denominator of the unit's 双报到率: null clears it (unknown); omitted, an
           * edit keeps the stored value (a new unit has none).
           */
          memberCount: z
            .number({ message: UNIT_MEMBER_COUNT_MESSAGE })
            .int(UNIT_MEMBER_COUNT_MESSAGE)
            .min(UNIT_MEMBER_COUNT.min, UNIT_MEMBER_COUNT_MESSAGE)
            .max(UNIT_MEMBER_COUNT.max, UNIT_MEMBER_COUNT_MESSAGE)
            .nullable()
            .optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('department'),
      id: id.optional(),
      data: z
        .object({ name: text(2, 50), shortName: text(1, 10), liaisonName: personName, liaisonPhone: phone })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('station'),
      id: id.optional(),
      data: z
        .object({
          name: text(2, 40),
          communityId: id,
          address: text(4, 100),
          location: latLng,
          openingHours: z.string().regex(OPENING_HOURS, '营业时间格式为 08:00-20:00'),
          /** The station's contact number (null: none). */
          phone: phone.nullable().default(null),
          services: z.array(z.enum(['政策宣传', '民情收集', '帮扶解难', '文明引导'])).max(4),
          amenities: z.array(z.enum(['休息桌椅', '学习角', '雨具', '茶水', '针线包', '充电宝', '书籍'])).max(7),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('propertyCompany'),
      id: id.optional(),
      data: z
        .object({
          name: text(2, 50),
          /** 单独组建 / 联合组建 / 未组建. Omitted: from `hasPartyOrg` (true → single). */
          partyOrgKind: z.enum(PARTY_ORG_KINDS, { message: '党组织组建方式须为单独组建、联合组建或未组建' }).optional(),
          /** Older callers' flag: when sent with `partyOrgKind` it must agree (kind ≠ none). */
          hasPartyOrg: z.boolean().optional(),
          partyOrgName: text(2, 60).nullable().default(null),
          /** 党建指导员: the instructor sent to the company (null: none). */
          instructor: z.object({ name: personName, phone }).strict().nullable().default(null),
          liaisonName: personName,
          liaisonPhone: phone,
          /** The liaison's own account (a user): gets the 物业联络员 grant (a previous liaison loses it). */
          liaisonOpenid: id.nullable().default(null),
          communityIds: z.array(id).max(14),
        })
        .strict()
        .refine((d) => d.partyOrgKind !== undefined || d.hasPartyOrg !== undefined, {
          message: '请选择党组织组建方式',
          path: ['partyOrgKind'],
        })
        .refine(
          (d) =>
            d.partyOrgKind === undefined ||
            d.hasPartyOrg === undefined ||
            d.hasPartyOrg === (d.partyOrgKind !== 'none'),
          { message: '是否建有党组织与组建方式不一致', path: ['hasPartyOrg'] },
        )
        .refine((d) => partyOrgKindOf(d) === 'none' || d.partyOrgName !== null, {
          message: '已组建党组织的，请填写党组织名称',
          path: ['partyOrgName'],
        }),
    })
    .strict(),
]);
export type DirectoryEntityInput = z.infer<typeof directoryEntityInput>;

export const directory = {
  communities: defineAction<CommunitySummary[]>()({
    summary: 'All communities (for pickers).',
    input: z.object({}).strict(),
    roles: 'anyone',
  }),
  community: defineAction<CommunityDetail>()({
    summary: "A community's resident groups, grids with their micro-grids, and paired units (for the profile form).",
    input: z.object({ communityId: id }).strict(),
    roles: 'anyone',
  }),
  units: defineAction<UnitSummary[]>()({
    summary: 'Paired units (结对共建单位), optionally of one community (for member registration).',
    input: z.object({ communityId: id.optional() }).strict(),
    roles: 'anyone',
  }),
  departments: defineAction<DepartmentSummary[]>()({
    summary: 'The departments that answer whistles.',
    input: z.object({}).strict(),
    roles: ['secretary', 'department', 'countyAdmin'],
  }),
  stations: defineAction<StationView[]>()({
    summary: 'Red Stations (红色驿站), nearest first when a location (GCJ-02) is sent.',
    input: z.object({ near: latLng.optional() }).strict(),
    roles: 'anyone',
  }),
  places: defineAction<PlaceOption[]>()({
    summary:
      "The places of one community an activity can be held at, with name, address and GCJ-02 point: its Red Stations, its centre, its micro-grids' compounds (a secretary their own community, a unit admin the community their unit is paired with — the first when omitted; the county admin any).",
    input: z.object({ communityId: id.optional() }).strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  gridCards: defineAction<ContactCardAdminView[]>()({
    summary:
      "The contact cards of one grid, in full, for the staff who manage them (the grid's secretary, the county admin).",
    input: z.object({ gridId: id }).strict(),
    roles: ['secretary', 'countyAdmin'],
  }),
  saveContactCard: defineAction<ContactCardAdminView>()({
    summary: 'Adds or edits a contact card of a grid (secretary of its community, county admin). Audited.',
    input: cardInput,
    roles: ['secretary', 'countyAdmin'],
  }),
  householdPairs: defineAction<PairGridView[]>()({
    summary:
      "1+1带N of the micro-grids the caller keeps: a grid worker's grids, a secretary's community; each grid with its grid workers (to pick from).",
    input: z.object({}).strict(),
    roles: ['gridWorker', 'secretary'],
  }),
  pairMembers: defineAction<UserSummary[]>()({
    summary:
      "Party members verified in a micro-grid's community (双报到), found by name or whole phone number, to link to its 1+1带N (its grid's workers, the secretary). Phones masked.",
    input: z.object({ microGridId: id, query: text(1, 20) }).strict(),
    roles: ['gridWorker', 'secretary'],
  }),
  savePair: defineAction<PairMicroGridView>()({
    summary:
      "Sets a micro-grid's 1+1带N: a member verified in its community, a grid worker of its grid, N households (1 to the building's count). Its grid's workers, the secretary. `version` is the one read: an edit since answers CONFLICT. Audited.",
    input: z
      .object({
        microGridId: id,
        memberOpenid: id,
        gridWorkerOpenid: id,
        households: z.number().int().min(1, '联系户数至少 1 户').max(5000, '联系户数最多 5000 户'),
        version: z.number().int().min(0).max(1_000_000),
      })
      .strict(),
    roles: ['gridWorker', 'secretary'],
  }),
  propertyCompanies: defineAction<PropertyCompanySummary[]>()({
    summary:
      'Property companies (物业企业) with their 红色物业 data: party organisation kind and name, 党建指导员, liaison, the communities and estates (micro-grids) they serve (secretary, county admin: all; a property liaison: their own).',
    input: z.object({}).strict(),
    roles: ['secretary', 'countyAdmin', 'propertyLiaison'],
  }),
  entry: defineAction<{ kind: DirectoryKind; id: string; data: Record<string, unknown> }>()({
    summary: "One directory entry's stored fields, as `save` takes them (county admin, to edit).",
    input: z.object({ kind: z.enum(DIRECTORY_KINDS), id }).strict(),
    roles: ['countyAdmin'],
  }),
  save: defineAction<{ id: string }>()({
    summary:
      'Creates or edits a directory entry: community, grid, micro-grid, unit (and its pairing), department, station, property company. County admin; audited.',
    input: directoryEntityInput,
    roles: ['countyAdmin'],
  }),
  audit: defineAction<AuditPage>()({
    summary:
      'The audit trail (操作记录) of staff actions, newest first, 20 a page from `from`: by kind, by the person who acted (`by`), of one item (`entityId`). The county admin reads every entry (or one community’s); a secretary their community’s.',
    input: z
      .object({
        kind: z.enum(AUDIT_KINDS).optional(),
        by: id.optional(),
        entityId: id.optional(),
        /** The community whose entries to read: a secretary's own (the first when omitted); the county admin any. */
        communityId: id.optional(),
        from: z.number().int().min(0).max(10_000).default(0),
      })
      .strict(),
    roles: ['countyAdmin', 'secretary'],
  }),
} as const;
