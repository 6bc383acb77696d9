/**
 * Document shapes of the directory collections (PRODUCT.md "The county's structure"): what the
 * directory's reads and edits, the complaint assignment, the accounts and the seed share.
 * Coordinates are GCJ-02 (the WeChat map's system); GeoJSON is [lng, lat].
 */
import type { PartyOrgKind } from '../../contract/cobuild';
import type { DirectoryEntityInput } from '../../contract/functions/directory';

/** What every stored document carries. */
export interface BaseDoc {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

export interface LatLng {
  lat: number;
  lng: number;
}

/** GeoJSON Polygon: one closed exterior ring, counter-clockwise, of [lng, lat] positions. */
export interface Polygon {
  type: 'Polygon';
  coordinates: Array<Array<[number, number]>>;
}

/** 社区 — level 1 of the 四级网格. */
export interface CommunityDoc extends BaseDoc {
  name: string;
  address: string;
  location: LatLng;
  secretaryOpenid: string;
  pairedUnitIds: string[];
  settings: { claimExpiryDays: number };
}

/** 居民小组 — the residents' self-governance groups (a partition separate from the grids). */
export interface ResidentGroupDoc extends BaseDoc {
  communityId: string;
  name: string;
  order: number;
}

/** 网格 — level 2: a comprehensive-governance grid (综治网格) of a community. */
export interface GridDoc extends BaseDoc {
  level: 'grid';
  name: string;
  order: number;
  communityId: string;
  /** The community. */
  parentId: string;
  boundary: Polygon;
  gridHeadOpenid: string;
  /** Grid workers other than the head (the head also holds a gridWorker grant for the grid). */
  gridWorkerOpenids: string[];
}

/** 1+1带N: one party member and one grid worker linked to N households of a micro-grid. */
export interface HouseholdPair {
  memberName: string;
  /** The member's account when they are a registered in-service member, else null. */
  memberOpenid: string | null;
  gridWorkerName: string;
  gridWorkerOpenid: string;
  /** N: how many of the building's households they keep in touch with (1 … `householdCount`). */
  households: number;
  /** Moves with every edit (directory.savePair checks the one the editor read); absent: never edited there. */
  version?: number;
  /** Who made the last edit, and when: the pair says so even if its audit entry was lost to a crash. */
  editedBy?: { openid: string; name: string; at: Date };
}

/** 微网格 — level 3: a compound or building (小区/楼栋); level 4 is its households. */
export interface MicroGridDoc extends BaseDoc {
  level: 'microGrid';
  name: string;
  compound: string;
  order: number;
  communityId: string;
  /** The grid. */
  parentId: string;
  boundary: Polygon;
  householdCount: number;
  pair: HouseholdPair;
  /** The managing property company; null for compounds without one (老旧小区, 自管). */
  propertyCompanyId: string | null;
}

export type GridsCollectionDoc = GridDoc | MicroGridDoc;

/** 民情联系卡: a grid head's or grid worker's public card, shown to the grid's residents. */
export interface ContactCardDoc extends BaseDoc {
  gridId: string;
  communityId: string;
  /** The account of the person on the card. */
  openid: string;
  name: string;
  photo: string | null;
  phone: string;
  duties: string;
  title: '网格长' | '网格员';
  order: number;
  published: { name: boolean; phone: boolean; photo: boolean };
}

/** 结对共建单位. */
export interface UnitDoc extends BaseDoc {
  name: string;
  kind: 'government' | 'institution' | 'enterprise';
  partyOrgName: string;
  pairedCommunityId: string;
  /**
   * 在职党员数: the unit's in-service party members, typed in by the county admin (directory.save):
   * the denominator of its 双报到率. Null — or absent, on units recorded before it was kept or
   * created without it — is unknown.
   */
  memberCount?: number | null;
}

/** 职能部门 answering whistles. */
export interface DepartmentDoc extends BaseDoc {
  name: string;
  shortName: string;
  liaisonName: string;
  liaisonPhone: string;
}

/** What a station offers: the values the directory's edit schema accepts (contract/functions/directory.ts). */
type StationInput = Extract<DirectoryEntityInput, { kind: 'station' }>['data'];
export type StationService = StationInput['services'][number];
export type StationAmenity = StationInput['amenities'][number];

/** 红色驿站. */
export interface StationDoc extends BaseDoc {
  name: string;
  communityId: string;
  address: string;
  location: LatLng;
  /** 'HH:mm-HH:mm', local time. */
  openingHours: string;
  services: StationService[];
  amenities: StationAmenity[];
  /** The station's contact number; null (or absent on older entries) when it has none. */
  phone?: string | null;
}

/**
 * 物业服务企业; with a party organisation it is a 红色物业. The estates it serves are the
 * micro-grids naming it (`MicroGridDoc.propertyCompanyId`); its liaison holds the grant
 * `{ role: 'propertyLiaison', companyId }` while named here (server/directory/liaison.ts).
 */
export interface PropertyCompanyDoc extends BaseDoc {
  name: string;
  /** Always `partyOrgKind !== 'none'` once the kind is recorded (directory.save writes both). */
  hasPartyOrg: boolean;
  /** 单独组建 / 联合组建 / 未组建; absent on companies recorded before it was kept (read: `partyOrgKindOf`). */
  partyOrgKind?: PartyOrgKind;
  partyOrgName: string | null;
  /** 党建指导员 sent to the company; absent or null: none recorded. */
  instructor?: { name: string; phone: string } | null;
  liaisonName: string;
  liaisonPhone: string;
  /** The liaison's account, set by the county admin: told of property complaints (null: none yet). */
  liaisonOpenid: string | null;
  communityIds: string[];
}
