import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { C01_ADDRESS, people, type People } from '../helpers/people';

/**
 * The county admin keeps the directory and hands out staff roles with their scope; a secretary
 * appoints grid workers of their own community and keeps its contact cards. Every change is
 * audited: who, when, before, after.
 */

let t: TestCloud;
let p: People;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const COUNTY_ADMIN = 'demo-county-admin';
const SECRETARY_C01 = 'demo-secretary';
const SECRETARY_C03 = 'seed-secretary-c03';
const adminName = () => p.doc('users', COUNTY_ADMIN).name as string;

const grant = (openid: string, g: Record<string, unknown>, by = COUNTY_ADMIN) =>
  p.account('grantRole', { openid, grant: g }, by);
const revoke = (openid: string, role: string, scopeId: string | undefined, by = COUNTY_ADMIN) =>
  p.account('revokeRole', { openid, role, ...(scopeId ? { scopeId } : {}) }, by);
const auditOf = async (entityId: string) => (await p.ok(p.directory('audit', { entityId }, COUNTY_ADMIN))).items;
const rolesOf = (openid: string) => p.doc('users', openid).roles as Array<Record<string, unknown>>;
const workersOf = (gridId: string) => p.doc('grids', gridId).gridWorkerOpenids as string[];
/** What a refused grant or revoke must leave as it was. */
const staffState = (openid: string, gridIds: string[] = []) =>
  p.snapshot(['users', 'audits'], [['users', openid], ...gridIds.map((g) => ['grids', g] as const)]);

describe('staff roles', () => {
  it.each([
    ['a secretary of c05', { role: 'secretary', communityId: 'c05' }],
    ['department staff of d03', { role: 'department', departmentId: 'd03' }],
    ['a unit admin of u05', { role: 'unitAdmin', unitId: 'u05' }],
    ['a grid worker of c01-g02', { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g02'] }],
    ['another county admin', { role: 'countyAdmin' }],
  ])('the county admin appoints %s; the grant is audited with before and after', async (_label, g) => {
    const { openid } = await p.newResident();

    const summary = await p.ok(grant(openid, g));

    expect(summary.roles).toEqual([{ role: 'resident' }, g]);
    expect(rolesOf(openid)).toEqual([{ role: 'resident' }, g]);
    const [entry] = await auditOf(openid);
    expect(entry).toMatchObject({
      kind: 'role',
      entity: 'users',
      entityId: openid,
      action: 'grantRole',
      by: COUNTY_ADMIN,
      byName: adminName(),
      before: [{ role: 'resident' }],
      after: [{ role: 'resident' }, g],
    });
    expect(Date.parse(entry.at)).not.toBeNaN();
  });

  it('a new grid worker joins the grid’s worker list; granting another grid adds to the same grant', async () => {
    const { openid } = await p.newResident();
    await p.ok(grant(openid, { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g02'] }));
    expect(workersOf('c01-g02')).toContain(openid);

    await p.ok(grant(openid, { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g03'] }));

    expect(rolesOf(openid).filter((g) => g.role === 'gridWorker')).toEqual([
      { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g02', 'c01-g03'] },
    ]);
    expect(workersOf('c01-g03')).toContain(openid);
  });

  it('the new staff act within their scope at once', async () => {
    const { openid } = await p.newResident();
    await p.ok(grant(openid, { role: 'secretary', communityId: 'c06' }));
    const queue = await p.ok(p.account('reportQueue', {}, openid));
    expect(queue.every((r: { community: { id: string } }) => r.community.id === 'c06')).toBe(true);
    expect(await p.account('communityMembers', { communityId: 'c01' }, openid)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
  });

  it('a secretary appoints a grid worker of a grid of her own community', async () => {
    const { openid } = await p.newResident();

    await p.ok(grant(openid, { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g04'] }, SECRETARY_C01));

    expect(workersOf('c01-g04')).toContain(openid);
    const [entry] = await auditOf(openid);
    expect(entry).toMatchObject({ action: 'grantRole', by: SECRETARY_C01, byName: p.doc('users', SECRETARY_C01).name });
  });

  it.each([
    [
      'a grid worker of another community',
      { role: 'gridWorker', communityId: 'c03', gridIds: ['c03-g01'] },
      'FORBIDDEN',
    ],
    ['a secretary (even of her own community)', { role: 'secretary', communityId: 'c01' }, 'FORBIDDEN'],
    ['department staff', { role: 'department', departmentId: 'd01' }, 'FORBIDDEN'],
    ['a unit admin', { role: 'unitAdmin', unitId: 'u01' }, 'FORBIDDEN'],
    ['a county admin', { role: 'countyAdmin' }, 'FORBIDDEN'],
    [
      'a grid worker of her community but a grid of another',
      { role: 'gridWorker', communityId: 'c01', gridIds: ['c02-g01'] },
      'INVALID_INPUT',
    ],
  ])('a secretary may not appoint %s (%s), and nothing changes', async (_label, g, code) => {
    const { openid } = await p.newResident();
    const before = staffState(openid, ['c01-g01', 'c02-g01', 'c03-g01']);

    expect(await grant(openid, g, SECRETARY_C01)).toMatchObject({ ok: false, error: { code } });

    expect(staffState(openid, ['c01-g01', 'c02-g01', 'c03-g01'])).toEqual(before);
  });

  it.each([
    ['an unknown community', { role: 'secretary', communityId: 'c99' }],
    ['an unknown department', { role: 'department', departmentId: 'd99' }],
    ['an unknown unit', { role: 'unitAdmin', unitId: 'u99' }],
    ['an unknown grid', { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g01', 'c01-g99'] }],
    ['a micro-grid for a grid', { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g01-m1'] }],
    ['no grid at all', { role: 'gridWorker', communityId: 'c01', gridIds: [] }],
    ['an unknown role', { role: 'mayor' }],
  ])('a grant naming %s is INVALID_INPUT and nothing changes', async (_label, g) => {
    const { openid } = await p.newResident();
    const before = staffState(openid, ['c01-g01']);
    expect(await grant(openid, g)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(staffState(openid, ['c01-g01'])).toEqual(before);
  });

  it('granting a role to someone who never used the app is NOT_FOUND', async () => {
    const openid = p.freshOpenid('ghost');
    expect(await grant(openid, { role: 'department', departmentId: 'd02' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(p.doc('users', openid)).toBeUndefined();
  });

  it('revoking a grid worker takes them off the grid’s worker list, audited', async () => {
    const { openid } = await p.newResident();
    await p.ok(grant(openid, { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g02'] }, SECRETARY_C01));

    const summary = await p.ok(revoke(openid, 'gridWorker', 'c01', SECRETARY_C01));

    expect(summary.roles).toEqual([{ role: 'resident' }]);
    expect(workersOf('c01-g02')).not.toContain(openid);
    const [entry] = await auditOf(openid);
    expect(entry).toMatchObject({
      action: 'revokeRole',
      by: SECRETARY_C01,
      before: [{ role: 'resident' }, { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g02'] }],
      after: [{ role: 'resident' }],
    });
  });

  it('revoking a grid head also clears the grid’s head (the directory no longer names them)', async () => {
    const head = p.doc('grids', 'c04-g01').gridHeadOpenid as string;
    expect(head).toBeTruthy();

    await p.ok(revoke(head, 'gridWorker', 'c04'));

    expect(p.doc('grids', 'c04-g01')).toMatchObject({ gridHeadOpenid: null });
    expect(workersOf('c04-g01')).not.toContain(head);
  });

  it('granting a secretary names them on the community; revoking clears it, and only if it was them', async () => {
    const { openid: first } = await p.newResident();
    const { openid: second } = await p.newResident();
    await p.ok(grant(first, { role: 'secretary', communityId: 'c06' }));
    expect(p.doc('communities', 'c06')).toMatchObject({ secretaryOpenid: first });
    await p.ok(grant(second, { role: 'secretary', communityId: 'c06' }));
    expect(p.doc('communities', 'c06')).toMatchObject({ secretaryOpenid: second });

    await p.ok(revoke(first, 'secretary', 'c06'));
    expect(p.doc('communities', 'c06')).toMatchObject({ secretaryOpenid: second });
    await p.ok(revoke(second, 'secretary', 'c06'));
    expect(p.doc('communities', 'c06')).toMatchObject({ secretaryOpenid: null });
  });

  it('the county admin revokes a scoped role by its scope, leaving the same role elsewhere', async () => {
    const { openid } = await p.newResident();
    await p.ok(grant(openid, { role: 'department', departmentId: 'd04' }));
    await p.ok(grant(openid, { role: 'department', departmentId: 'd05' }));

    await p.ok(revoke(openid, 'department', 'd04'));

    expect(rolesOf(openid)).toEqual([{ role: 'resident' }, { role: 'department', departmentId: 'd05' }]);
  });

  it('revoking a role the user does not hold is a CONFLICT and writes nothing', async () => {
    const { openid } = await p.newResident();
    const before = staffState(openid);
    expect(await revoke(openid, 'department', 'd01')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await revoke(openid, 'countyAdmin', undefined)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(staffState(openid)).toEqual(before);
  });

  it('revoking a scoped role without naming the scope is INVALID_INPUT', async () => {
    expect(await revoke('demo-department', 'department', undefined)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('the county admin cannot revoke their own county admin role (CONFLICT), but can another’s', async () => {
    const before = staffState(COUNTY_ADMIN);
    expect(await revoke(COUNTY_ADMIN, 'countyAdmin', undefined)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(staffState(COUNTY_ADMIN)).toEqual(before);

    const { openid } = await p.newResident();
    await p.ok(grant(openid, { role: 'countyAdmin' }));
    await p.ok(revoke(openid, 'countyAdmin', undefined));
    expect(rolesOf(openid)).toEqual([{ role: 'resident' }]);
  });

  it('a secretary of another community cannot revoke a grid worker of c01: FORBIDDEN, nothing changed', async () => {
    const before = staffState('demo-grid-worker', ['c01-g01']);
    expect(await revoke('demo-grid-worker', 'gridWorker', 'c01', SECRETARY_C03)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(staffState('demo-grid-worker', ['c01-g01'])).toEqual(before);
  });
});

describe('finding users to appoint', () => {
  let inC01: { openid: string; name: string; phone: string };
  let inC03: { openid: string; name: string; phone: string };
  beforeAll(async () => {
    inC01 = await p.newResident({ name: '上官明月' });
    inC03 = await p.newResident({
      name: '上官明日',
      address: { communityId: 'c03', residentGroupId: 'c03-r01', microGridId: 'c03-g01-m1' },
    });
  });
  const openids = (list: Array<{ openid: string }>) => list.map((u) => u.openid).sort();

  it('the county admin finds anyone by a name fragment or by a whole phone number; phones come back masked', async () => {
    expect(openids(await p.ok(p.account('findUsers', { query: '上官' }, COUNTY_ADMIN)))).toEqual(
      [inC01.openid, inC03.openid].sort(),
    );
    const byPhone = await p.ok(p.account('findUsers', { query: inC03.phone }, COUNTY_ADMIN));
    expect(byPhone).toEqual([
      {
        openid: inC03.openid,
        name: inC03.name,
        phone: `${inC03.phone.slice(0, 3)}****${inC03.phone.slice(-4)}`,
        roles: [{ role: 'resident' }],
      },
    ]);
    // Part of a number finds no one: numbers cannot be probed digit by digit.
    expect(await p.ok(p.account('findUsers', { query: inC03.phone.slice(3) }, COUNTY_ADMIN))).toEqual([]);
    expect(await p.ok(p.account('findUsers', { query: inC03.phone.slice(0, 7) }, COUNTY_ADMIN))).toEqual([]);
  });

  it('a secretary finds only residents of her own community', async () => {
    expect(openids(await p.ok(p.account('findUsers', { query: '上官' }, SECRETARY_C01)))).toEqual([inC01.openid]);
    expect(openids(await p.ok(p.account('findUsers', { query: '上官' }, SECRETARY_C03)))).toEqual([inC03.openid]);
    expect(await p.ok(p.account('findUsers', { query: inC03.phone }, SECRETARY_C01))).toEqual([]);
  });

  it('the query is text, not a pattern', async () => {
    expect(await p.ok(p.account('findUsers', { query: '.*' }, COUNTY_ADMIN))).toEqual([]);
  });
});

describe('contact cards (民情联系卡)', () => {
  const cardOf = (gridId: string, openid: string) =>
    t.cloud.store.find('contactCards', { query: { gridId, openid } })[0] as Record<string, any>;
  const cardInput = (gridId: string, openid: string, overrides: Record<string, unknown> = {}) => ({
    gridId,
    openid,
    title: '网格员',
    name: '罗春燕',
    phone: p.freshPhone(),
    photo: null,
    duties: '负责网格内民情收集和矛盾调解。',
    published: { name: true, phone: true, photo: false },
    ...overrides,
  });

  it('the secretary adds the card of a grid worker she appointed; the grid’s residents see it', async () => {
    const worker = await p.newResident();
    await p.ok(grant(worker.openid, { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g03'] }, SECRETARY_C01));

    const card = await p.ok(p.directory('saveContactCard', cardInput('c01-g03', worker.openid), SECRETARY_C01));

    expect(cardOf('c01-g03', worker.openid)).toMatchObject({ _id: card.id, communityId: 'c01' });
    const resident = await p.newResident({
      address: { communityId: 'c01', residentGroupId: 'c01-r01', microGridId: 'c01-g03-m1' },
    });
    const grid = await p.ok(p.account('myGrid', {}, resident.openid));
    expect(grid.cards.map((c: { id: string }) => c.id)).toContain(card.id);
    const [entry] = await auditOf(card.id);
    expect(entry).toMatchObject({
      kind: 'directory',
      entity: 'contactCards',
      action: 'create',
      before: null,
      by: SECRETARY_C01,
      communityId: 'c01',
    });
  });

  it('a card for someone who is not a worker of the grid is INVALID_INPUT', async () => {
    const stranger = await p.newResident();
    const before = p.snapshot(['contactCards', 'audits']);
    expect(await p.directory('saveContactCard', cardInput('c01-g01', stranger.openid), SECRETARY_C01)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(p.snapshot(['contactCards', 'audits'])).toEqual(before);
  });

  it('a secretary of another community may neither read nor edit c01’s cards: FORBIDDEN, nothing changed', async () => {
    const card = cardOf('c01-g01', 'demo-grid-worker');
    const before = p.snapshot(['contactCards', 'audits'], [['contactCards', card._id]]);
    expect(await p.directory('gridCards', { gridId: 'c01-g01' }, SECRETARY_C03)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    const edit = cardInput('c01-g01', 'demo-grid-worker', { cardId: card._id, name: card.name, phone: card.phone });
    expect(await p.directory('saveContactCard', edit, SECRETARY_C03)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(p.snapshot(['contactCards', 'audits'], [['contactCards', card._id]])).toEqual(before);
  });

  it('editing a card through another grid is NOT_FOUND', async () => {
    const card = cardOf('c01-g01', 'demo-grid-worker');
    const other = cardOf('c01-g02', p.doc('grids', 'c01-g02').gridHeadOpenid);
    const res = await p.directory(
      'saveContactCard',
      cardInput('c01-g01', 'demo-grid-worker', { cardId: other._id, name: card.name, phone: card.phone }),
      SECRETARY_C01,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

/** Valid data of each kind the county admin edits. */
const square = (lng: number, lat: number, d = 0.001) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + d, lat],
      [lng + d, lat + d],
      [lng, lat + d],
      [lng, lat],
    ],
  ],
});
const ENTRIES: Record<string, () => Record<string, unknown>> = {
  community: () => ({
    name: '新城社区',
    address: '兴国县潋江镇新城大道1号',
    location: { lat: 26.345, lng: 115.372 },
    pairedUnitIds: [],
  }),
  grid: () => ({ name: '潋江社区第9网格', communityId: 'c01', boundary: square(115.34, 26.33), order: 9 }),
  microGrid: () => ({
    name: '新苑1栋',
    compound: '新苑',
    gridId: 'c01-g01',
    boundary: square(115.3401, 26.3301, 0.0005),
    householdCount: 48,
    propertyCompanyId: 'p01',
  }),
  unit: () => ({
    name: '兴国县测绘事务所',
    kind: 'institution',
    partyOrgName: '中共兴国县测绘事务所支部委员会',
    pairedCommunityId: 'c03',
  }),
  department: () => ({
    name: '兴国县档案馆',
    shortName: '档案馆',
    liaisonName: '曾庆华',
    liaisonPhone: p.freshPhone(),
  }),
  station: () => ({
    name: '新城红色驿站',
    communityId: 'c01',
    address: '兴国县潋江镇新城大道8号',
    location: { lat: 26.342, lng: 115.345 },
    openingHours: '08:00-20:00',
    services: ['政策宣传', '帮扶解难'],
    amenities: ['茶水', '雨具'],
  }),
  propertyCompany: () => ({
    name: '兴国县新城物业服务有限公司',
    hasPartyOrg: true,
    partyOrgName: '中共兴国县新城物业服务有限公司支部委员会',
    liaisonName: '彭立新',
    liaisonPhone: p.freshPhone(),
    communityIds: ['c01', 'c02'],
  }),
};
const COLLECTION: Record<string, string> = {
  community: 'communities',
  grid: 'grids',
  microGrid: 'grids',
  unit: 'units',
  department: 'departments',
  station: 'stations',
  propertyCompany: 'propertyCompanies',
};
const save = (kind: string, data: Record<string, unknown>, id?: string, by = COUNTY_ADMIN) =>
  p.directory('save', { kind, ...(id ? { id } : {}), data }, by);

describe('directory reads', () => {
  it('communities: all fourteen, in order, for pickers', async () => {
    const list = await p.ok(p.directory('communities', {}, p.freshOpenid('picker')));
    expect(list.slice(0, 14).map((c: { id: string }) => c.id)).toEqual(
      Array.from({ length: 14 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`),
    );
    expect(list[0]).toEqual({
      id: 'c01',
      name: p.doc('communities', 'c01').name,
      address: p.doc('communities', 'c01').address,
    });
  });

  it('community: its resident groups, grids with their micro-grids, and its paired units', async () => {
    const c01 = await p.ok(p.directory('community', { communityId: 'c01' }, p.freshOpenid('picker')));
    const count = (collection: string, query: Record<string, unknown>) => t.cloud.store.count(collection, query);
    expect(c01.residentGroups).toHaveLength(count('residentGroups', { communityId: 'c01' }));
    expect(c01.residentGroups[0]).toEqual({ id: 'c01-r01', name: p.doc('residentGroups', 'c01-r01').name });
    expect(c01.grids.map((g: { id: string }) => g.id)).toEqual(
      t.cloud.store
        .find('grids', { query: { communityId: 'c01', level: 'grid' }, sort: { order: 1 } })
        .map((g) => g._id),
    );
    const g01 = c01.grids[0];
    expect(g01.microGrids.map((m: { id: string }) => m.id)).toEqual(
      t.cloud.store
        .find('grids', { query: { parentId: 'c01-g01', level: 'microGrid' }, sort: { order: 1 } })
        .map((m) => m._id),
    );
    expect(c01.units.map((u: { id: string }) => u.id).sort()).toEqual(
      [...p.doc('communities', 'c01').pairedUnitIds].sort(),
    );
    expect(await p.directory('community', { communityId: 'c99' }, 'demo-resident')).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('units: all, or those paired with one community, with its name', async () => {
    const all = await p.ok(p.directory('units', {}, 'demo-resident'));
    expect(all).toHaveLength(t.cloud.store.count('units', {}));
    const ofC01 = await p.ok(p.directory('units', { communityId: 'c01' }, 'demo-resident'));
    expect(ofC01.length).toBeGreaterThan(0);
    expect(ofC01.every((u: { pairedCommunityId: string }) => u.pairedCommunityId === 'c01')).toBe(true);
    expect(ofC01[0].pairedCommunityName).toBe(p.doc('communities', 'c01').name);
  });

  it('departments: for staff who route whistles', async () => {
    const list = await p.ok(p.directory('departments', {}, SECRETARY_C01));
    expect(list).toHaveLength(t.cloud.store.count('departments', {}));
    expect(list[0]).toEqual({
      id: 'd01',
      name: p.doc('departments', 'd01').name,
      shortName: p.doc('departments', 'd01').shortName,
    });
  });
});

describe('directory.save (county admin)', () => {
  it.each(Object.keys(ENTRIES))(
    'creates and edits a %s; both audited with before, after and the admin’s name',
    async (kind) => {
      const data = ENTRIES[kind]();
      const { id } = await p.ok(save(kind, data));
      expect(p.doc(COLLECTION[kind], id)).toBeDefined();

      const edited = { ...data, name: `${data.name as string}二` };
      expect(await p.ok(save(kind, edited, id))).toEqual({ id });
      expect(p.doc(COLLECTION[kind], id).name).toBe(edited.name);

      const [update, create] = await auditOf(id);
      expect(create).toMatchObject({
        entity: kind,
        entityId: id,
        action: 'create',
        by: COUNTY_ADMIN,
        byName: adminName(),
        before: null,
      });
      expect(create.after).toMatchObject({ _id: id, name: data.name });
      expect(update).toMatchObject({
        action: 'update',
        byName: adminName(),
        before: { name: data.name },
        after: { name: edited.name },
      });
    },
  );

  it('a new micro-grid lies in its grid’s community; residents can live there', async () => {
    const { id } = await p.ok(save('microGrid', ENTRIES.microGrid()));
    expect(p.doc('grids', id)).toMatchObject({ level: 'microGrid', parentId: 'c01-g01', communityId: 'c01' });
    expect(p.doc('grids', id).gridId).toBeUndefined();
    const resident = await p.newResident({ address: { ...C01_ADDRESS, microGridId: id } });
    expect((await p.ok(p.account('myGrid', {}, resident.openid))).microGrid.id).toBe(id);
  });

  it('a new grid can be staffed: a grid worker is appointed and the secretary adds their card', async () => {
    const { id } = await p.ok(save('grid', ENTRIES.grid()));
    expect(await p.ok(p.directory('gridCards', { gridId: id }, SECRETARY_C01))).toEqual([]);
    const stranger = await p.newResident();
    expect(
      await p.directory(
        'saveContactCard',
        {
          gridId: id,
          openid: stranger.openid,
          title: '网格长',
          name: stranger.name,
          phone: stranger.phone,
          duties: '负责网格工作调度。',
          published: { name: true, phone: true, photo: false },
        },
        SECRETARY_C01,
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    await p.ok(grant(stranger.openid, { role: 'gridWorker', communityId: 'c01', gridIds: [id] }, SECRETARY_C01));
    await p.ok(
      p.directory(
        'saveContactCard',
        {
          gridId: id,
          openid: stranger.openid,
          title: '网格长',
          name: stranger.name,
          phone: stranger.phone,
          duties: '负责网格工作调度。',
          published: { name: true, phone: true, photo: false },
        },
        SECRETARY_C01,
      ),
    );
    expect(await p.ok(p.directory('gridCards', { gridId: id }, SECRETARY_C01))).toHaveLength(1);
  });

  it('re-pairing a unit moves its id between the two communities’ pairedUnitIds', async () => {
    const { id } = await p.ok(save('unit', ENTRIES.unit()));
    expect(p.doc('communities', 'c03').pairedUnitIds).toContain(id);

    await p.ok(save('unit', { ...ENTRIES.unit(), pairedCommunityId: 'c04' }, id));

    expect(p.doc('communities', 'c03').pairedUnitIds).not.toContain(id);
    expect(p.doc('communities', 'c04').pairedUnitIds).toContain(id);
    const ofC04 = await p.ok(p.directory('units', { communityId: 'c04' }, 'demo-resident'));
    expect(ofC04.map((u: { id: string }) => u.id)).toContain(id);
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ before: { pairedCommunityId: 'c03' }, after: { pairedCommunityId: 'c04' } });
  });

  it('editing a community keeps its pairings, its secretary and its settings', async () => {
    const before = p.doc('communities', 'c02');
    const { name, address, location } = before;

    await p.ok(
      save('community', { name: `${name as string}`, address: `${address as string}（新址）`, location }, 'c02'),
    );

    const after = p.doc('communities', 'c02');
    expect(after.address).toBe(`${address as string}（新址）`);
    expect(after.secretaryOpenid).toBe(before.secretaryOpenid);
    expect(after.settings).toEqual(before.settings);
    expect([...after.pairedUnitIds].sort()).toEqual(
      t.cloud.store
        .find('units', { query: { pairedCommunityId: 'c02' } })
        .map((u) => u._id)
        .sort(),
    );
  });

  it('the pairing belongs to the unit: a community listing units paired elsewhere is INVALID_INPUT', async () => {
    const c02 = p.doc('communities', 'c02');
    const data = { name: c02.name, address: c02.address, location: c02.location };
    const before = p.snapshot(['audits'], [['communities', 'c02']]);
    expect(await save('community', { ...data, pairedUnitIds: ['u01'] }, 'c02')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: [{ path: 'data.pairedUnitIds' }] },
    });
    expect(p.snapshot(['audits'], [['communities', 'c02']])).toEqual(before);
    // Restating the pairing as it is, is fine.
    await p.ok(save('community', { ...data, pairedUnitIds: [...c02.pairedUnitIds].reverse() }, 'c02'));
    expect([...p.doc('communities', 'c02').pairedUnitIds].sort()).toEqual([...c02.pairedUnitIds].sort());
  });

  it('two entries created at the same moment get two ids', async () => {
    const before = t.cloud.store.count('departments', {});
    const replies = await Promise.all([1, 2, 3].map(() => p.ok(save('department', ENTRIES.department()))));
    expect(new Set(replies.map((r) => r.id)).size).toBe(3);
    expect(t.cloud.store.count('departments', {})).toBe(before + 3);
  });

  const bad: Array<[string, string, () => Record<string, unknown>]> = [
    ['a grid of an unknown community', 'grid', () => ({ ...ENTRIES.grid(), communityId: 'c99' })],
    ['a micro-grid under a micro-grid', 'microGrid', () => ({ ...ENTRIES.microGrid(), gridId: 'c01-g01-m1' })],
    [
      'a micro-grid of an unknown property company',
      'microGrid',
      () => ({ ...ENTRIES.microGrid(), propertyCompanyId: 'p99' }),
    ],
    ['a unit paired with an unknown community', 'unit', () => ({ ...ENTRIES.unit(), pairedCommunityId: 'c99' })],
    ['a station in an unknown community', 'station', () => ({ ...ENTRIES.station(), communityId: 'c99' })],
    [
      'a property company serving an unknown community',
      'propertyCompany',
      () => ({ ...ENTRIES.propertyCompany(), communityIds: ['c01', 'c99'] }),
    ],
    [
      'a community paired with an unknown unit',
      'community',
      () => ({ ...ENTRIES.community(), pairedUnitIds: ['u99'] }),
    ],
    [
      'a boundary that is not closed',
      'grid',
      () => ({
        ...ENTRIES.grid(),
        boundary: { type: 'Polygon', coordinates: [square(115.34, 26.33).coordinates[0].slice(0, 4)] },
      }),
    ],
    [
      'a boundary of three points',
      'grid',
      () => ({
        ...ENTRIES.grid(),
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [115.34, 26.33],
              [115.35, 26.33],
              [115.34, 26.33],
            ],
          ],
        },
      }),
    ],
    ['a boundary outside China', 'grid', () => ({ ...ENTRIES.grid(), boundary: square(15.34, 26.33) })],
    ['a location outside China', 'station', () => ({ ...ENTRIES.station(), location: { lat: 26.34, lng: 200 } })],
    ['a latitude out of range', 'community', () => ({ ...ENTRIES.community(), location: { lat: -91, lng: 115.36 } })],
    ['opening hours without leading zero', 'station', () => ({ ...ENTRIES.station(), openingHours: '8:00-20:00' })],
    ['opening hours past midnight hour 25', 'station', () => ({ ...ENTRIES.station(), openingHours: '08:00-25:00' })],
    ['opening hours with a tilde', 'station', () => ({ ...ENTRIES.station(), openingHours: '08:00~20:00' })],
    ['an unknown amenity', 'station', () => ({ ...ENTRIES.station(), amenities: ['按摩椅'] })],
    ['an empty name', 'department', () => ({ ...ENTRIES.department(), name: ' ' })],
    ['an overlong name', 'unit', () => ({ ...ENTRIES.unit(), name: '局'.repeat(51) })],
    ['a unit of 12.5 在职党员', 'unit', () => ({ ...ENTRIES.unit(), memberCount: 12.5 })],
    ['an invalid liaison phone', 'department', () => ({ ...ENTRIES.department(), liaisonPhone: '0797-1234567' })],
    ['an unknown field', 'department', () => ({ ...ENTRIES.department(), budget: 100 })],
  ];
  it.each(bad)('%s is INVALID_INPUT and nothing is written', async (_label, kind, data) => {
    const before = p.snapshot([COLLECTION[kind], 'audits', 'communities']);
    expect(await save(kind, data())).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(p.snapshot([COLLECTION[kind], 'audits', 'communities'])).toEqual(before);
  });

  it('editing an id that does not exist is NOT_FOUND; a grid edited as a micro-grid is INVALID_INPUT', async () => {
    const before = p.snapshot(['departments', 'grids', 'audits']);
    expect(await save('department', ENTRIES.department(), 'd99')).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await save('microGrid', ENTRIES.microGrid(), 'c01-g02')).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await save('grid', ENTRIES.grid(), 'c01-g02-m1')).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(p.snapshot(['departments', 'grids', 'audits'])).toEqual(before);
  });

  it('only the county admin edits the directory: a secretary is FORBIDDEN and nothing changes', async () => {
    const before = p.snapshot(['stations', 'audits'], [['stations', 's01']]);
    expect(await save('station', ENTRIES.station(), 's01', SECRETARY_C01)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(p.snapshot(['stations', 'audits'], [['stations', 's01']])).toEqual(before);
  });

  it('the audit trail is newest first, 20 a page', async () => {
    const page = await p.ok(p.directory('audit', {}, COUNTY_ADMIN));
    expect(page.items).toHaveLength(20);
    expect(page.next).toBe(20);
    const at = page.items.map((e: { at: string }) => e.at);
    expect(at).toEqual([...at].sort().reverse());
  });
});

describe('a unit’s 在职党员数 (memberCount)', () => {
  const entryOf = async (id: string) => (await p.ok(p.directory('entry', { kind: 'unit', id }, COUNTY_ADMIN))).data;
  const listed = async (id: string) =>
    (await p.ok(p.directory('units', {}, COUNTY_ADMIN))).find((u: { id: string }) => u.id === id);
  const MESSAGE = '在职党员数应为 0–100000 之间的整数';

  it('is stored, handed back by directory.entry and listed with the unit; a change is audited before → after', async () => {
    const { id } = await p.ok(save('unit', { ...ENTRIES.unit(), memberCount: 86 }));

    expect(p.doc('units', id).memberCount).toBe(86);
    expect(await entryOf(id)).toEqual({ ...ENTRIES.unit(), memberCount: 86 });
    expect(await listed(id)).toMatchObject({ id, memberCount: 86 });

    await p.ok(save('unit', { ...ENTRIES.unit(), memberCount: 90 }, id));
    expect(p.doc('units', id).memberCount).toBe(90);
    const [update] = await auditOf(id);
    expect(update).toMatchObject({ action: 'update', before: { memberCount: 86 }, after: { memberCount: 90 } });
  });

  it('takes 0 and 100000; a unit created without it is unknown (null)', async () => {
    const { id } = await p.ok(save('unit', ENTRIES.unit()));
    expect(await entryOf(id)).toMatchObject({ memberCount: null });
    expect(await listed(id)).toMatchObject({ memberCount: null });
    for (const n of [0, 100_000]) {
      await p.ok(save('unit', { ...ENTRIES.unit(), memberCount: n }, id));
      expect((await entryOf(id)).memberCount).toBe(n);
    }
  });

  it('an edit without it keeps the stored number; null clears it', async () => {
    const { id } = await p.ok(save('unit', { ...ENTRIES.unit(), memberCount: 120 }));

    await p.ok(save('unit', { ...ENTRIES.unit(), name: '兴国县测绘事务所（新）' }, id));
    expect(p.doc('units', id)).toMatchObject({ name: '兴国县测绘事务所（新）', memberCount: 120 });
    expect((await entryOf(id)).memberCount).toBe(120);
    const [renamed] = await auditOf(id);
    expect(renamed).toMatchObject({ before: { memberCount: 120 }, after: { memberCount: 120 } });

    await p.ok(save('unit', { ...ENTRIES.unit(), memberCount: null }, id));
    expect(p.doc('units', id).memberCount).toBeNull();
    expect((await entryOf(id)).memberCount).toBeNull();
    expect(await listed(id)).toMatchObject({ memberCount: null });
    const [cleared] = await auditOf(id);
    expect(cleared).toMatchObject({ before: { memberCount: 120 }, after: { memberCount: null } });
  });

  it.each([-1, 1.5, 100_001, '12'])('%p is INVALID_INPUT on memberCount, and the unit is unchanged', async (bad) => {
    const { id } = await p.ok(save('unit', { ...ENTRIES.unit(), memberCount: 40 }));
    const before = p.snapshot(['units', 'audits', 'communities'], [['units', id]]);

    expect(await save('unit', { ...ENTRIES.unit(), memberCount: bad }, id)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: [{ path: 'data.memberCount', message: MESSAGE }] },
    });

    expect(p.snapshot(['units', 'audits', 'communities'], [['units', id]])).toEqual(before);
    expect((await entryOf(id)).memberCount).toBe(40);
  });

  it('the seed gives every unit at least as many as its members reported (双报到率 ≤ 100 %)', () => {
    // No test of this file verifies a report: the reported tallies are the seed's.
    const reported = new Map<string, number>();
    for (const shard of t.cloud.store.find('tallies', { query: { kind: 'reported', scope: 'unit' } }))
      reported.set(shard.scopeId as string, (reported.get(shard.scopeId as string) ?? 0) + (shard.reported as number));
    expect(reported.size).toBeGreaterThan(0);
    const seeded = t.cloud.store.find('units', { query: {} }).filter((u) => /^u\d+$/.test(u._id));
    expect(seeded).toHaveLength(40);
    for (const u of seeded) {
      expect(u.memberCount).toEqual(expect.any(Number));
      expect(u.memberCount).toBeGreaterThanOrEqual(reported.get(u._id) ?? 0);
    }
  });
});

describe('masking of member reports', () => {
  it('the member and the secretary in scope see name and phone in full', async () => {
    const member = await p.newMember();
    const [own] = await p.ok(p.account('myReports', {}, member.openid));
    expect(own).toMatchObject({ name: member.name, phone: member.phone });
    const queued = (await p.ok(p.account('reportQueue', {}, SECRETARY_C01))).find(
      (r: { id: string }) => r.id === member.report.id,
    );
    expect(queued).toMatchObject({ name: member.name, phone: member.phone });
    const unitView = (await p.ok(p.account('unitMembers', {}, 'demo-unit-admin'))).find(
      (m: { openid: string }) => m.openid === member.openid,
    );
    expect(unitView).toMatchObject({ name: member.name, phone: member.phone });
  });
});

describe('directory.entry and directory.propertyCompanies', () => {
  it("hands the county admin a grid's stored fields, boundary as plain GeoJSON, which save takes back unchanged", async () => {
    const t2 = await startLocalCloud();
    try {
      const call = (action: string, payload: unknown, openid: string) =>
        t2.invoke('directory', { action, payload }, openid) as Promise<any>;
      const got = await call('entry', { kind: 'grid', id: 'c01-g01' }, 'demo-county-admin');
      expect(got.data.data).toMatchObject({
        name: '潋江社区第1网格',
        communityId: 'c01',
        boundary: { type: 'Polygon' },
      });
      const saved = await call(
        'save',
        { kind: 'grid', id: 'c01-g01', data: { ...got.data.data, name: '潋江社区第一网格' } },
        'demo-county-admin',
      );
      expect(saved.ok).toBe(true);
      const stored = t2.cloud.store.find('grids', { query: { _id: 'c01-g01' } })[0] as any;
      expect(stored).toMatchObject({ name: '潋江社区第一网格', level: 'grid', boundary: got.data.data.boundary });
      const micro = await call('entry', { kind: 'microGrid', id: 'c01-g01-m1' }, 'demo-county-admin');
      expect(micro.data.data.gridId).toBe('c01-g01');
      expect(await call('entry', { kind: 'grid', id: 'c01-g01-m1' }, 'demo-county-admin')).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const companies = await call('propertyCompanies', {}, 'demo-secretary');
      expect(companies.data).toHaveLength(21);
      expect(companies.data.filter((c: any) => c.hasPartyOrg).length).toBeGreaterThan(0);
    } finally {
      await t2.stop();
    }
  });
});
