/**
 * The seed county: a deterministic directory modelled on 兴国县 — 14 communities, 93 resident
 * groups, 79 grids refined into micro-grids (四级网格), 40 paired units, 12 departments, 10 Red
 * Stations, 21 property companies, and the people who hold accounts, including the demo
 * identities of the 选择演示身份 screen.
 *
 * Pure: the same call returns the same documents. Randomness comes from mulberry32 streams seeded
 * by a fixed number and a label, so changing one part of the county does not reshuffle the rest.
 */
import { recompute, reportedCounts, type ReportedDoc } from '../sixOnes/credit';
import * as N from './names';
import type { MemberReportDoc } from '../accounts/model';
import { buildAudits } from './audits';
import { buildCases } from './cases';
import { buildCobuildLists, type CobuildListsSeed } from './cobuild-lists';
import { Rng } from './rng';
import { buildCobuildMeetings, type CobuildMeetingsSeed } from './cobuild-meetings';
import { countCobuildYear, type CobuildTallyDoc } from '../cobuild/tally';
import type { ActivityDoc } from '../sixOnes/model';
import { buildSixOnes, localYearOf, yearStart } from './sixOnes';
import { buildWishes } from './wishes';
import type {
  CommunityDoc,
  ContactCardDoc,
  DepartmentDoc,
  GridDoc,
  GridsCollectionDoc,
  LatLng,
  MicroGridDoc,
  Polygon,
  PropertyCompanyDoc,
  ResidentGroupDoc,
  StationDoc,
  UnitDoc,
} from '../directory/model';
import type { CountySeed, ResidentAddress, SeedData, SeedOptions, SeedUserDoc } from './types';
import type { RoleGrant } from '../../contract/roles';
import { propertyStory, seedPropertyDirectory, seedPropertyRatings } from './cobuild-property';

export type { CountySeed, SeedData, SeedOptions, SeedScale } from './types';
export { Rng } from './rng';

/** Every seeded document is dated at this instant (a Monday in January 2026). */
export const SEED_BASE_DATE = new Date('2026-01-05T00:00:00Z');
export const SEED_PRIVACY_VERSION = '2026-11';

export { DEMO_OPENIDS, type DemoOpenid } from './names';

/** The county town spans this rectangle (GCJ-02); communities tile it in 2 rows of 7. */
const TOWN = { west: 115.34, east: 115.37, south: 26.33, north: 26.35 };
const TOWN_ROWS = 2;
const TOWN_COLS = 7;
const STAFF_ROLES: ReadonlyArray<RoleGrant['role']> = [
  'gridWorker',
  'secretary',
  'department',
  'unitAdmin',
  'countyAdmin',
  'propertyLiaison',
];

// ---------------------------------------------------------------- small helpers

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const pad2 = (n: number): string => String(n).padStart(2, '0');
const communityIdOf = (index: number): string => `c${pad2(index + 1)}`;

function meta(): { createdAt: Date; updatedAt: Date; createdBy: string } {
  const t = SEED_BASE_DATE.getTime();
  return { createdAt: new Date(t), updatedAt: new Date(t), createdBy: 'seed' };
}

interface Rect {
  west: number;
  east: number;
  south: number;
  north: number;
}

/** n+1 edges from a to b; neighbours share the very same rounded edge, so tiles never overlap. */
function edges(a: number, b: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => round6(a + ((b - a) * i) / n));
}

/** Tiles a rectangle into n rectangles: two rows, the lower one taking the odd tile. */
function tile(r: Rect, n: number): Rect[] {
  const perRow = n === 1 ? [1] : [Math.ceil(n / 2), Math.floor(n / 2)];
  const lats = edges(r.south, r.north, perRow.length);
  return perRow.flatMap((count, row) => {
    const lngs = edges(r.west, r.east, count);
    return Array.from({ length: count }, (_, i) => ({
      west: lngs[i],
      east: lngs[i + 1],
      south: lats[row],
      north: lats[row + 1],
    }));
  });
}

/** Splits a rectangle into k strips across its longer side, each shrunk by `margin` per side. */
function strips(r: Rect, k: number, margin: number): Rect[] {
  const tall = r.north - r.south > r.east - r.west;
  const cuts = tall ? edges(r.south, r.north, k) : edges(r.west, r.east, k);
  return Array.from({ length: k }, (_, i) => {
    const s = tall ? { ...r, south: cuts[i], north: cuts[i + 1] } : { ...r, west: cuts[i], east: cuts[i + 1] };
    const dx = (s.east - s.west) * margin;
    const dy = (s.north - s.south) * margin;
    return {
      west: round6(s.west + dx),
      east: round6(s.east - dx),
      south: round6(s.south + dy),
      north: round6(s.north - dy),
    };
  });
}

/** A closed, counter-clockwise GeoJSON ring of [lng, lat] positions. */
function polygon(r: Rect): Polygon {
  const { west: w, east: e, south: s, north: n } = r;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

function center(r: Rect): LatLng {
  return { lat: round6((r.south + r.north) / 2), lng: round6((r.west + r.east) / 2) };
}

/** Unique plausible names and phone numbers for everyone the seed mentions. */
class People {
  private readonly rng = new Rng('people');
  private readonly names = new Set<string>();
  private readonly phones = new Set<string>();
  private readonly reserved: Set<string>;
  constructor(reserved: readonly string[]) {
    this.reserved = new Set(reserved);
    reserved.forEach((n) => this.names.add(n));
  }
  /**
   * A name not given yet while there are some left (the demo county has few people); past that,
   * names repeat, as they do in a real county — never a demo identity's name.
   */
  name(): string {
    for (let tries = 0; ; tries++) {
      const name = this.anyName();
      if (this.reserved.has(name) || (tries < 50 && this.names.has(name))) continue;
      this.names.add(name);
      return name;
    }
  }
  /** A name that may repeat one already given (people with no account). */
  anyName(): string {
    return this.rng.pick(N.SURNAMES) + this.rng.pick(N.GIVEN_NAMES);
  }
  phone(): string {
    for (;;) {
      const phone = this.rng.pick(N.PHONE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0');
      if (this.phones.has(phone)) continue;
      this.phones.add(phone);
      return phone;
    }
  }
  nickname(): string {
    return this.rng.pick(N.NICKNAMES);
  }
}

// ---------------------------------------------------------------- the county

interface Town {
  people: People;
  users: SeedUserDoc[];
  communityRects: Rect[];
}

function addUser(
  town: Town,
  openid: string,
  name: string,
  roles: RoleGrant[],
  extra: Partial<SeedUserDoc> = {},
): SeedUserDoc {
  const { people } = town;
  const doc: SeedUserDoc = {
    _id: openid,
    openid,
    name,
    nickname: people.nickname(),
    phone: people.phone(),
    roles,
    privacyAcceptedVersion: SEED_PRIVACY_VERSION,
    ...extra,
    ...meta(),
  };
  town.users.push(doc);
  return doc;
}

function secretaryOpenidOf(communityId: string): string {
  if (communityId === 'c01') return 'demo-secretary';
  if (communityId === 'c02') return 'demo-multi';
  return `seed-secretary-${communityId}`;
}

function buildUnits(communityIds: string[]): UnitDoc[] {
  const slots = communityIds.flatMap((id, i) => Array<string>(N.UNITS_PER_COMMUNITY[i]).fill(id));
  const partyOrg = { government: '机关支部委员会', institution: '总支部委员会', enterprise: '委员会' };
  return new Rng('units').shuffle(N.UNITS).map((u, i) => ({
    _id: `u${pad2(i + 1)}`,
    name: u.name,
    kind: u.kind,
    partyOrgName: `中共${u.name}${partyOrg[u.kind]}`,
    pairedCommunityId: slots[i],
    ...meta(),
  }));
}

function buildCommunities(town: Town, units: UnitDoc[]): CommunityDoc[] {
  const rng = new Rng('communities');
  return N.COMMUNITIES.map((c, i) => {
    const id = communityIdOf(i);
    return {
      _id: id,
      name: c.name,
      address: `兴国县潋江镇${c.road}${rng.int(1, 199)}号`,
      location: center(town.communityRects[i]),
      secretaryOpenid: secretaryOpenidOf(id),
      pairedUnitIds: units.filter((u) => u.pairedCommunityId === id).map((u) => u._id),
      settings: { claimExpiryDays: 14 },
      ...meta(),
    };
  });
}

function buildResidentGroups(communityIds: string[]): ResidentGroupDoc[] {
  return communityIds.flatMap((communityId, ci) =>
    Array.from({ length: N.RESIDENT_GROUPS_PER_COMMUNITY[ci] }, (_, k) => ({
      _id: `${communityId}-r${pad2(k + 1)}`,
      communityId,
      name: `第${N.CHINESE_NUMERALS[k]}居民小组`,
      order: k + 1,
      ...meta(),
    })),
  );
}

function buildDepartments(town: Town): DepartmentDoc[] {
  return N.DEPARTMENTS.map((d, i) => ({
    _id: `d${pad2(i + 1)}`,
    name: d.name,
    shortName: d.shortName,
    liaisonName: town.people.name(),
    liaisonPhone: town.people.phone(),
    ...meta(),
  }));
}

/** Each company serves its home community and sometimes the next; about 2/3 are 红色物业. */
function buildPropertyCompanies(town: Town, communityIds: string[]): PropertyCompanyDoc[] {
  const rng = new Rng('propertyCompanies');
  return N.PROPERTY_PREFIXES.map((prefix, i) => {
    const home = i % communityIds.length;
    const served = [communityIds[home]];
    if (rng.chance(0.4)) served.push(communityIds[(home + 1) % communityIds.length]);
    const name = `兴国县${prefix}物业服务有限公司`;
    const hasPartyOrg = i % 3 !== 2;
    return {
      _id: `p${pad2(i + 1)}`,
      name,
      hasPartyOrg,
      partyOrgName: hasPartyOrg ? `中共${name}支部委员会` : null,
      liaisonName: town.people.name(),
      liaisonPhone: town.people.phone(),
      // A 红色物业's liaison has an account (addLiaisons); the others have none yet.
      liaisonOpenid: hasPartyOrg ? `seed-liaison-p${pad2(i + 1)}` : null,
      communityIds: served.sort(),
      ...meta(),
    };
  });
}

/** The accounts of the property liaisons the directory names (residents with no address). */
function addLiaisons(town: Town, companies: PropertyCompanyDoc[]): void {
  for (const c of companies) {
    if (!c.liaisonOpenid) continue;
    town.users.push({
      _id: c.liaisonOpenid,
      openid: c.liaisonOpenid,
      name: c.liaisonName,
      nickname: c.liaisonName,
      phone: c.liaisonPhone,
      // The grant follows the directory (server/directory/liaison.ts).
      roles: [{ role: 'resident' }, { role: 'propertyLiaison', companyId: c._id }],
      privacyAcceptedVersion: SEED_PRIVACY_VERSION,
      ...meta(),
    });
  }
}

/** 在职党员: the two demo members and 30 more, about 2/3 verified, all reported to their unit's community. */
function addMembers(town: Town, units: UnitDoc[], demoUnit: UnitDoc): void {
  const grant = (unit: UnitDoc, verified: boolean): RoleGrant => ({
    role: 'member',
    communityId: unit.pairedCommunityId,
    unitId: unit._id,
    verified,
  });
  addUser(town, 'demo-member', N.DEMO_NAMES['demo-member'], [grant(demoUnit, true)]);
  addUser(town, 'demo-member-pending', N.DEMO_NAMES['demo-member-pending'], [grant(demoUnit, false)]);
  const rng = new Rng('members');
  for (let i = 1; i <= 30; i++) {
    // The first three belong to the demo unit, so its admin sees a roster.
    const unit = i <= 3 ? demoUnit : rng.pick(units);
    addUser(town, `seed-member-${pad2(i)}`, town.people.name(), [grant(unit, i % 3 !== 0)]);
  }
}

/** Verified members reported to each community: the 1+1带N party members, in a fixed order. */
function memberPools(users: SeedUserDoc[]): Map<string, SeedUserDoc[]> {
  const pools = new Map<string, SeedUserDoc[]>();
  for (const u of users) {
    for (const g of u.roles) {
      if (g.role !== 'member' || !g.verified || !g.communityId) continue;
      pools.set(g.communityId, [...(pools.get(g.communityId) ?? []), u]);
    }
  }
  return pools;
}

function compoundNames(): () => string {
  const all = N.COMPOUND_PREFIXES.flatMap((p) => N.COMPOUND_SUFFIXES.map((s) => p + s));
  const order = new Rng('compounds').shuffle(all);
  let next = 0;
  return () => {
    const name = order[next % order.length];
    const round = Math.floor(next++ / order.length);
    return round === 0 ? name : `${name}${N.CHINESE_NUMERALS[round]}期`;
  };
}

interface GridOutput {
  grids: GridsCollectionDoc[];
  contactCards: ContactCardDoc[];
}

/** Levels 2–4 of the 四级网格, with each grid's staff, their accounts and contact cards. */
function buildGrids(town: Town, communities: CommunityDoc[], companies: PropertyCompanyDoc[]): GridOutput {
  const rng = new Rng('grids');
  const nextCompound = compoundNames();
  const pools = memberPools(town.users);
  const out: GridOutput = { grids: [], contactCards: [] };

  communities.forEach((community, ci) => {
    const communityId = community._id;
    const managers = companies.filter((p) => p.communityIds.includes(communityId));
    const pool = pools.get(communityId) ?? [];
    let managed = 0;
    let paired = 0;

    tile(town.communityRects[ci], N.GRIDS_PER_COMMUNITY[ci]).forEach((rect, gi) => {
      const gridId = `${communityId}-g${pad2(gi + 1)}`;
      const gridName = `${community.name}第${gi + 1}网格`;
      const staffCount = 1 + rng.int(1, 2); // the head and one or two workers
      const staff = Array.from({ length: staffCount }, (_, k) => {
        const openid = gridId === 'c01-g01' && k === 1 ? 'demo-grid-worker' : `seed-grid-${gridId}-${k + 1}`;
        const name = openid === 'demo-grid-worker' ? N.DEMO_NAMES['demo-grid-worker'] : town.people.name();
        return addUser(town, openid, name, [{ role: 'gridWorker', communityId, gridIds: [gridId] }]);
      });
      staff.forEach((person, k) => {
        out.contactCards.push({
          _id: `${gridId}-card${k + 1}`,
          gridId,
          communityId,
          openid: person.openid,
          name: person.name ?? '',
          photo: null,
          phone: person.phone ?? '',
          duties: k === 0 ? rng.pick(N.GRID_HEAD_DUTIES) : N.GRID_WORKER_DUTIES[(k - 1) % N.GRID_WORKER_DUTIES.length],
          title: k === 0 ? '网格长' : '网格员',
          order: k + 1,
          published: { name: true, phone: true, photo: false },
          ...meta(),
        });
      });
      const grid: GridDoc = {
        _id: gridId,
        level: 'grid',
        name: gridName,
        order: gi + 1,
        communityId,
        parentId: communityId,
        boundary: polygon(rect),
        gridHeadOpenid: staff[0].openid,
        gridWorkerOpenids: staff.slice(1).map((s) => s.openid),
        ...meta(),
      };
      out.grids.push(grid);

      const mainCompound = nextCompound();
      const k = rng.int(2, 4);
      strips(rect, k, 0.12).forEach((mrect, mi) => {
        // The last micro-grid is sometimes a small compound of its own rather than a building.
        const wholeCompound = mi === k - 1 && rng.chance(0.5);
        const compound = wholeCompound ? nextCompound() : mainCompound;
        const householdCount = wholeCompound ? rng.int(60, 240) : rng.int(24, 96);
        const worker = staff[1 + (mi % (staff.length - 1))];
        const member = pool.length > 0 ? pool[paired++ % pool.length] : null;
        const hasCompany = managers.length > 0 && rng.chance(0.75);
        const micro: MicroGridDoc = {
          _id: `${gridId}-m${mi + 1}`,
          level: 'microGrid',
          name: wholeCompound ? compound : `${compound}${mi + 1}栋`,
          compound,
          order: mi + 1,
          communityId,
          parentId: gridId,
          boundary: polygon(mrect),
          householdCount,
          pair: {
            memberName: member?.name ?? town.people.anyName(),
            memberOpenid: member?.openid ?? null,
            gridWorkerName: worker.name ?? '',
            gridWorkerOpenid: worker.openid,
            households: Math.min(householdCount, rng.int(10, 30)),
          },
          // Round-robin, so every company serving the community manages at least one micro-grid.
          propertyCompanyId: hasCompany ? managers[managed++ % managers.length]._id : null,
          ...meta(),
        };
        out.grids.push(micro);
      });
    });
  });
  return out;
}

function buildStations(town: Town, communities: CommunityDoc[]): StationDoc[] {
  const rng = new Rng('stations');
  // A stream of its own, so adding phones left every other seeded value as it was.
  const phones = new Rng('station-phones');
  return N.STATIONS.map((s, i) => {
    const r = town.communityRects[s.community];
    const at = (a: number, b: number): number => round6(a + (b - a) * (0.25 + 0.5 * rng.float()));
    return {
      _id: `s${pad2(i + 1)}`,
      name: s.name,
      communityId: communities[s.community]._id,
      address: `兴国县潋江镇${N.COMMUNITIES[s.community].road}${s.place}`,
      location: { lat: at(r.south, r.north), lng: at(r.west, r.east) },
      openingHours: rng.pick(N.OPENING_HOURS),
      services: rng.subset(N.STATION_SERVICES, 0.8, 2),
      amenities: rng.subset(N.STATION_AMENITIES, 0.6, 3),
      // Most stations list their duty phone; a few have none yet.
      phone:
        i % 4 === 3 ? null : `1${phones.pick(['39', '58', '87'])}${String(phones.int(0, 99_999_999)).padStart(8, '0')}`,
      ...meta(),
    };
  });
}

function addressIn(
  grids: GridsCollectionDoc[],
  microGridId: string,
  residentGroupId: string,
  room: string,
): ResidentAddress {
  const micro = grids.find((g): g is MicroGridDoc => g._id === microGridId && g.level === 'microGrid');
  if (!micro) throw new Error(`seed: no micro-grid ${microGridId}`);
  const building = micro.name.endsWith('栋') ? micro.name : `${micro.name}3栋`;
  return {
    communityId: micro.communityId,
    residentGroupId,
    gridId: micro.parentId,
    microGridId: micro._id,
    building: `${building}${room}`,
  };
}

/**
 * How much each scale holds beyond the fixed directory: residents, verified members in all (0:
 * only the directory's 21), wishes, 六个一 records in all (0: the demo story only), and 民情诉求
 * cases in all (the demo story's included) submitted over `caseDays` back from the anchor; the
 * 操作记录 of the staff steps of the last `auditDays` before the anchor (null: all of them — the
 * county's three years would be 300,000 entries, tripling the time to seed it, for a trail read
 * a page at a time by the same indexed queries).
 */
const SCALES = {
  demo: { residents: 20, verifiedMembers: 0, wishes: 30, records: 0, cases: 40, caseDays: 60, auditDays: null },
  county: {
    residents: 2_000,
    verifiedMembers: 5_000,
    wishes: 20_000,
    records: 60_000,
    cases: 100_000,
    caseDays: 1_095,
    auditDays: 30,
  },
  county10: {
    residents: 2_000,
    verifiedMembers: 50_000,
    wishes: 20_000,
    records: 600_000,
    cases: 100_000,
    caseDays: 1_095,
    auditDays: 30,
  },
} as const;

/** The typed county. */
export function buildCountySeed(options: SeedOptions = {}): CountySeed {
  const scale = SCALES[options.scale ?? 'demo'];
  const anchor = options.anchor ?? SEED_BASE_DATE;
  const lngs = edges(TOWN.west, TOWN.east, TOWN_COLS);
  const lats = edges(TOWN.south, TOWN.north, TOWN_ROWS);
  const town: Town = {
    people: new People(Object.values(N.DEMO_NAMES)),
    users: [],
    communityRects: N.COMMUNITIES.map((_, i) => {
      const row = Math.floor(i / TOWN_COLS);
      const col = i % TOWN_COLS;
      return { west: lngs[col], east: lngs[col + 1], south: lats[row], north: lats[row + 1] };
    }),
  };
  const communityIds = N.COMMUNITIES.map((_, i) => communityIdOf(i));

  const units = buildUnits(communityIds);
  const communities = buildCommunities(town, units);
  const residentGroups = buildResidentGroups(communityIds);
  const departments = buildDepartments(town);
  const propertyCompanies = buildPropertyCompanies(town, communityIds);

  // Accounts: members first (the 1+1带N pairs name them), then grid staff inside buildGrids.
  const demoUnit = units.find((u) => u.pairedCommunityId === 'c01');
  if (!demoUnit) throw new Error('seed: c01 has no paired unit');
  addMembers(town, units, demoUnit);
  const { grids, contactCards } = buildGrids(town, communities, propertyCompanies);
  // 红色物业: party organisations, instructors, the demo liaison (before the liaisons' accounts).
  const demoCompanyId = seedPropertyDirectory(propertyCompanies, grids);
  const stations = buildStations(town, communities);

  const [c01, c02] = communities;
  const demoGrid = grids[0];
  addUser(town, 'demo-resident', N.DEMO_NAMES['demo-resident'], [{ role: 'resident' }], {
    address: addressIn(grids, 'c01-g01-m1', 'c01-r01', '2单元301室'),
  });
  addUser(town, 'demo-resident-2', N.DEMO_NAMES['demo-resident-2'], [{ role: 'resident' }], {
    address: addressIn(grids, 'c01-g01-m2', 'c01-r02', '1单元502室'),
  });
  addUser(town, 'demo-secretary', N.DEMO_NAMES['demo-secretary'], [{ role: 'secretary', communityId: 'c01' }]);
  addUser(
    town,
    'demo-multi',
    N.DEMO_NAMES['demo-multi'],
    [{ role: 'resident' }, { role: 'secretary', communityId: 'c02' }],
    {
      address: addressIn(grids, 'c02-g01-m1', 'c02-r01', '3单元201室'),
    },
  );
  addUser(town, 'demo-department', N.DEMO_NAMES['demo-department'], [{ role: 'department', departmentId: 'd01' }]);
  addUser(town, 'demo-unit-admin', N.DEMO_NAMES['demo-unit-admin'], [{ role: 'unitAdmin', unitId: demoUnit._id }]);
  addUser(town, 'demo-county-admin', N.DEMO_NAMES['demo-county-admin'], [{ role: 'countyAdmin' }]);
  for (const c of communities.slice(2)) {
    addUser(town, c.secretaryOpenid, town.people.name(), [{ role: 'secretary', communityId: c._id }]);
  }
  for (const d of departments.slice(1)) {
    addUser(town, `seed-department-${d._id}`, town.people.name(), [{ role: 'department', departmentId: d._id }]);
  }

  addLiaisons(town, propertyCompanies);

  const labels: Record<N.DemoOpenid, string> = {
    'demo-resident': `居民 · ${N.DEMO_NAMES['demo-resident']}（${c01.name}）`,
    'demo-resident-2': `居民 · ${N.DEMO_NAMES['demo-resident-2']}（${c01.name}）`,
    'demo-member': `在职党员（已报到）· ${demoUnit.name}`,
    'demo-member-pending': `在职党员（待审核）· ${demoUnit.name}`,
    'demo-grid-worker': `网格员 · ${demoGrid.name}`,
    'demo-secretary': `社区书记 · ${c01.name}`,
    'demo-department': `部门人员 · ${departments[0].name}`,
    'demo-unit-admin': `单位管理员 · ${demoUnit.name}`,
    'demo-county-admin': '党工委 · 城市社区党工委',
    'demo-multi': `社区书记 + 居民 · ${c02.name}`,
    'demo-property': `物业联络员 · ${propertyCompanies.find((p) => p._id === demoCompanyId)?.name ?? ''}`,
  };
  N.DEMO_OPENIDS.forEach((openid, i) => {
    const user = town.users.find((u) => u._id === openid);
    if (!user) throw new Error(`seed: demo user ${openid} missing`);
    user.demo = { label: labels[openid], order: i + 1 };
  });
  // Demo identities first, in their order; then everyone else as created (a stable sort).
  const users = [...town.users].sort((a, b) => (a.demo?.order ?? 1e9) - (b.demo?.order ?? 1e9));

  addResidents(town, grids, residentGroups, scale.residents);
  const verified = town.users.filter((u) => u.roles.some((g) => g.role === 'member' && g.verified)).length;
  addExtraMembers(town, units, Math.max(0, scale.verifiedMembers - verified));
  const memberReports = buildMemberReports(town.users, units, communities, anchor);
  const wishSeed = buildWishes(new Rng('wishes'), town.users, communities, scale.wishes, anchor);
  const {
    activities,
    signups,
    records: sixOnesRecords,
  } = buildSixOnes({
    users: town.users,
    communities,
    units,
    anchor,
    records: scale.records > 0 ? scale.records - wishSeed.records.length : 0,
  });
  const { wishes } = wishSeed;
  const records = [...wishSeed.records, ...sixOnesRecords];
  // The counters exactly as the live approvals would have left them (the reconciliation job's rules).
  const counted = recompute(
    records.filter((r) => r.status === 'approved'),
    anchor,
  );
  const reported = reportedCounts(
    memberReports.filter((r) => r.status === 'verified'),
    anchor,
  );
  countUnitMembers(units, reported);
  const sixOnes = counted.years;
  const tallies = [...counted.tallies, ...reported];
  const complaints = buildCases(new Rng('cases'), {
    users: town.users,
    grids,
    communities,
    departments,
    propertyCompanies,
    count: options.cases ?? scale.cases,
    spanDays: scale.caseDays,
    anchor,
    extraStory: propertyStory(demoCompanyId, grids),
  });

  // 角色授权 reads the staff by this mark (account.grantRole writes it with the roles).
  for (const u of town.users) if (u.roles.some((g) => STAFF_ROLES.includes(g.role))) u.staff = 1;
  // 结对共建 三清单一协议 (server/seed/cobuild-lists.ts): three years at county scale.
  const cobuildLists = buildCobuildLists({
    communities,
    units,
    users: town.users,
    anchor,
    years: options.scale === 'county' || options.scale === 'county10' ? 3 : 1,
    demoUnitId: demoUnit._id,
    addAccount: (openid) => addUser(town, openid, town.people.name(), [{ role: 'resident' }]),
  });

  // 轮值主席 and 联席会议 (server/seed/cobuild-meetings.ts): the chair units' activities join the 六个一 ones.
  const cobuildMeetings = buildCobuildMeetings({
    communities,
    units,
    anchor,
    years: options.scale === 'county' || options.scale === 'county10' ? 3 : 1,
    demoUnitId: demoUnit._id,
    unitAdmins: new Map(
      town.users.flatMap((u) => u.roles.flatMap((g) => (g.role === 'unitAdmin' ? [[g.unitId, u._id] as const] : []))),
    ),
    nameOf: (openid) => town.users.find((u) => u._id === openid)?.name ?? '',
  });
  const allActivities = [...activities, ...cobuildMeetings.activities];
  const audits = buildAudits(
    { users: town.users, wishes, cases: complaints.cases, records, activities: allActivities, memberReports },
    scale.auditDays === null ? null : new Date(anchor.getTime() - scale.auditDays * 86_400_000),
  );

  return {
    communities,
    residentGroups,
    grids,
    contactCards,
    units,
    departments,
    stations,
    propertyCompanies,
    users: [...users, ...town.users.slice(users.length)],
    memberReports,
    wishes,
    activities: allActivities,
    signups,
    records,
    sixOnes,
    tallies,
    cases: complaints.cases,
    deptTasks: complaints.tasks,
    caseMetrics: complaints.counters,
    audits,
    rotas: cobuildMeetings.rotas,
    meetings: cobuildMeetings.meetings,
    meetingDecisions: cobuildMeetings.meetingDecisions,
    cobuildNeeds: cobuildLists.cobuildNeeds,
    cobuildResources: cobuildLists.cobuildResources,
    cobuildProjects: cobuildLists.cobuildProjects,
    cobuildProjectUpdates: cobuildLists.cobuildProjectUpdates,
    cobuildRatings: cobuildLists.cobuildRatings,
    cobuildAgreements: cobuildLists.cobuildAgreements,
    // One per community-year, counted from the documents above by the rule reconcileCobuild uses.
    cobuildTallies: cobuildTalliesOf(cobuildLists, cobuildMeetings, activities, anchor),
    propertyRatings: seedPropertyRatings(town.users, grids, propertyCompanies, anchor),
  };
}

/** Residents with a registered address (they submit the seeded wishes). */
function addResidents(town: Town, grids: GridsCollectionDoc[], groups: ResidentGroupDoc[], n: number): void {
  const rng = new Rng('residents');
  const micro = grids.filter((g): g is MicroGridDoc => g.level === 'microGrid');
  for (let i = 1; i <= n; i++) {
    const m = rng.pick(micro);
    const group = rng.pick(groups.filter((g) => g.communityId === m.communityId));
    const room = `${rng.int(1, 4)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室`;
    addUser(town, `seed-resident-${String(i).padStart(4, '0')}`, town.people.name(), [{ role: 'resident' }], {
      address: addressIn(grids, m._id, group._id, room),
    });
  }
}

/** More verified members for the county scale (spread over the units). */
function addExtraMembers(town: Town, units: UnitDoc[], n: number): void {
  const rng = new Rng('extra-members');
  for (let i = 1; i <= n; i++) {
    const unit = rng.pick(units);
    addUser(town, `seed-member-x${String(i).padStart(4, '0')}`, town.people.name(), [
      { role: 'member', communityId: unit.pairedCommunityId, unitId: unit._id, verified: true },
    ]);
  }
}

/**
 * 在职党员数 of every unit, as the county admin would have typed it: the unit's members verified
 * here (its `reported-unit-<id>` count) and 5–40 % more who have not reported (rounded up), so its
 * 双报到率 stays under 100 %; a unit none of whose members reported, 5–30 members.
 */
function countUnitMembers(units: UnitDoc[], reported: ReportedDoc[]): void {
  const rng = new Rng('unit-members');
  const counts = new Map(reported.filter((t) => t.scope === 'unit').map((t) => [t.scopeId, t.reported]));
  for (const unit of units) {
    // Both drawn for every unit, so one unit's count does not move another's.
    const percentMore = rng.int(5, 40);
    const noneReported = rng.int(5, 30);
    const n = counts.get(unit._id) ?? 0;
    unit.memberCount = n > 0 ? n + Math.ceil((n * percentMore) / 100) : noneReported;
  }
}

const BRANCH_ORDINALS = ['第一', '第二', '第三'];

/**
 * 双报到 records behind the member grants: a verified report (checked by the community's
 * secretary) or a pending one (also noted on the user, as account.registerMember does).
 * Verified reports date from before last year (the members attended last year's activities);
 * pending ones from just after the seed date.
 */
function buildMemberReports(
  users: SeedUserDoc[],
  units: UnitDoc[],
  communities: CommunityDoc[],
  anchor: Date,
): MemberReportDoc[] {
  const rng = new Rng('reports');
  const reports: MemberReportDoc[] = [];
  // Local midnight (UTC+8) of 1 January of the year before the anchor's.
  const lastYear = yearStart(localYearOf(anchor.getTime()) - 1);
  const unitsById = new Map(units.map((u) => [u._id, u]));
  const communitiesById = new Map(communities.map((c) => [c._id, c]));
  for (const user of users) {
    const grant = user.roles.find((g) => g.role === 'member');
    if (!grant || grant.role !== 'member' || !grant.communityId || !grant.unitId) continue;
    const unit = unitsById.get(grant.unitId)!;
    const community = communitiesById.get(grant.communityId)!;
    const partyBranch = `${unit.name}${rng.pick(BRANCH_ORDINALS)}党支部`;
    const joinedAt = `${rng.int(1985, 2020)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
    const days = rng.int(1, 60);
    const createdAt = new Date(
      grant.verified ? lastYear - (days + 30) * 86_400_000 : SEED_BASE_DATE.getTime() + days * 86_400_000,
    );
    const report: MemberReportDoc = {
      _id: `report-${user.openid}`,
      openid: user.openid,
      name: user.name ?? user.nickname,
      phone: user.phone ?? '',
      unitId: unit._id,
      unitName: unit.name,
      partyBranch,
      joinedAt,
      communityId: community._id,
      communityName: community.name,
      status: grant.verified ? 'verified' : 'pending',
      reason: null,
      reviewedBy: grant.verified ? community.secretaryOpenid : null,
      reviewedAt: grant.verified ? new Date(createdAt.getTime() + 86_400_000) : null,
      createdAt,
      updatedAt: createdAt,
      createdBy: user.openid,
    };
    user.member = {
      unitId: unit._id,
      partyBranch,
      joinedAt,
      ...(grant.verified ? { verifiedReportId: report._id } : {}),
    };
    if (!grant.verified) {
      user.pendingReport = { id: report._id, communityId: community._id, communityName: community.name, createdAt };
    }
    reports.push(report);
  }
  return reports;
}

/** The county as collection name → documents, for the seeding script. */
export function buildCounty(options: SeedOptions = {}): SeedData {
  // Interfaces carry no index signature, so the typed seed widens to SeedData by a cast.
  return buildCountySeed(options) as unknown as SeedData;
}

/**
 * The co-building tallies of the seed: one per community-year, counted from its documents by the
 * rule `reconcileCobuild` applies (countCobuildYear), so a fresh seed has nothing to repair.
 */
function cobuildTalliesOf(
  lists: CobuildListsSeed,
  meetings: CobuildMeetingsSeed,
  activities: ActivityDoc[],
  at: Date,
): CobuildTallyDoc[] {
  const chairActivities = [...activities, ...meetings.activities].filter((a) => a.rotaId);
  const years = new Set<number>([
    ...lists.cobuildNeeds.map((n) => n.year),
    ...lists.cobuildResources.map((r) => r.year),
    ...lists.cobuildProjects.map((p) => p.year),
    ...lists.cobuildAgreements.map((a) => a.year),
    ...meetings.rotas.map((r) => r.year),
    ...meetings.meetings.map((m) => m.year),
  ]);
  return [...years].flatMap((year) => {
    const ofYear = <T extends { year: number }>(docs: T[]) => docs.filter((d) => d.year === year);
    const rotas = ofYear(meetings.rotas);
    const rotaIds = new Set(rotas.map((r) => r._id));
    return [
      ...countCobuildYear(
        year,
        {
          needs: ofYear(lists.cobuildNeeds),
          resources: ofYear(lists.cobuildResources),
          projects: ofYear(lists.cobuildProjects),
          agreements: ofYear(lists.cobuildAgreements),
          rotas,
          chairActivities: chairActivities.filter((a) => rotaIds.has(a.rotaId!)),
          meetings: ofYear(meetings.meetings),
        },
        at,
      ).values(),
    ];
  });
}
