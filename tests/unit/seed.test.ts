import { buildCounty, buildCountySeed, DEMO_OPENIDS } from '../../server/seed/county';
import type { SeedData } from '../../server/seed/types';

type Doc = SeedData[string][number];
type Grant = { role: string } & Record<string, unknown>;

const seed = buildCounty();
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
    expect(Object.keys(buildCounty({ scale: 'county' }))).toEqual(Object.keys(seed));
  });

  it('gives every document a unique _id and the seed metadata', () => {
    for (const [collection, list] of Object.entries(seed)) {
      const ids = list.map((d) => d._id);
      expect({ collection, unique: new Set(ids).size }).toEqual({ collection, unique: ids.length });
      for (const d of list) {
        expect(d._id).toMatch(/^[a-z0-9-]+$/);
        // Reports, wishes and 六个一 counters carry the dates of what they record (below).
        if (['memberReports', 'wishes', 'records', 'sixOnes', 'tallies'].includes(collection)) continue;
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
      expect(report.createdAt.getTime()).toBeGreaterThan(new Date('2026-01-05T00:00:00Z').getTime());
      const community = typed.communities.find((c) => c._id === report.communityId)!;
      if (grant.verified) {
        expect(report).toMatchObject({ status: 'verified', reviewedBy: community.secretaryOpenid });
        expect(user.member?.verifiedReportId).toBe(report._id);
        expect(user.pendingReport ?? null).toBeNull();
      } else {
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
