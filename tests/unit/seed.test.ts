import { createHash } from 'node:crypto';
import { CASE_STATUSES, DEADLINES } from '../../contract/caseLabels';
import { SIX_ONES_ITEMS, VOLUNTEER_DAY_MINUTES } from '../../contract/sixOnes';
import { countersFrom } from '../../server/complaints/metrics';
import { local, localYear } from '../../server/platform/time';
import { buildCounty, buildCountySeed, DEMO_OPENIDS, SEED_BASE_DATE } from '../../server/seed/county';
import { localYearOf } from '../../server/seed/sixOnes';
import { recompute, reportedCounts, type RecordDoc } from '../../server/sixOnes/credit';
import { attendanceRecordId } from '../../server/sixOnes/model';
import { phaseOf } from '../../server/sixOnes/rules';
import type { CountySeed, SeedData } from '../../server/seed/types';

type Doc = SeedData[string][number];
type Grant = { role: string } & Record<string, unknown>;

const seed = buildCounty();
/** The benchmark county, built once (a few seconds) for the tests that need it. */
let countyCache: CountySeed | undefined;
const COUNTY_ANCHOR = new Date('2026-11-20T00:00:00Z');
const county = (): CountySeed => (countyCache ??= buildCountySeed({ scale: 'county', anchor: COUNTY_ANCHOR }));
const docs = (collection: string): Doc[] => seed[collection] ?? [];
const byId = (collection: string): Map<string, Doc> => new Map(docs(collection).map((d) => [d._id, d]));
const gridsOfLevel = (level: 'grid' | 'microGrid'): Doc[] => docs('grids').filter((g) => g.level === level);
const rolesOf = (user: Doc): Grant[] => user.roles as Grant[];
const grantOf = (user: Doc, role: string): Grant | undefined => rolesOf(user).find((g) => g.role === role);

/** The town's rectangle (GCJ-02). */
const TOWN = { west: 115.34, east: 115.37, south: 26.33, north: 26.35 };

interface Box {
  west: number;
  east: number;
  south: number;
  north: number;
}

function ringOf(doc: Doc): Array<[number, number]> {
  const boundary = doc.boundary as { type: string; coordinates: Array<Array<[number, number]>> };
  expect(boundary.type).toBe('Polygon');
  return boundary.coordinates[0];
}

function boxOf(doc: Doc): Box {
  const ring = ringOf(doc);
  const lngs = ring.map(([lng]) => lng);
  const lats = ring.map(([, lat]) => lat);
  return { west: Math.min(...lngs), east: Math.max(...lngs), south: Math.min(...lats), north: Math.max(...lats) };
}

/** Strict: rectangles that only share an edge do not overlap. */
const overlaps = (a: Box, b: Box): boolean =>
  a.west < b.east && b.west < a.east && a.south < b.north && b.south < a.north;

const inside = (inner: Box, outer: Box): boolean =>
  inner.west >= outer.west && inner.east <= outer.east && inner.south >= outer.south && inner.north <= outer.north;

describe('the seed county (modelled on 兴国县, demo scale)', () => {
  it('holds the directory in the numbers of the practice', () => {
    expect(docs('communities')).toHaveLength(14);
    expect(docs('residentGroups')).toHaveLength(93);
    expect(gridsOfLevel('grid')).toHaveLength(79);
    expect(docs('units')).toHaveLength(40);
    expect(docs('departments')).toHaveLength(12);
    expect(docs('stations')).toHaveLength(10);
    expect(docs('propertyCompanies')).toHaveLength(21);
  });

  it('refines every community into grids, and every grid into 2–4 micro-grids with a 1+1带N pair', () => {
    for (const community of docs('communities')) {
      const grids = gridsOfLevel('grid').filter((g) => g.communityId === community._id);
      expect(grids.length).toBeGreaterThan(0);
      for (const grid of grids) {
        expect(grid.parentId).toBe(community._id);
        const micro = gridsOfLevel('microGrid').filter((m) => m.parentId === grid._id);
        expect(micro.length).toBeGreaterThanOrEqual(2);
        expect(micro.length).toBeLessThanOrEqual(4);
        for (const m of micro) {
          expect(m.communityId).toBe(community._id);
          const pair = m.pair as { memberName: string; gridWorkerName: string; households: number };
          expect(pair.memberName).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
          expect(pair.gridWorkerName).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
          expect(pair.households).toBeGreaterThan(0);
          expect(pair.households).toBeLessThanOrEqual(m.householdCount as number);
        }
      }
    }
    expect(gridsOfLevel('grid').length + gridsOfLevel('microGrid').length).toBe(docs('grids').length);
  });

  it('is deterministic: two builds are deep-equal, whatever the scale asked', () => {
    expect(buildCounty()).toEqual(seed);
    expect(buildCounty({ scale: 'demo' })).toEqual(seed);
    expect(Object.keys(county())).toEqual(Object.keys(seed));
  }, 120_000);

  it('gives every document a unique _id and the seed metadata', () => {
    for (const [collection, list] of Object.entries(seed)) {
      const ids = list.map((d) => d._id);
      expect({ collection, unique: new Set(ids).size }).toEqual({ collection, unique: ids.length });
      for (const d of list) {
        expect(d._id).toMatch(/^[a-z0-9-]+$/);
        // Reports, wishes, 六个一 and complaint data carry the dates of what they record (below).
        if (
          [
            'memberReports',
            'wishes',
            'activities',
            'signups',
            'records',
            'sixOnes',
            'tallies',
            'cases',
            'deptTasks',
            'caseMetrics',
            'audits',
            // cobuild: lists
            'cobuildNeeds',
            'cobuildResources',
            'cobuildProjects',
            'cobuildProjectUpdates',
            'cobuildRatings',
            'cobuildAgreements',
            'cobuildTallies',
            // cobuild: meetings
            'rotas',
            'meetings',
            'meetingDecisions',
            'propertyRatings',
          ].includes(collection)
        )
          continue;
        expect(d.createdAt).toEqual(new Date('2026-01-05T00:00:00Z'));
        expect(d.updatedAt).toEqual(new Date('2026-01-05T00:00:00Z'));
        expect(d.createdBy).toBe('seed');
      }
    }
  });

  it('backs every member grant with a 双报到 report: verified ones reviewed by the secretary, pending ones noted on the user', () => {
    const typed = buildCountySeed();
    const members = typed.users.filter((u) => u.roles.some((g) => g.role === 'member'));
    expect(typed.memberReports).toHaveLength(members.length);
    for (const user of members) {
      const grant = user.roles.find((g) => g.role === 'member')!;
      if (grant.role !== 'member') throw new Error('unreachable');
      const report = typed.memberReports.find((r) => r.openid === user.openid)!;
      expect(report).toMatchObject({ communityId: grant.communityId, unitId: grant.unitId, createdBy: user.openid });
      const community = typed.communities.find((c) => c._id === report.communityId)!;
      if (grant.verified) {
        // Verified before last year began (the seed date is in 2026): they attended last year's activities.
        expect(report.createdAt.getTime()).toBeLessThan(new Date('2025-01-01T00:00:00+08:00').getTime());
        expect(report.reviewedAt!.getTime()).toBeGreaterThan(report.createdAt.getTime());
        expect(report).toMatchObject({ status: 'verified', reviewedBy: community.secretaryOpenid });
        expect(user.member?.verifiedReportId).toBe(report._id);
        expect(user.pendingReport ?? null).toBeNull();
      } else {
        expect(report.createdAt.getTime()).toBeGreaterThan(new Date('2026-01-05T00:00:00Z').getTime());
        expect(report.status).toBe('pending');
        expect(user.pendingReport?.id).toBe(report._id);
      }
    }
  });

  it('never refers to a document that does not exist', () => {
    const targets: Record<string, string[]> = {
      communityId: ['communities'],
      pairedCommunityId: ['communities'],
      communityIds: ['communities'],
      parentId: ['communities', 'grids'],
      gridId: ['grids'],
      gridIds: ['grids'],
      microGridId: ['grids'],
      residentGroupId: ['residentGroups'],
      unitId: ['units'],
      pairedUnitIds: ['units'],
      departmentId: ['departments'],
      propertyCompanyId: ['propertyCompanies'],
      openid: ['users'],
      secretaryOpenid: ['users'],
      gridHeadOpenid: ['users'],
      gridWorkerOpenids: ['users'],
      gridWorkerOpenid: ['users'],
      memberOpenid: ['users'],
      reviewedBy: ['users'],
      activityId: ['activities'],
      pairingId: ['records'],
      wishId: ['wishes'],
    };
    const ids = new Map(Object.keys(seed).map((c) => [c, byId(c)]));
    const dangling: string[] = [];
    let checked = 0;
    const walk = (value: unknown, where: string): void => {
      if (value === null || typeof value !== 'object' || value instanceof Date) return;
      if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, `${where}[${i}]`));
        return;
      }
      for (const [key, v] of Object.entries(value)) {
        const collections = targets[key];
        if (collections && v !== null) {
          for (const ref of Array.isArray(v) ? v : [v]) {
            checked++;
            if (!collections.some((c) => ids.get(c)?.has(ref as string)))
              dangling.push(`${where}.${key} → ${String(ref)}`);
          }
        }
        walk(v, `${where}.${key}`);
      }
    };
    for (const [collection, list] of Object.entries(seed)) list.forEach((d) => walk(d, `${collection}/${d._id}`));
    expect(dangling).toEqual([]);
    expect(checked).toBeGreaterThan(1000);

    // The levels line up: grids hang from communities, micro-grids from grids.
    const grids = byId('grids');
    for (const m of gridsOfLevel('microGrid')) expect(grids.get(m.parentId as string)?.level).toBe('grid');
    for (const u of docs('users')) {
      const address = u.address as { gridId: string; microGridId: string; communityId: string } | undefined;
      if (!address) continue;
      expect(grids.get(address.microGridId)?.parentId).toBe(address.gridId);
      expect(grids.get(address.gridId)?.communityId).toBe(address.communityId);
    }
  });

  it('draws grids as closed rings that never overlap within a community, micro-grids inside their grid', () => {
    const grids = gridsOfLevel('grid');
    for (const g of docs('grids')) {
      const ring = ringOf(g);
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[ring.length - 1]).toEqual(ring[0]);
      expect(inside(boxOf(g), TOWN)).toBe(true);
    }
    for (const community of docs('communities')) {
      const own = grids.filter((g) => g.communityId === community._id);
      for (let i = 0; i < own.length; i++) {
        for (let j = i + 1; j < own.length; j++) {
          expect({ a: own[i]._id, b: own[j]._id, overlap: overlaps(boxOf(own[i]), boxOf(own[j])) }).toEqual({
            a: own[i]._id,
            b: own[j]._id,
            overlap: false,
          });
        }
      }
    }
    const byGrid = byId('grids');
    for (const m of gridsOfLevel('microGrid')) {
      expect(inside(boxOf(m), boxOf(byGrid.get(m.parentId as string) as Doc))).toBe(true);
    }
  });

  it('places communities and Red Stations inside the county town', () => {
    for (const d of [...docs('communities'), ...docs('stations')]) {
      const { lat, lng } = d.location as { lat: number; lng: number };
      expect(lat).toBeGreaterThanOrEqual(TOWN.south);
      expect(lat).toBeLessThanOrEqual(TOWN.north);
      expect(lng).toBeGreaterThanOrEqual(TOWN.west);
      expect(lng).toBeLessThanOrEqual(TOWN.east);
    }
    const services = ['政策宣传', '民情收集', '帮扶解难', '文明引导'];
    for (const s of docs('stations')) {
      expect(s.openingHours).toMatch(/^\d\d:\d\d-\d\d:\d\d$/);
      expect((s.services as string[]).every((x) => services.includes(x))).toBe(true);
    }
  });

  it('offers every demo identity with a label, its order and the role it demonstrates', () => {
    const users = byId('users');
    const communities = byId('communities');
    const units = byId('units');
    const firstGridOfC01 = gridsOfLevel('grid')
      .filter((g) => g.communityId === 'c01')
      .sort((a, b) => (a.order as number) - (b.order as number))[0];
    const firstMicroGrid = gridsOfLevel('microGrid').find((m) => m.parentId === firstGridOfC01._id) as Doc;

    DEMO_OPENIDS.forEach((openid, i) => {
      const user = users.get(openid);
      expect(user).toBeDefined();
      const demo = user?.demo as { label: string; order: number };
      expect(demo.label).toMatch(/[\u4e00-\u9fa5]/);
      expect(demo.order).toBe(i + 1);
    });
    const user = (openid: string): Doc => users.get(openid) as Doc;

    const resident = user('demo-resident');
    expect(resident.name).toBe('张秀兰');
    expect(grantOf(resident, 'resident')).toBeDefined();
    expect((resident.address as { microGridId: string }).microGridId).toBe(firstMicroGrid._id);
    expect(grantOf(user('demo-resident-2'), 'resident')).toBeDefined();
    expect(user('demo-resident-2').address).toBeDefined();

    const member = grantOf(user('demo-member'), 'member');
    expect(member).toMatchObject({ communityId: 'c01', verified: true });
    expect(units.get(member?.unitId as string)?.pairedCommunityId).toBe('c01');
    expect(grantOf(user('demo-member-pending'), 'member')).toMatchObject({ verified: false });

    expect(grantOf(user('demo-grid-worker'), 'gridWorker')).toMatchObject({
      communityId: 'c01',
      gridIds: [firstGridOfC01._id],
    });
    expect(firstGridOfC01.gridWorkerOpenids).toContain('demo-grid-worker');
    expect(docs('contactCards').filter((c) => c.openid === 'demo-grid-worker')).toEqual([
      expect.objectContaining({ gridId: firstGridOfC01._id, title: '网格员', phone: user('demo-grid-worker').phone }),
    ]);

    expect(grantOf(user('demo-secretary'), 'secretary')).toEqual({ role: 'secretary', communityId: 'c01' });
    expect(communities.get('c01')?.secretaryOpenid).toBe('demo-secretary');

    const department = grantOf(user('demo-department'), 'department');
    expect(byId('departments').get(department?.departmentId as string)?.shortName).toBe('城管');

    expect(grantOf(user('demo-unit-admin'), 'unitAdmin')).toEqual({ role: 'unitAdmin', unitId: member?.unitId });
    expect(grantOf(user('demo-county-admin'), 'countyAdmin')).toEqual({ role: 'countyAdmin' });

    const multi = user('demo-multi');
    expect(grantOf(multi, 'secretary')).toEqual({ role: 'secretary', communityId: 'c02' });
    expect(grantOf(multi, 'resident')).toBeDefined();
    expect((multi.address as { communityId: string }).communityId).toBe('c02');
    expect(communities.get('c02')?.secretaryOpenid).toBe('demo-multi');

    // 红色物业: the demo liaison is the liaison of the company serving the demo resident's estate.
    const liaison = grantOf(user('demo-property'), 'propertyLiaison') as { companyId: string } | undefined;
    expect(user('demo-property').name).toBe('李红梅');
    expect(liaison?.companyId).toBe(firstMicroGrid.propertyCompanyId);
    expect(byId('propertyCompanies').get(liaison!.companyId)).toMatchObject({
      liaisonOpenid: 'demo-property',
      hasPartyOrg: true,
    });
    expect(user('demo-property').staff).toBe(1);
  });

  it('gives every community its secretary, and about two thirds of 30 seed members verified', () => {
    const users = byId('users');
    for (const c of docs('communities')) {
      expect(grantOf(users.get(c.secretaryOpenid as string) as Doc, 'secretary')).toEqual({
        role: 'secretary',
        communityId: c._id,
      });
    }
    const members = docs('users').filter((u) => /^seed-member-\d\d$/.test(u._id));
    expect(members).toHaveLength(30);
    const verified = members.filter((u) => grantOf(u, 'member')?.verified === true).length;
    expect(verified).toBeGreaterThanOrEqual(17);
    expect(verified).toBeLessThanOrEqual(23);
  });

  it('pairs every unit with an existing community, and every community with 2–4 units', () => {
    const communities = byId('communities');
    for (const u of docs('units')) {
      expect(communities.has(u.pairedCommunityId as string)).toBe(true);
      expect(['government', 'institution', 'enterprise']).toContain(u.kind);
    }
    for (const c of docs('communities')) {
      const paired = docs('units')
        .filter((u) => u.pairedCommunityId === c._id)
        .map((u) => u._id);
      expect(paired.length).toBeGreaterThanOrEqual(2);
      expect(paired.length).toBeLessThanOrEqual(4);
      expect(c.pairedUnitIds).toEqual(paired);
    }
  });

  it('gives every unit its 在职党员数: its verified members and 5–40 % more, at demo and county scale', () => {
    for (const c of [buildCountySeed(), county()]) {
      const verified = new Map<string, number>();
      for (const r of c.memberReports)
        if (r.status === 'verified') verified.set(r.unitId, (verified.get(r.unitId) ?? 0) + 1);
      for (const u of c.units) {
        const n = verified.get(u._id) ?? 0;
        const count = u.memberCount!;
        expect(Number.isInteger(count)).toBe(true);
        // 双报到率 = n / count stays under 100 %; a unit without reported members still has some.
        if (n > 0) {
          expect(count).toBeGreaterThan(n);
          expect(count).toBeLessThanOrEqual(n + Math.ceil((n * 40) / 100));
        } else expect(count).toBeGreaterThanOrEqual(5);
      }
    }
  }, 300_000);

  it('keeps accounts distinct: _id is the openid, one phone per person, plausible names', () => {
    const users = docs('users');
    const phones = users.map((u) => u.phone as string);
    expect(new Set(phones).size).toBe(users.length);
    for (const u of users) {
      expect(u.openid).toBe(u._id);
      expect(u.phone).toMatch(/^1[358]\d{9}$/);
      expect(u.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(u.privacyAcceptedVersion).toBe('2026-11');
      expect(rolesOf(u).length).toBeGreaterThan(0);
    }
  });

  it('publishes one contact card per grid head and worker, matching their account', () => {
    const users = byId('users');
    const cards = docs('contactCards');
    for (const g of gridsOfLevel('grid')) {
      const staff = [g.gridHeadOpenid as string, ...(g.gridWorkerOpenids as string[])];
      const own = cards.filter((c) => c.gridId === g._id);
      expect(own.map((c) => c.openid)).toEqual(staff);
      expect(own.map((c) => c.title)).toEqual(['网格长', ...staff.slice(1).map(() => '网格员')]);
      for (const c of own) {
        const person = users.get(c.openid as string) as Doc;
        expect(c).toMatchObject({ name: person.name, phone: person.phone, photo: null });
        expect(c.published).toEqual({ name: true, phone: true, photo: false });
        expect(grantOf(person, 'gridWorker')?.gridIds).toContain(g._id);
      }
    }
  });

  it('has about two thirds red property companies, each managing micro-grids only where it serves', () => {
    const companies = docs('propertyCompanies');
    const red = companies.filter((p) => p.hasPartyOrg === true).length;
    expect(red).toBeGreaterThanOrEqual(12);
    expect(red).toBeLessThanOrEqual(16);
    const byCompany = byId('propertyCompanies');
    const managed = gridsOfLevel('microGrid').filter((m) => m.propertyCompanyId);
    for (const m of managed) {
      expect(byCompany.get(m.propertyCompanyId as string)?.communityIds).toContain(m.communityId);
    }
    for (const p of companies) {
      for (const communityId of p.communityIds as string[]) {
        expect(managed.some((m) => m.propertyCompanyId === p._id && m.communityId === communityId)).toBe(true);
      }
    }
  });

  it("rates property service in the four quarters before the anchor and in the anchor's own so far, never a demo user's this quarter", () => {
    const anchor = SEED_BASE_DATE; // 2026-01-05: its quarter is 2026Q1
    const ratings = docs('propertyRatings');
    const per = (q: string) => ratings.filter((r) => r.quarter === q);
    expect(['2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1'].map((q) => per(q).length > 0)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(new Set(ratings.map((r) => r.quarter)).size).toBe(5);
    // This quarter's: between its first day (local) and the anchor; a minority of the residents.
    for (const r of per('2026Q1')) {
      expect((r.createdAt as Date).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-01-01T00:00:00+08:00'));
      expect((r.createdAt as Date).getTime()).toBeLessThanOrEqual(anchor.getTime());
      expect(r.openid).not.toMatch(/^demo-/);
    }
    expect(per('2026Q1').length).toBeLessThan(per('2025Q4').length / 2);
    // One rating per resident and quarter.
    expect(new Set(ratings.map((r) => `${r.openid}|${r.quarter}`)).size).toBe(ratings.length);
  });

  it('seeds wishes in every state, live claims within their deadline, and the 六个一 credit of every completion', () => {
    const anchor = new Date('2026-11-20T00:00:00Z');
    const county = buildCountySeed({ anchor });
    const states = new Set(county.wishes.map((w) => w.status));
    expect([...states].sort()).toEqual([
      'claimed',
      'completed',
      'fulfilled',
      'published',
      'rejected',
      'submitted',
      'withdrawn',
    ]);
    const active = new Map<string, number>();
    for (const w of county.wishes) {
      expect(w.timeline[0]).toMatchObject({ action: 'submit', by: w.submitterOpenid });
      expect(w.timeline.at(-1)!.to).toBe(w.status);
      if (w.status === 'claimed') {
        expect(w.claim!.deadline.getTime()).toBeGreaterThan(anchor.getTime());
        active.set(w.claim!.openid, (active.get(w.claim!.openid) ?? 0) + 1);
      }
      if (w.status === 'completed') {
        expect(county.records.find((r) => r._id === `wish-${w._id}`)).toMatchObject({
          openid: w.claim!.openid,
          item: 'wish',
          status: 'approved',
        });
      }
    }
    for (const u of county.users) {
      const held = (u as { activeClaims?: number }).activeClaims ?? 0;
      expect({ user: u._id, held }).toEqual({ user: u._id, held: active.get(u._id) ?? 0 });
      expect(held).toBeLessThanOrEqual(3);
    }
    // The county tally counts each member-year with the item done once.
    for (const t of county.tallies) {
      if (t.kind !== 'year' || t.scope !== 'county') continue;
      expect(t.itemsDone.wish).toBe(county.sixOnes.filter((m) => m.year === t.year && m.done.wish).length);
    }
    expect(buildCountySeed({ anchor })).toEqual(county);
  });
});

// ---------------------------------------------------------------- 六个一

const byIdSorted = <T extends { _id: string }>(docs: T[]) => [...docs].sort((a, b) => a._id.localeCompare(b._id));

/** The counters recomputed by hand from the records, without credit.ts: what each should say. */
function recount(c: CountySeed) {
  const approved = c.records.filter((r) => r.status === 'approved');
  const years = new Map<
    string,
    { counts: Record<string, number>; minutes: number; pairings: number; visits: number; first: RecordDoc }
  >();
  const first = [...approved].sort(
    (a, b) => a.reviewedAt!.getTime() - b.reviewedAt!.getTime() || a._id.localeCompare(b._id),
  );
  for (const r of first) {
    const id = `${r.openid}-${r.year}`;
    const y = years.get(id) ?? { counts: {}, minutes: 0, pairings: 0, visits: 0, first: r };
    y.counts[r.item] = (y.counts[r.item] ?? 0) + 1;
    if (r.kind === 'attendance' && r.item === 'volunteer') y.minutes += r.minutes!;
    if (r.kind === 'pairing') y.pairings += 1;
    if (r.kind === 'visit') y.visits += 1;
    years.set(id, y);
  }
  return years;
}

/** Collects what is wrong instead of failing at the first (tens of thousands of checks stay fast). */
class Problems {
  readonly list: string[] = [];
  same(what: string, actual: unknown, expected: unknown): void {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e && this.list.length < 20) this.list.push(`${what}: ${a} ≠ ${e}`);
  }
  check(what: string, ok: boolean): void {
    if (!ok && this.list.length < 20) this.list.push(what);
  }
}

function checkCounters(c: CountySeed, anchor: Date): void {
  // 1. Exactly what the reconciliation job would compute.
  const expected = recompute(
    c.records.filter((r) => r.status === 'approved'),
    anchor,
  );
  const reported = reportedCounts(
    c.memberReports.filter((r) => r.status === 'verified'),
    anchor,
  );
  expect(byIdSorted(c.sixOnes)).toEqual(byIdSorted(expected.years));
  expect(byIdSorted(c.tallies)).toEqual(byIdSorted([...expected.tallies, ...reported]));

  // 2. And by hand, from PRODUCT.md's rules.
  const p = new Problems();
  const years = recount(c);
  p.same('member-years', c.sixOnes.length, years.size);
  const tallies = new Map<string, { itemsDone: Record<string, number>; complete: number; minutes: number }>();
  for (const my of c.sixOnes) {
    const y = years.get(my._id);
    if (!y) {
      p.check(`${my._id} has no approved record`, false);
      continue;
    }
    for (const item of SIX_ONES_ITEMS) p.same(`${my._id}.counts.${item}`, my.counts[item], y.counts[item] ?? 0);
    p.same(
      `${my._id} minutes, pairings, visits`,
      [my.volunteerMinutes, my.pairings, my.visits],
      [y.minutes, y.pairings, y.visits],
    );
    const done = Object.fromEntries(
      SIX_ONES_ITEMS.map((i) => [
        i,
        i === 'volunteer'
          ? y.minutes >= VOLUNTEER_DAY_MINUTES
          : i === 'pairing'
            ? y.pairings > 0 && y.visits > 0
            : (y.counts[i] ?? 0) > 0,
      ]),
    );
    p.same(`${my._id}.done`, my.done, done);
    p.same(`${my._id}.doneCount`, my.doneCount, Object.values(done).filter(Boolean).length);
    p.same(`${my._id} scope`, [my.communityId, my.unitId], [y.first.communityId, y.first.unitId]);
    const scopes = [`county-${my.year}`, `community-${my.communityId}-${my.year}`, `unit-${my.unitId}-${my.year}`];
    for (const id of scopes) {
      const t = tallies.get(id) ?? { itemsDone: {}, complete: 0, minutes: 0 };
      for (const i of SIX_ONES_ITEMS) if (done[i]) t.itemsDone[i] = (t.itemsDone[i] ?? 0) + 1;
      if (my.doneCount === 6) t.complete += 1;
      t.minutes += my.volunteerMinutes;
      tallies.set(id, t);
    }
  }
  for (const t of c.tallies) {
    if (t.kind === 'reported') {
      const verified = c.memberReports.filter(
        (r) =>
          r.status === 'verified' &&
          (t.scope === 'county' || (t.scope === 'community' ? r.communityId : r.unitId) === t.scopeId),
      ).length;
      p.same(`${t._id}.reported`, t.reported, verified);
      continue;
    }
    const want = tallies.get(t._id) ?? { itemsDone: {}, complete: 0, minutes: 0 };
    for (const i of SIX_ONES_ITEMS) p.same(`${t._id}.itemsDone.${i}`, t.itemsDone[i], want.itemsDone[i] ?? 0);
    p.same(`${t._id} complete, minutes`, [t.complete, t.volunteerMinutes], [want.complete, want.minutes]);
  }
  expect(p.list).toEqual([]);
}

/** Sign-ups, activities and attendance records agree, and nothing happens after the anchor. */
function checkActivities(c: CountySeed, anchor: Date): void {
  const p = new Problems();
  const at = anchor.getTime();
  const signups = new Map<string, CountySeed['signups']>();
  for (const s of c.signups) {
    const list = signups.get(s.activityId);
    if (list) list.push(s);
    else signups.set(s.activityId, [s]);
  }
  const records = new Map(c.records.map((r) => [r._id, r]));
  const secretaries = new Map(c.communities.map((x) => [x._id, x.secretaryOpenid]));
  const members = new Map(
    c.users.flatMap((u) =>
      u.roles.flatMap((g) => (g.role === 'member' && g.verified ? [[u._id, g.communityId] as const] : [])),
    ),
  );
  let checkedIn = 0;
  for (const a of c.activities) {
    const own = signups.get(a._id) ?? [];
    p.same(`${a._id}.signedUp`, a.signedUp, own.filter((s) => s.status === 'active').length);
    p.check(`${a._id} over capacity`, a.signedUp <= a.capacity);
    p.check(
      `${a._id} times`,
      a.startAt < a.endAt && a.signUpBy <= a.startAt && a.createdAt.getTime() < Math.min(at, a.signUpBy.getTime()),
    );
    if (a.status === 'cancelled') p.check(`${a._id} cancelled without a reason`, Boolean(a.cancelReason));
    for (const s of own) {
      p.same(`${s._id} member of`, members.get(s.openid), a.communityId);
      p.check(
        `${s._id} signed up outside the sign-up period`,
        s.signedUpAt >= a.createdAt && s.signedUpAt.getTime() <= Math.min(at, a.signUpBy.getTime()),
      );
      const r = records.get(attendanceRecordId(a._id, s.openid));
      if (!s.checkIn) {
        p.check(`${s._id}: a record without check-in, or a check-out`, r === undefined && s.checkOut === null);
        continue;
      }
      checkedIn += 1;
      p.check(`${s._id} checked in but not active`, s.status === 'active' && a.status === 'open');
      p.check(
        `${s._id} checked in outside the window or after the anchor`,
        s.checkIn.at.getTime() >= a.startAt.getTime() - 30 * 60_000 &&
          s.checkIn.at.getTime() <= Math.min(at, a.endAt.getTime()),
      );
      if (s.checkIn.manual) p.check(`${s._id} manual without who and why`, Boolean(s.checkIn.by && s.checkIn.reason));
      if (r && s.checkIn.manual)
        p.same(
          `${r._id} manual check-in`,
          [r.history[0].action, r.history[0].by, r.history[0].note],
          ['manualCheckIn', s.checkIn.by, s.checkIn.reason],
        );
      if (!r) {
        p.check(`${s._id} checked in without a record`, false);
        continue;
      }
      p.same(
        `${r._id}`,
        [r.kind, r.item, r.openid, r.year, r.communityId, r.minutes, r.activity?.id, r.activity?.manual],
        [
          'attendance',
          a.type,
          s.openid,
          localYearOf(a.startAt.getTime()),
          a.communityId,
          s.minutes,
          a._id,
          Boolean(s.checkIn.manual || s.checkOut?.manual),
        ],
      );
      if (a.type === 'volunteer' && s.checkOut) {
        const length = (a.endAt.getTime() - a.startAt.getTime()) / 60_000;
        const served = Math.floor((s.checkOut.at.getTime() - s.checkIn.at.getTime()) / 60_000);
        p.same(`${s._id}.minutes`, s.minutes, Math.min(length, served));
      } else p.same(`${s._id}.minutes`, s.minutes, null);
      // Only a checked-out volunteer attendance can be approved.
      if (a.type === 'volunteer' && r.status === 'approved')
        p.check(`${r._id} approved without minutes`, r.minutes !== null);
    }
  }
  p.same('attendance records', c.records.filter((r) => r.kind === 'attendance').length, checkedIn);
  for (const r of c.records) {
    p.same(`${r._id}.year`, r.year, localYearOf(r.createdAt.getTime()));
    const times = [r.createdAt, r.updatedAt, r.reviewedAt, ...r.history.map((h) => h.at)].filter(Boolean) as Date[];
    p.check(
      `${r._id} after the anchor`,
      times.every((t) => t.getTime() < at),
    );
    p.check(
      `${r._id} history out of order`,
      r.history.every((h, i) => i === 0 || h.at >= r.history[i - 1].at),
    );
    if (r.status === 'rejected') p.check(`${r._id} rejected without a reason`, Boolean(r.rejectReason));
    if (r.status !== 'pending' && r.kind !== 'wish')
      p.same(`${r._id}.reviewedBy`, r.reviewedBy, secretaries.get(r.communityId!));
    if (r.kind === 'visit') {
      const pairing = records.get(r.pairingId!);
      p.same(`${r._id} pairing`, [pairing?.kind, pairing?.openid, pairing?.year], ['pairing', r.openid, r.year]);
    }
  }
  expect(p.list).toEqual([]);
}

const digest = (c: CountySeed) =>
  Object.fromEntries(
    Object.entries(c).map(([k, docs]) => {
      const h = createHash('sha256');
      for (const d of docs as unknown[]) h.update(JSON.stringify(d));
      return [k, h.digest('hex').slice(0, 16)];
    }),
  );

describe('the 六个一 seed', () => {
  const anchor = new Date('2026-11-20T00:00:00Z'); // 08:00 in 兴国
  const demo = buildCountySeed({ anchor });

  it('writes the counters as recompute() and reportedCounts() derive them from its records and reports', () => {
    checkCounters(demo, anchor);
    // Early in the year too, when this year's story is pulled into a few days.
    const january = new Date('2026-01-05T00:00:00Z');
    checkCounters(buildCountySeed({ anchor: january }), january);
  });

  it('keeps activities, sign-ups and attendance consistent: signedUp = active sign-ups, minutes, times before the anchor', () => {
    checkActivities(demo, anchor);
    const january = new Date('2026-01-05T00:00:00Z');
    checkActivities(buildCountySeed({ anchor: january }), january);
  });

  it('tells the demo story in c01: every type and phase, a dozen records awaiting the secretary, demo-member half done', () => {
    const c01 = demo.activities.filter((a) => a.communityId === 'c01');
    expect(new Set(c01.map((a) => a.type))).toEqual(new Set(['partyMeeting', 'symposium', 'survey', 'volunteer']));
    const phases = new Set(c01.map((a) => phaseOf(a, anchor)));
    expect([...phases].sort()).toEqual(['cancelled', 'closed', 'ended', 'signUp']);
    const signups = demo.signups.filter((s) => s.communityId === 'c01');
    expect(signups.some((s) => s.checkIn?.manual && s.checkIn.reason)).toBe(true);
    expect(signups.some((s) => s.checkOut?.manual && s.checkOut.reason)).toBe(true);
    expect(
      signups.some((s) => s.checkIn && !s.checkOut && c01.find((a) => a._id === s.activityId)!.type === 'volunteer'),
    ).toBe(true);
    expect(signups.some((s) => s.status === 'cancelled')).toBe(true);
    // demo-member: signed up to exactly one activity still to come.
    const upcoming = (id: string) => c01.find((a) => a._id === id)!.startAt.getTime() > anchor.getTime();
    expect(
      signups.filter((s) => s.openid === 'demo-member' && s.status === 'active' && upcoming(s.activityId)),
    ).toHaveLength(1);

    const queue = demo.records.filter((r) => r.communityId === 'c01' && r.status === 'pending');
    expect(queue).toHaveLength(12);
    expect(new Set(queue.map((r) => r.kind))).toEqual(new Set(['attendance', 'surveyReport', 'pairing', 'visit']));
    expect(queue.every((r) => r.openid === 'demo-member' || /^seed-member-\d\d$/.test(r.openid))).toBe(true);
    const rejected = demo.records.filter((r) => r.communityId === 'c01' && r.status === 'rejected');
    expect(rejected).toEqual([
      expect.objectContaining({ openid: 'demo-member', kind: 'surveyReport', rejectReason: expect.any(String) }),
    ]);
    expect(demo.records.some((r) => r.history.some((h) => h.action === 'refile') && r.status === 'pending')).toBe(true);

    const year = localYear(anchor);
    const mine = demo.sixOnes.find((m) => m._id === `demo-member-${year}`)!;
    expect(mine.doneCount).toBeGreaterThan(0);
    expect(mine.doneCount).toBeLessThan(6);
    expect(
      demo.records.filter((r) => r.openid === 'demo-member' && r.year === year && r.status === 'pending').length,
    ).toBeGreaterThan(0);
    // Last year too, for the year switcher.
    expect(demo.sixOnes.find((m) => m._id === `demo-member-${year - 1}`)?.doneCount).toBeGreaterThan(0);
    // A few other communities, for the county overview.
    const communities = new Set(
      demo.tallies.filter((t) => t.kind === 'year' && t.scope === 'community').map((t) => t.scopeId),
    );
    expect(communities.size).toBeGreaterThanOrEqual(4);
  });

  it('is dated from the anchor: the same anchor gives the same seed, another one moves it', () => {
    expect(buildCountySeed({ anchor })).toEqual(demo);
    const later = buildCountySeed({ anchor: new Date(anchor.getTime() + 7 * 86_400_000) });
    const shift = (c: CountySeed) => c.activities.find((a) => a._id === 'activity-c01-08')!.startAt.getTime();
    expect(shift(later) - shift(demo)).toBe(7 * 86_400_000);
    expect(later.records.filter((r) => r.communityId === 'c01' && r.status === 'pending')).toHaveLength(12);
  });

  it('works out the local year without dayjs as dayjs does', () => {
    for (let t = Date.UTC(2024, 11, 31, 15); t < Date.UTC(2025, 0, 1, 18); t += 30 * 60_000)
      expect(localYearOf(t)).toBe(localYear(new Date(t)));
  });

  it('holds 5,000 verified members and 60,000 records in every status over two years at county scale, counters consistent', () => {
    const c = county();
    expect(c.memberReports.filter((r) => r.status === 'verified')).toHaveLength(5_000);
    expect(c.records).toHaveLength(60_000);
    const statuses = new Set(c.records.map((r) => `${r.year}:${r.status}`));
    const year = localYear(COUNTY_ANCHOR);
    for (const y of [year - 1, year])
      for (const st of ['approved', 'pending', 'rejected']) expect(statuses).toContain(`${y}:${st}`);
    expect(c.activities.length).toBeGreaterThan(1_000);
    expect(c.records.filter((r) => r.kind === 'attendance').length).toBeGreaterThan(40_000);
    checkCounters(c, COUNTY_ANCHOR);
    checkActivities(c, COUNTY_ANCHOR);
    // The demo story is the same at every scale.
    const story = (s: CountySeed) =>
      s.records.filter((r) => !r.openid.startsWith('seed-member-x') && r.kind !== 'wish');
    expect(story(c)).toEqual(story(buildCountySeed({ anchor: COUNTY_ANCHOR })));
  }, 300_000);

  it('is deterministic at county scale', () => {
    expect(digest(buildCountySeed({ scale: 'county', anchor: COUNTY_ANCHOR }))).toEqual(digest(county()));
  }, 300_000);
});

// ---------------------------------------------------------------- 民情诉求

const MIN = 60_000;
/** The first run of the scheduler (every 5 minutes) that finds `ms` passed. */
const tickAfter = (ms: number) => Math.floor(ms / (5 * MIN)) * 5 * MIN + 5 * MIN;
const OPEN_STATUSES = ['assigned', 'accepted', 'escalated', 'whistled', 'reported', 'resolved', 'reopened'];
const DEPT_OPEN = ['whistled', 'reported', 'reopened'];
/** Each action's allowed `from` states and its `to` ('=' for the same state), as server/complaints/ and jobs.ts check them. */
const TRANSITIONS: Record<string, Array<[string[], string]>> = {
  assign: [[['assigned'], '=']],
  notifyProperty: [[['assigned'], '=']],
  accept: [[['assigned'], 'accepted']],
  withdraw: [[['assigned'], 'withdrawn']],
  escalate: [[['assigned', 'accepted', 'reopened'], 'escalated']],
  resolve: [[['accepted', 'escalated', 'reopened'], 'resolved']],
  whistle: [[['accepted', 'escalated', 'reopened'], 'whistled']],
  reportIn: [
    [['whistled'], 'reported'],
    [DEPT_OPEN, '='],
  ],
  assist: [[DEPT_OPEN, '=']],
  requestExtension: [[DEPT_OPEN, '=']],
  approveExtension: [[OPEN_STATUSES.concat('closed'), '=']],
  refuseExtension: [[OPEN_STATUSES.concat('closed'), '=']],
  flagLate: [[DEPT_OPEN, '=']],
  flagUnanswered: [[['assigned'], '=']],
  deptResolve: [[['reported', 'reopened'], 'resolved']],
  rateDepartment: [[['resolved', 'closed', 'reopened'], '=']],
  rate: [
    [['resolved'], 'closed'],
    [['resolved'], 'reopened'],
  ],
  autoClose: [[['resolved'], 'closed']],
};

/**
 * Each case as the live actions and the scheduler leave it (server/complaints/,
 * jobs.ts): its timeline a chain of steps by people who may take them, its queue fields those
 * of its state, no deadline the scheduler would have acted on before the anchor, one task per
 * whistled department in the state the steps leave it.
 */
function checkCases(c: CountySeed, anchor: Date): void {
  const p = new Problems();
  const at = anchor.getTime();
  const users = new Map(c.users.map((u) => [u._id, u]));
  const grants = (openid: string) => users.get(openid)?.roles ?? [];
  const tasks = new Map<string, CountySeed['deptTasks']>();
  for (const t of c.deptTasks) tasks.set(t.caseId, [...(tasks.get(t.caseId) ?? []), t]);
  const ids = new Set(c.cases.map((x) => x._id));
  p.check(
    'a task without its case',
    [...tasks.keys()].every((id) => ids.has(id)),
  );

  for (const k of c.cases) {
    const id = k._id;
    const steps = k.timeline;
    const w = k.whistle;
    // The timeline: submitted and assigned at once, each step from the state the one before left.
    p.same(`${id} first steps`, [steps[0].action, steps[0].from, steps[1].action], ['submit', null, 'assign']);
    p.check(
      `${id} steps out of order`,
      steps.every((s, i) => i === 0 || (s.at >= steps[i - 1].at && s.from === steps[i - 1].to)),
    );
    p.same(`${id} status`, k.status, steps[steps.length - 1].to);
    for (const st of steps.slice(1))
      p.check(
        `${id} ${st.action} ${st.from} → ${st.to}`,
        (TRANSITIONS[st.action] ?? []).some(
          ([from, to]) => from.includes(st.from!) && (to === '=' ? st.to === st.from : st.to === to),
        ),
      );
    p.check(
      `${id} after the anchor`,
      steps.every((s) => s.at.getTime() < at),
    );
    p.same(`${id} times`, [k.createdAt, k.updatedAt], [steps[0].at, steps[steps.length - 1].at]);
    p.same(`${id}.month`, k.month, local(k.createdAt).format('YYYYMM'));
    p.same(`${id}.respondBy`, k.respondBy.getTime(), k.createdAt.getTime() + DEADLINES.respond[k.urgency] * MIN);
    // Who took each step: the complainant, the case's grid worker, secretary, departments, the system.
    for (const s of steps) {
      const g = grants(s.by);
      const ok =
        s.role === 'resident'
          ? s.by === k.complainant.openid
          : s.role === 'system'
            ? s.by === 'system' && s.byName === '系统'
            : s.role === 'gridWorker'
              ? g.some((r) => r.role === 'gridWorker' && r.gridIds.includes(k.gridId ?? ''))
              : s.role === 'secretary'
                ? g.some((r) => r.role === 'secretary' && r.communityId === k.communityId)
                : s.role === 'department' &&
                  g.some((r) => r.role === 'department' && k.departmentIds.includes(r.departmentId));
      p.check(`${id} ${s.action} by ${s.by} as ${s.role}`, ok);
      if (s.by !== 'system') p.same(`${id} ${s.action} byName`, s.byName, users.get(s.by)?.name);
    }

    // The queue fields of the state.
    const open = OPEN_STATUSES.includes(k.status);
    p.same(`${id}.openCommunityId`, k.openCommunityId, open ? k.communityId : null);
    const queue =
      !open || k.status === 'resolved' || k.level === 'department'
        ? null
        : k.level === 'grid'
          ? `grid:${k.gridId}`
          : `community:${k.communityId}`;
    p.same(`${id}.queue (${k.status}, ${k.level})`, k.queue, queue);
    p.same(`${id}.level`, k.level === 'department', w !== null);
    const lead = w?.departments.find((d) => d.role === 'lead');
    const reopenedAt = steps.find((s) => s.to === 'reopened' && s.from !== 'reopened')?.at;
    let due: [string | null, number | null];
    if (!open) due = [null, null];
    else if (k.status === 'resolved') due = ['rate', k.resolution!.at.getTime() + DEADLINES.autoClose * MIN];
    else if (k.status === 'assigned') due = ['respond', k.respondBy.getTime()];
    else if (k.level === 'grid')
      due = [
        'gridResolve',
        (k.status === 'reopened' ? reopenedAt!.getTime() : k.createdAt.getTime()) + DEADLINES.gridResolve * MIN,
      ];
    else if (k.level === 'community') due = [null, null];
    else if (lead?.reportedAt === null) due = ['reportIn', w!.reportBy.getTime()];
    else if (k.status !== 'reopened') due = ['deptResolve', w!.deadline.getTime()];
    else {
      // Reopened: a fresh deadline from the reopening, unless an extension approved since moved it.
      const extended = steps.some((s) => s.action === 'approveExtension' && s.at >= reopenedAt!);
      due = [
        'deptResolve',
        extended ? w!.extension!.until.getTime() : reopenedAt!.getTime() + DEADLINES.deptResolve[w!.class] * MIN,
      ];
    }
    p.same(`${id} due (${k.status}, ${k.level})`, [k.dueKind, k.dueAt?.getTime() ?? null], due);

    // Nothing the scheduler would have done before the anchor is left undone.
    if (k.dueAt && ['respond', 'gridResolve'].includes(k.dueKind!) && k.level === 'grid')
      p.check(`${id} should have been escalated`, tickAfter(k.dueAt.getTime()) >= at);
    if (k.dueKind === 'respond' && k.level === 'community')
      p.check(
        `${id} should have been flagged unanswered`,
        k.counted.respondOverdue || tickAfter(k.dueAt!.getTime()) >= at,
      );
    if (k.dueKind === 'rate') p.check(`${id} should have closed unrated`, tickAfter(k.dueAt!.getTime()) >= at);
    if (w && (k.dueKind === 'reportIn' || k.dueKind === 'deptResolve'))
      p.check(
        `${id} should have been flagged late`,
        w.departments.every((d) => d.reportedAt || d.late || tickAfter(w.reportBy.getTime()) >= at),
      );
    // A grid answer in time; else the scheduler took the case to the community first.
    const accept = steps.find((s) => s.action === 'accept');
    if (accept && k.gridId && accept.role === 'gridWorker')
      p.check(
        `${id} accepted after the scheduler's escalation`,
        accept.at.getTime() < tickAfter(k.respondBy.getTime()),
      );
    p.same(`${id}.respondedAt`, k.respondedAt, accept?.at ?? null);
    // Counted once each, whatever happens after (a whistle clears an earlier community resolution).
    p.same(`${id}.counted`, k.counted, {
      resolved: steps.some((s) => s.action === 'resolve' || s.action === 'deptResolve'),
      communityLevel: k.gridId === null || steps.some((s) => s.action === 'escalate'),
      // The response deadline passed unanswered: the scheduler's escalation or flag from 待响应.
      respondOverdue: steps.some(
        (s) => s.by === 'system' && s.from === 'assigned' && (s.action === 'escalate' || s.action === 'flagUnanswered'),
      ),
    });
    if (k.status === 'withdrawn') p.same(`${id} withdrawn`, steps[steps.length - 1].action, 'withdraw');
    // Closed by the resident's rating or by the scheduler (the secretary may rate the department after).
    const closing = steps.find((s) => s.to === 'closed' && s.from !== 'closed');
    if (k.status === 'closed')
      p.same(`${id} closed`, closing?.action, k.rating?.grade === '未评价' ? 'autoClose' : 'rate');

    // Whistles: one task per department, in the state the steps leave it.
    const own = (tasks.get(id) ?? []).sort((a, b) => a.role.localeCompare(b.role) * -1);
    if (!w) {
      p.same(`${id} tasks without a whistle`, own.length, 0);
      continue;
    }
    p.same(
      `${id} departments`,
      k.departmentIds,
      w.departments.map((d) => d.departmentId),
    );
    p.same(
      `${id} tasks`,
      own.map((t) => [t._id, t.role]).sort(),
      w.departments.map((d) => [`${id}-${d.departmentId}`, d.role]).sort(),
    );
    const resolvedByDept = steps.some((s) => s.action === 'deptResolve');
    for (const d of w.departments) {
      const t = own.find((x) => x.departmentId === d.departmentId);
      if (!t) continue;
      const done = d.role === 'lead' ? ['resolved', 'closed'].includes(k.status) : d.doneAt !== null || resolvedByDept;
      p.same(`${t._id}.status`, t.status, done ? 'done' : 'open');
      p.same(
        `${t._id} report`,
        [t.reportedAt, t.late, t.reportBy, t.whistledAt],
        [d.reportedAt, d.late, w.reportBy, w.whistledAt],
      );
      if (!k.reopened) p.same(`${t._id}.deadline`, t.deadline, w.deadline);
      p.same(`${t._id} summary`, [t.summary.communityId, t.summary.class], [k.communityId, w.class]);
      if (d.reportedAt) p.same(`${t._id} late`, d.late, d.reportedAt.getTime() > w.reportBy.getTime());
      else if (d.late)
        p.check(
          `${t._id} late without a flag`,
          steps.some((s) => s.action === 'flagLate' && s.note!.includes(d.departmentName)),
        );
    }
    if (w.extension?.status === 'approved') p.same(`${id} extended`, w.deadline, w.extension.until);
  }
  expect(p.list).toEqual([]);

  // The counters exactly as the live steps would have moved them.
  expect(byIdSorted(c.caseMetrics)).toEqual(byIdSorted(countersFrom(c.cases)));
}

describe('the 民情诉求 seed', () => {
  const anchor = new Date('2026-11-20T00:00:00Z');
  const demo = buildCountySeed({ anchor });

  it('plays every case as the live actions and the scheduler would, and derives the counters from them', () => {
    expect(demo.cases.length).toBe(40);
    checkCases(demo, anchor);
    const january = new Date('2026-01-05T00:00:00Z');
    checkCases(buildCountySeed({ anchor: january }), january);
  });

  it("shows demo-resident's cases in every state, and open cases in each demo handler's queue", () => {
    const mine = demo.cases.filter((k) => k.complainant.openid === 'demo-resident');
    expect(new Set(mine.map((k) => k.status))).toEqual(new Set(CASE_STATUSES));
    const recent = anchor.getTime() - 60 * 86_400_000;
    expect(demo.cases.every((k) => k.createdAt.getTime() > recent)).toBe(true);
    // demo-grid-worker: the open cases of c01-g01.
    expect(demo.cases.filter((k) => k.queue === 'grid:c01-g01').length).toBeGreaterThanOrEqual(3);
    // demo-secretary: what needs the community (as communityQueue's 'action' filter picks it).
    const needs = demo.cases.filter(
      (k) =>
        k.openCommunityId === 'c01' &&
        (k.queue === 'community:c01' ||
          (k.dueAt !== null && k.dueKind !== 'rate' && k.dueAt.getTime() < anchor.getTime()) ||
          k.whistle?.extension?.status === 'pending' ||
          (k.whistle !== null && k.resolution?.level === 'department' && !k.whistle.rating)),
    );
    expect(needs.length).toBeGreaterThanOrEqual(3);
    expect(needs.some((k) => k.whistle?.extension?.status === 'pending')).toBe(true);
    // demo-department: open whistles of d01, to report in and in progress, one reported late.
    const inbox = demo.deptTasks.filter((t) => t.departmentId === 'd01' && t.status === 'open');
    expect(inbox.length).toBeGreaterThanOrEqual(3);
    expect(inbox.some((t) => t.reportedAt === null)).toBe(true);
    expect(inbox.some((t) => t.reportedAt !== null)).toBe(true);
    expect(demo.deptTasks.some((t) => t.departmentId === 'd01' && t.status === 'done')).toBe(true);
    // `npm start` anchors the seed at midnight: on that day the scheduler escalates none of the
    // demo's cases (which would move c01's counters under a user's feet).
    const escalatable = demo.cases.filter(
      (k) => k.level === 'grid' && (k.dueKind === 'respond' || k.dueKind === 'gridResolve'),
    );
    expect(escalatable.length).toBeGreaterThanOrEqual(3);
    for (const k of escalatable) expect(k.dueAt!.getTime()).toBeGreaterThan(anchor.getTime() + 23.5 * 3_600_000);
    // The steps the scheduler takes are in the story too.
    const actions = new Set(
      demo.cases.flatMap((k) => k.timeline.map((s) => `${s.by === 'system' ? 'system:' : ''}${s.action}`)),
    );
    for (const a of ['system:escalate', 'system:flagLate', 'system:autoClose', 'requestExtension', 'rateDepartment'])
      expect(actions).toContain(a);
  });

  it('is dated from the anchor and deterministic', () => {
    expect(buildCountySeed({ anchor })).toEqual(demo);
    const later = buildCountySeed({ anchor: new Date(anchor.getTime() + 7 * 86_400_000) });
    const created = (s: CountySeed) => s.cases.find((k) => k._id === 'seed-case-000001')!.createdAt.getTime();
    expect(created(later) - created(demo)).toBe(7 * 86_400_000);
  });

  it('holds 100,000 cases over three years at county scale, played and counted alike', () => {
    const c = county();
    expect(c.cases).toHaveLength(100_000);
    const months = new Set(c.cases.map((k) => k.month));
    expect(months.size).toBeGreaterThanOrEqual(36);
    const statuses = new Set(c.cases.map((k) => k.status));
    expect(statuses).toEqual(new Set(CASE_STATUSES));
    expect(c.deptTasks.length).toBeGreaterThan(5_000);
    checkCases(c, COUNTY_ANCHOR);
    // The demo story is the same at every scale.
    const story = (s: CountySeed) =>
      s.cases.filter((k) => !k.complainant.openid.startsWith('seed-resident') || k._id === 'seed-case-000018');
    expect(story(c)).toEqual(story(buildCountySeed({ anchor: COUNTY_ANCHOR })));
    // A smaller count (the bench's 1×) keeps the directory and the story.
    const tenth = buildCountySeed({ scale: 'county', anchor: COUNTY_ANCHOR, cases: 10_000 });
    expect(tenth.cases).toHaveLength(10_000);
    expect(tenth.users).toEqual(c.users);
  }, 300_000);
});

// ---------------------------------------------------------------- nobody acts on their own item

/**
 * Every seeded step a member of staff took on an item that its owner took instead: a wish
 * reviewed (or confirmed for the resident) by its submitter or claimer, a case handled by its
 * complainant, a record approved by its member, attendance marked by hand by the member, a
 * report verified by the member — what the live actions refuse (platform/authorize.ts `notOwn`).
 */
function ownSteps(c: CountySeed): string[] {
  const found: string[] = [];
  for (const w of c.wishes) {
    if (w.reviewedBy !== null && w.reviewedBy === w.submitterOpenid) found.push(`${w._id} reviewed by its submitter`);
    for (const s of w.timeline) {
      const owners = s.action === 'confirmForResident' ? [w.submitterOpenid, w.claim?.openid] : [w.submitterOpenid];
      if (['publish', 'reject', 'confirmForResident'].includes(s.action) && owners.includes(s.by))
        found.push(`${w._id}: ${s.action} by ${s.by}`);
    }
  }
  for (const k of c.cases) {
    const own = k.complainant.openid;
    for (const s of k.timeline)
      if (s.role !== 'resident' && s.by === own) found.push(`${k._id}: ${s.action} by its complainant`);
    if (k.resolution?.by === own) found.push(`${k._id} resolved by its complainant`);
    if (k.whistle?.whistledBy === own) found.push(`${k._id} whistled by its complainant`);
  }
  for (const r of c.records) {
    if (r.reviewedBy === r.openid) found.push(`${r._id} reviewed by its member`);
    for (const h of r.history)
      if (['approve', 'reject'].includes(h.action) && h.by === r.openid)
        found.push(`${r._id}: ${h.action} by its member`);
  }
  for (const s of c.signups)
    for (const mark of [s.checkIn, s.checkOut])
      if (mark?.manual && mark.by === s.openid) found.push(`${s._id} marked by hand by the member`);
  for (const r of c.memberReports) if (r.reviewedBy === r.openid) found.push(`${r._id} verified by its member`);
  return found;
}

describe('staff never review, handle or approve their own item in the seed', () => {
  it('at demo scale: the secretary who is also a resident (demo-multi) did not review her own wish; her grid head did', () => {
    const demo = buildCountySeed();
    expect(ownSteps(demo)).toEqual([]);
    const hers = demo.wishes.filter((w) => w.submitterOpenid === 'demo-multi');
    expect(hers.length).toBeGreaterThan(0);
    const reviewed = hers.filter((w) => w.reviewedBy !== null);
    expect(reviewed.length).toBeGreaterThan(0);
    const grid = demo.grids.find((g) => g._id === hers[0].gridId) as { gridHeadOpenid?: string } | undefined;
    for (const w of reviewed) {
      expect(w.reviewedBy).toBe(grid?.gridHeadOpenid);
      expect(w.timeline[1]).toMatchObject({ by: grid?.gridHeadOpenid, role: 'gridWorker' });
    }
  });

  it('at county scale', () => {
    expect(ownSteps(county())).toEqual([]);
  }, 300_000);
});

/**
 * 操作记录 of the seed: every staff step it plays has the entry the live action writes (who, when,
 * kind, target, scope), so the page is not empty in the demo.
 */
function missingAudits(c: CountySeed, since = 0): string[] {
  const keys = new Set<string>();
  for (const a of c.audits)
    for (const id of [a.entityId, ...a.targets.map((t) => t.id)])
      keys.add(`${a.kind}|${a.action}|${id}|${a.by}|${a.at.getTime()}`);
  const missing: string[] = [];
  const expect = (kind: string, action: string, id: string, by: string, at: Date) => {
    if (at.getTime() < since) return;
    if (!keys.has(`${kind}|${action}|${id}|${by}|${at.getTime()}`)) missing.push(`${kind}.${action} of ${id} by ${by}`);
  };
  for (const w of c.wishes)
    for (const s of w.timeline)
      if (['publish', 'reject', 'confirmForResident'].includes(s.action)) expect('wish', s.action, w._id, s.by, s.at);
  for (const k of c.cases)
    for (const s of k.timeline)
      if (['gridWorker', 'secretary', 'department'].includes(s.role) && s.by !== 'system')
        expect('case', s.action, k._id, s.by, s.at);
  for (const r of c.records)
    for (const h of r.history) {
      if (h.action === 'approve' || h.action === 'reject') expect('record', h.action, r._id, h.by, h.at);
      if ((h.action === 'manualCheckIn' || h.action === 'manualCheckOut') && r.activity)
        expect('activity', h.action, `${r.activity.id}-${r.openid}`, h.by, h.at);
    }
  for (const a of c.activities)
    for (const h of a.history)
      if (['publish', 'edit', 'cancel'].includes(h.action)) expect('activity', h.action, a._id, h.by, h.at);
  for (const r of c.memberReports)
    if (r.status === 'verified') expect('report', 'verify', r._id, r.reviewedBy!, r.reviewedAt!);
  return missing;
}

describe('the seed’s 操作记录 (audits)', () => {
  it('at demo scale: an entry for every staff step — reviews, case steps, record approvals, report verifications — by name, in its community', () => {
    const demo = buildCountySeed();
    expect(missingAudits(demo)).toEqual([]);
    const kinds = new Set(demo.audits.map((a) => a.kind));
    for (const kind of ['wish', 'case', 'record', 'report', 'activity']) expect(kinds).toContain(kind);
    const names = new Map(demo.users.map((u) => [u._id, u.name]));
    for (const a of demo.audits) {
      expect(a.byName).toBe(names.get(a.by));
      expect(a.communityId).toMatch(/^c\d\d$/);
      expect(a.label.length).toBeGreaterThan(0);
    }
    // The demo secretary of c01 finds her own wish reviews and record approvals.
    const hers = demo.audits.filter((a) => a.by === 'demo-secretary');
    expect(hers.some((a) => a.kind === 'wish' && a.action === 'publish')).toBe(true);
    expect(hers.some((a) => a.kind === 'record' && a.action === 'approve')).toBe(true);
    // Nobody's own item: the entries follow the steps, which never are (above).
    expect(
      demo.audits.filter((a) => a.kind === 'report').every((a) => a.by !== a.entityId.replace(/^report-/, '')),
    ).toBe(true);
  });

  it('at county scale: the entries of the last 30 days of staff steps, none older', () => {
    const c = county();
    const since = COUNTY_ANCHOR.getTime() - 30 * 86_400_000;
    expect(c.audits.length).toBeGreaterThan(5_000);
    expect(c.audits.every((a) => a.at.getTime() >= since)).toBe(true);
    expect(missingAudits(c, since)).toEqual([]);
  }, 300_000);
});

// ---------------------------------------------------------------- cobuild: lists

/** What reconcileCobuild (server/cobuild/jobs.ts) would change: links, agreements, tallies, ratings. */
function cobuildDrift(c: CountySeed): string[] {
  const drift: string[] = [];
  const years = [...new Set(c.cobuildNeeds.map((n) => n.year))];
  for (const year of years) {
    const projects = c.cobuildProjects.filter((p) => p.year === year);
    const live = projects.filter((p) => p.status === 'planned' || p.status === 'active');
    const done = projects.filter((p) => p.status === 'done');
    const want = (id: string, field: 'needIds' | 'resourceIds', linked: string, used: string, free: string) =>
      live.some((p) => p[field].includes(id)) ? linked : done.some((p) => p[field].includes(id)) ? used : free;
    for (const n of c.cobuildNeeds.filter((x) => x.year === year && ['open', 'matched'].includes(x.status)))
      if (want(n._id, 'needIds', 'matched', 'done', 'open') !== n.status) drift.push(`need ${n._id}`);
    for (const r of c.cobuildResources.filter((x) => x.year === year && ['offered', 'committed'].includes(x.status)))
      if (want(r._id, 'resourceIds', 'committed', 'usedUp', 'offered') !== r.status) drift.push(`resource ${r._id}`);
    for (const a of c.cobuildAgreements.filter((x) => x.year === year))
      if (a.status === 'draft' && a.signatures.community && a.signatures.unit) drift.push(`agreement ${a._id}`);
    for (const p of done) {
      const ratings = c.cobuildRatings.filter((r) => r.projectId === p._id);
      if (p.rating.count !== ratings.length || p.rating.sum !== ratings.reduce((s, r) => s + r.stars, 0))
        drift.push(`rating ${p._id}`);
    }
    for (const t of c.cobuildTallies.filter((x) => x.year === year)) {
      const of = <T extends { communityId: string; year: number; status: string }>(docs: T[]) =>
        docs.filter((d) => d.communityId === t.communityId && d.year === year);
      const count = (docs: Array<{ status: string }>, status: string) => docs.filter((d) => d.status === status).length;
      for (const [k, v] of Object.entries(t.needs))
        if (count(of(c.cobuildNeeds), k) !== v) drift.push(`${t._id} needs.${k}`);
      for (const [k, v] of Object.entries(t.resources))
        if (count(of(c.cobuildResources), k) !== v) drift.push(`${t._id} resources.${k}`);
      for (const [k, v] of Object.entries(t.projects))
        if (count(of(c.cobuildProjects), k) !== v) drift.push(`${t._id} projects.${k}`);
      if (count(of(c.cobuildAgreements), 'signed') !== t.agreementsSigned) drift.push(`${t._id} agreementsSigned`);
    }
  }
  return drift;
}

describe('the 三清单一协议 seed', () => {
  it('gives every community a year of lists in every state, consistent with its tallies', () => {
    const demo = buildCountySeed();
    const year = localYear(new Date('2026-01-05T00:00:00Z'));
    for (const c of demo.communities) {
      const mine = <T extends { communityId: string }>(docs: T[]) => docs.filter((d) => d.communityId === c._id);
      expect(new Set(mine(demo.cobuildNeeds).map((n) => n.category)).size).toBe(6);
      expect(new Set(mine(demo.cobuildProjects).map((p) => p.status))).toEqual(
        new Set(['planned', 'active', 'done', 'dropped']),
      );
      expect(new Set(mine(demo.cobuildAgreements).map((a) => a.status))).toEqual(
        new Set(['draft', 'signed', 'superseded']),
      );
      expect(demo.cobuildTallies.find((t) => t._id === `${c._id}-${year}`)).toBeTruthy();
    }
    expect(cobuildDrift(demo)).toEqual([]);
  });

  it('fills three years at county scale, each consistent', () => {
    const c = county();
    const year = localYear(COUNTY_ANCHOR);
    expect([...new Set(c.cobuildProjects.map((p) => p.year))].sort()).toEqual([year - 2, year - 1, year]);
    expect(c.cobuildTallies).toHaveLength(14 * 3);
    expect(cobuildDrift(c)).toEqual([]);
    // Nothing happens after the anchor.
    for (const d of [...c.cobuildNeeds, ...c.cobuildProjects, ...c.cobuildProjectUpdates, ...c.cobuildAgreements])
      expect(d.updatedAt.getTime()).toBeLessThanOrEqual(COUNTY_ANCHOR.getTime());
  }, 300_000);
});
