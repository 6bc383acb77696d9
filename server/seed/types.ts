/**
 * Document shapes of the directory collections (PRODUCT.md "The county's structure"), as the
 * seed writes them. Coordinates are GCJ-02 (the WeChat map's system); GeoJSON is [lng, lat].
 */
import type { ResidentAddress } from '../../contract/functions/account';
import type { MemberReportDoc } from '../accounts/model';
import type { CounterDoc } from '../complaints/metrics';
import type { CaseDoc, DeptTaskDoc } from '../complaints/model';
import type { MemberYearDoc, RecordDoc, ReportedDoc, TallyDoc } from '../sixOnes/credit';
import type { ActivityDoc, SignupDoc } from '../sixOnes/model';
import type { WishDoc } from '../wishes/model';
import type { UserDoc } from '../platform/identity';
import type { STATION_AMENITIES, STATION_SERVICES } from './names';

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
  households: number;
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
}

/** 职能部门 answering whistles. */
export interface DepartmentDoc extends BaseDoc {
  name: string;
  shortName: string;
  liaisonName: string;
  liaisonPhone: string;
}

export type StationService = (typeof STATION_SERVICES)[number];
export type StationAmenity = (typeof STATION_AMENITIES)[number];

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
}

/** 物业服务企业; with a party organisation it is a 红色物业. */
export interface PropertyCompanyDoc extends BaseDoc {
  name: string;
  hasPartyOrg: boolean;
  partyOrgName: string | null;
  liaisonName: string;
  liaisonPhone: string;
  /** The liaison's account, set by the county admin: told of property complaints (null: none yet). */
  liaisonOpenid: string | null;
  communityIds: string[];
}

/** The platform's user document (residents carry their address, members their report). */
export type SeedUserDoc = UserDoc;
export type { ResidentAddress };

/** The seed, collection by collection. */
export interface CountySeed {
  communities: CommunityDoc[];
  residentGroups: ResidentGroupDoc[];
  grids: GridsCollectionDoc[];
  contactCards: ContactCardDoc[];
  units: UnitDoc[];
  departments: DepartmentDoc[];
  stations: StationDoc[];
  propertyCompanies: PropertyCompanyDoc[];
  users: SeedUserDoc[];
  memberReports: MemberReportDoc[];
  wishes: WishDoc[];
  /** 六个一 activities and members' sign-ups with their check-ins and check-outs. */
  activities: ActivityDoc[];
  signups: SignupDoc[];
  /** Completed wishes' records, then attendance and filed records (server/seed/sixOnes.ts). */
  records: RecordDoc[];
  sixOnes: MemberYearDoc[];
  tallies: Array<TallyDoc | ReportedDoc>;
  /** 民情诉求 (server/seed/cases.ts): cases, whistled departments' tasks, metric counters per scope and month. */
  cases: CaseDoc[];
  deptTasks: DeptTaskDoc[];
  caseMetrics: CounterDoc[];
}

/** The generic form the seeding script inserts: collection name → documents. */
export type SeedData = Record<string, Array<Record<string, unknown> & { _id: string }>>;

export interface SeedOptions {
  /**
   * `demo`: the directory, demo users, a few dozen wishes, the 六个一 demo story, 40 cases; `county`:
   * benchmark volume (2,000 more residents, 20,000 wishes, 5,000 verified members, 60,000 六个一
   * records, 100,000 cases over three years); `county10`: ten times the 六个一 data (50,000
   * verified members, 600,000 records), the same 100,000 cases.
   */
  scale?: SeedScale;
  /** Cases in all, instead of the scale's (the bench's 1× of the complaint metrics: 10,000). */
  cases?: number;
  /** Wishes, activities, records and cases are dated from this instant; default the fixed seed date. */
  anchor?: Date;
}

export type SeedScale = 'demo' | 'county' | 'county10';
