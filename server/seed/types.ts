import type { DecisionDoc, MeetingDoc, RotaDoc } from '../cobuild/meetingModel';
import type { CobuildTallyDoc } from '../cobuild/tally';
/**
 * The seed's own shapes: the seed collection by collection, its options and scales. The directory
 * documents it writes are typed in server/directory/model.ts.
 */
import type { ResidentAddress } from '../../contract/functions/account';
import type { MemberReportDoc } from '../accounts/model';
import type { CounterDoc } from '../complaints/metrics';
import type { CaseDoc, DeptTaskDoc } from '../complaints/model';
import type { MemberYearDoc, RecordDoc, ReportedDoc, TallyDoc } from '../sixOnes/credit';
import type { ActivityDoc, SignupDoc } from '../sixOnes/model';
import type { WishDoc } from '../wishes/model';
import type {
  CommunityDoc,
  ContactCardDoc,
  DepartmentDoc,
  GridsCollectionDoc,
  PropertyCompanyDoc,
  ResidentGroupDoc,
  StationDoc,
  UnitDoc,
} from '../directory/model';
import type { AuditDoc } from '../platform/audit';
import type { CobuildListsSeed } from './cobuild-lists';
import type { PropertyRatingDoc } from '../cobuild/propertyRatings';
import type { UserDoc } from '../platform/identity';

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
  /** 操作记录 of every staff step above (server/seed/audits.ts). */
  audits: AuditDoc[];
  /** 轮值主席 and 联席会议 (server/seed/cobuild-meetings.ts). */
  rotas: RotaDoc[];
  meetings: MeetingDoc[];
  meetingDecisions: DecisionDoc[];
  /** 结对共建 三清单一协议 (server/seed/cobuild-lists.ts). */
  cobuildNeeds: CobuildListsSeed['cobuildNeeds'];
  cobuildResources: CobuildListsSeed['cobuildResources'];
  cobuildProjects: CobuildListsSeed['cobuildProjects'];
  cobuildProjectUpdates: CobuildListsSeed['cobuildProjectUpdates'];
  cobuildRatings: CobuildListsSeed['cobuildRatings'];
  cobuildAgreements: CobuildListsSeed['cobuildAgreements'];
  /** One per community-year, counted from the co-building documents (countCobuildYear). */
  cobuildTallies: CobuildTallyDoc[];
  /** 红色物业: residents' quarterly ratings of their estate's property service (server/seed/cobuild-property.ts). */
  propertyRatings: PropertyRatingDoc[];
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
