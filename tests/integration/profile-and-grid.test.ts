import { PRIVACY_VERSION } from '../../contract';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { advanceClock, C01_ADDRESS, clockNow, people, type People } from '../helpers/people';

/**
 * A resident's first steps (issue 3): accept the privacy guide, fill the profile (name, phone
 * typed or exchanged from a weapp button code, address), then see "my grid" and the Red
 * Stations nearby — each read within its database budget.
 */

let t: TestCloud;
let p: People;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const profile = (overrides: Record<string, unknown> = {}) => ({
  name: '欧阳春兰',
  phone: p.freshPhone(),
  address: { ...C01_ADDRESS },
  ...overrides,
});

describe('account.acceptPrivacy', () => {
  it('two concurrent first calls of a new user (accepting the guide) create one user, who has accepted', async () => {
    const openid = p.freshOpenid('racing-reader');
    const replies = await Promise.all(
      [1, 2, 3].map(() => p.account('acceptPrivacy', { version: PRIVACY_VERSION }, openid)),
    );
    expect(replies.map((r) => r.ok)).toEqual([true, true, true]);
    expect(t.cloud.store.count('users', { _id: openid })).toBe(1);
    expect(p.doc('users', openid).privacyAcceptedVersion).toBe(PRIVACY_VERSION);
  });
});

describe('account.updateProfile', () => {
  it('a newcomer who has not accepted the privacy guide cannot fill a profile, and nothing is saved', async () => {
    const openid = p.freshOpenid('no-privacy');
    await p.ok(p.account('me', {}, openid));
    const before = p.snapshot(['users'], [['users', openid]]);

    const res = await p.account('updateProfile', profile(), openid);

    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(p.snapshot(['users'], [['users', openid]])).toEqual(before);
  });

  it('a caller never seen before cannot fill a profile either, and is not registered by trying', async () => {
    const openid = p.freshOpenid('never-seen');
    const res = await p.account('updateProfile', profile(), openid);
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(p.doc('users', openid)).toBeUndefined();
  });

  it('with the guide accepted, a typed phone and an address are saved; the grid follows the building', async () => {
    const openid = await p.newcomer();
    const phone = p.freshPhone();

    const saved = await p.ok(
      p.account(
        'updateProfile',
        profile({ name: '钟·阿依', phone, address: { ...C01_ADDRESS, building: '' } }),
        openid,
      ),
    );

    expect(saved).toMatchObject({
      openid,
      name: '钟·阿依',
      displayName: '钟·阿依',
      phone,
      address: { ...C01_ADDRESS, building: '', gridId: 'c01-g01' },
    });
    // 我的 shows the same profile on the next visit.
    const me = await p.ok(p.account('me', {}, openid));
    expect(me).toMatchObject({ isNew: false, name: '钟·阿依', phone, address: saved.address });
  });

  it('editing the address to another building moves the resident to that building’s grid', async () => {
    const { openid, name, phone } = await p.newResident();
    const address = { communityId: 'c01', residentGroupId: 'c01-r02', microGridId: 'c01-g02-m1', building: '3栋' };

    const moved = await p.ok(p.account('updateProfile', { name, phone, address }, openid));

    expect(moved.address).toEqual({ ...address, gridId: 'c01-g02' });
    expect(p.doc('users', openid).address).toEqual({ ...address, gridId: 'c01-g02' });
  });

  it('in weapp the phone-number button code is exchanged on the server for the number', async () => {
    const openid = await p.newcomer();
    const exchanges = () => t.cloud.store.counters.get('openapi.phonenumber.getPhoneNumber') ?? 0;
    const before = exchanges();

    const saved = await p.ok(
      p.account(
        'updateProfile',
        { name: '赖文清', phoneCode: 'local-phone-13912345678', address: C01_ADDRESS },
        openid,
      ),
    );

    expect(saved.phone).toBe('13912345678');
    expect(p.doc('users', openid).phone).toBe('13912345678');
    expect(exchanges()).toBe(before + 1);
  });

  it('a used or forged phone code is INVALID_INPUT and the profile stays as it was', async () => {
    const resident = await p.newResident();
    const before = p.snapshot(['users'], [['users', resident.openid]]);

    const res = await p.account(
      'updateProfile',
      { name: '赖文清', phoneCode: 'forged-code', address: C01_ADDRESS },
      resident.openid,
    );

    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: 'phoneCode' }] } });
    expect(p.snapshot(['users'], [['users', resident.openid]])).toEqual(before);
  });

  const badProfiles: Array<[string, (phone: string) => Record<string, unknown>]> = [
    ['a phone that is not a mainland mobile', () => profile({ phone: '12812341234' })],
    ['a phone one digit short', () => profile({ phone: '1381234123' })],
    ['neither phone nor phone code', () => ({ name: '欧阳春兰', address: C01_ADDRESS })],
    ['an empty name', (phone) => profile({ phone, name: '' })],
    ['a name of blanks', (phone) => profile({ phone, name: '   ' })],
    ['a one-character name', (phone) => profile({ phone, name: '张' })],
    ['an overlong name', (phone) => profile({ phone, name: '张'.repeat(21) })],
    ['a name with digits', (phone) => profile({ phone, name: '张三3' })],
    [
      'a micro-grid of another community',
      (phone) => profile({ phone, address: { ...C01_ADDRESS, microGridId: 'c02-g01-m1' } }),
    ],
    [
      'a grid instead of a micro-grid',
      (phone) => profile({ phone, address: { ...C01_ADDRESS, microGridId: 'c01-g01' } }),
    ],
    ['an unknown micro-grid', (phone) => profile({ phone, address: { ...C01_ADDRESS, microGridId: 'c01-g01-m9' } })],
    [
      'an unknown resident group',
      (phone) => profile({ phone, address: { ...C01_ADDRESS, residentGroupId: 'c01-r99' } }),
    ],
    [
      'a resident group of another community',
      (phone) => profile({ phone, address: { ...C01_ADDRESS, residentGroupId: 'c02-r01' } }),
    ],
    [
      'an unknown community',
      (phone) => profile({ phone, address: { ...C01_ADDRESS, communityId: 'c99', residentGroupId: 'c99-r01' } }),
    ],
    ['an overlong building', (phone) => profile({ phone, address: { ...C01_ADDRESS, building: '楼'.repeat(31) } })],
  ];

  it.each(badProfiles)('%s is INVALID_INPUT and the user is unchanged', async (_label, payload) => {
    const resident = await p.newResident();
    const before = p.snapshot(['users'], [['users', resident.openid]]);

    const res = await p.account('updateProfile', payload(p.freshPhone()), resident.openid);

    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(p.snapshot(['users'], [['users', resident.openid]])).toEqual(before);
  });
});

describe('account.me (我的)', () => {
  it('takes at most 2 database requests for a known user', async () => {
    const { result, requests } = await p.dbRequests(() => p.account('me', {}, 'demo-resident'));
    expect(result.ok).toBe(true);
    expect(requests).toBeLessThanOrEqual(2);
  });

  it('takes at most 2 database requests for a first-time caller, who is registered', async () => {
    const openid = p.freshOpenid('budget');
    const { result, requests } = await p.dbRequests(() => p.account('me', {}, openid));
    expect(result.data).toMatchObject({ openid, isNew: true });
    expect(requests).toBeLessThanOrEqual(2);
  });
});

describe('account.myGrid (我的网格)', () => {
  const gridCardOf = (openid: string) =>
    t.cloud.store.find('contactCards', { query: { gridId: 'c01-g01', openid } })[0] as { _id: string } & Record<
      string,
      any
    >;

  it('shows 张秀兰 her community, grid and building, grid head first, and the 1+1带N pair of her building', async () => {
    const grid = await p.ok(p.account('myGrid', {}, 'demo-resident'));

    expect(grid.community).toEqual({ id: 'c01', name: p.doc('communities', 'c01').name });
    expect(grid.grid).toEqual({ id: 'c01-g01', name: p.doc('grids', 'c01-g01').name });
    expect(grid.microGrid).toEqual({ id: 'c01-g01-m1', name: p.doc('grids', 'c01-g01-m1').name });

    const stored = t.cloud.store.find('contactCards', { query: { gridId: 'c01-g01' } });
    expect(grid.cards).toHaveLength(stored.length);
    expect(grid.cards[0].title).toBe('网格长');
    expect(grid.cards.slice(1).every((c: { title: string }) => c.title === '网格员')).toBe(true);
    const headOpenid = p.doc('grids', 'c01-g01').gridHeadOpenid;
    expect(grid.cards[0].id).toBe(gridCardOf(headOpenid)._id);
    for (const card of grid.cards) {
      expect(Object.keys(card).sort()).toEqual(['duties', 'id', 'name', 'phone', 'photo', 'title']);
    }

    const pair = p.doc('grids', 'c01-g01-m1').pair;
    expect(grid.pair).toEqual({
      memberName: pair.memberName,
      gridWorkerName: pair.gridWorkerName,
      households: pair.households,
    });
  });

  it('a card shows only what its person agreed to publish; the secretary still sees everything', async () => {
    const card = gridCardOf('demo-grid-worker');
    const [full] = (await p.ok(p.directory('gridCards', { gridId: 'c01-g01' }, 'demo-secretary'))).filter(
      (c: { id: string }) => c.id === card._id,
    );
    const { id: cardId, ...rest } = full;
    await p.ok(
      p.directory(
        'saveContactCard',
        { ...rest, cardId, published: { name: true, phone: false, photo: false } },
        'demo-secretary',
      ),
    );

    const seen = (await p.ok(p.account('myGrid', {}, 'demo-resident'))).cards.find(
      (c: { id: string }) => c.id === card._id,
    );
    expect(seen).toMatchObject({ name: card.name, phone: null, photo: null, duties: card.duties });

    const staffView = (await p.ok(p.directory('gridCards', { gridId: 'c01-g01' }, 'demo-secretary'))).find(
      (c: { id: string }) => c.id === card._id,
    );
    expect(staffView).toMatchObject({ phone: card.phone, published: { name: true, phone: false, photo: false } });
  });

  it('a newcomer without an address is told to fill one in (NOT_FOUND)', async () => {
    const openid = await p.newcomer();
    expect(await p.account('myGrid', {}, openid)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a caller never seen before must register first (FORBIDDEN)', async () => {
    expect(await p.account('myGrid', {}, p.freshOpenid('stranger'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('a new resident sees the grid of the building they chose', async () => {
    const { openid } = await p.newResident({
      address: { communityId: 'c02', residentGroupId: 'c02-r01', microGridId: 'c02-g01-m2' },
    });
    const grid = await p.ok(p.account('myGrid', {}, openid));
    expect(grid).toMatchObject({ community: { id: 'c02' }, grid: { id: 'c02-g01' }, microGrid: { id: 'c02-g01-m2' } });
  });

  it('takes at most 2 database requests (the router’s user read counts as one)', async () => {
    const { result, requests } = await p.dbRequests(() => p.account('myGrid', {}, 'demo-resident'));
    expect(result.ok).toBe(true);
    expect(requests).toBeLessThanOrEqual(2);
  });
});

describe('directory.stations (红色驿站)', () => {
  const DAY = 86_400_000;
  /** Minutes after midnight in Asia/Shanghai (UTC+8, no daylight saving). */
  const localMs = (d: Date) => (d.getTime() + 8 * 3_600_000) % DAY;
  const localMinutes = (d: Date) => Math.floor(localMs(d) / 60_000);
  /** Independent reading of 'HH:mm-HH:mm'. */
  const openAt = (hours: string, minute: number) => {
    const [from, to] = hours.split('-').map((hm) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5)));
    return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  };

  it('without a location: every station, with hours, services, amenities, and no distance', async () => {
    const stations = await p.ok(p.directory('stations', {}, 'demo-resident'));
    expect(stations).toHaveLength(t.cloud.store.count('stations', {}));
    for (const s of stations) {
      expect(s.distanceM).toBeNull();
      expect(s.openingHours).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}$/);
      expect(s.services.length).toBeGreaterThan(0);
      expect(s.amenities.length).toBeGreaterThan(0);
      expect(s.communityName).toBe(p.doc('communities', s.communityId).name);
      expect(typeof s.openNow).toBe('boolean');
    }
  });

  it('with a location: nearest first, distances in whole metres; standing at a station puts it first at 0 m', async () => {
    const s05 = p.doc('stations', 's05');
    const stations = await p.ok(p.directory('stations', { near: s05.location }, p.freshOpenid('walker')));

    expect(stations[0]).toMatchObject({ id: 's05', distanceM: 0 });
    const distances = stations.map((s: { distanceM: number }) => s.distanceM);
    expect(distances.every((d: unknown) => typeof d === 'number' && Number.isInteger(d))).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    // The county town is a few kilometres across.
    expect(distances[distances.length - 1]).toBeGreaterThan(0);
    expect(distances[distances.length - 1]).toBeLessThan(10_000);
  });

  it('a location outside mainland China is INVALID_INPUT', async () => {
    expect(await p.directory('stations', { near: { lat: 60, lng: 115 } }, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('takes at most 2 database requests', async () => {
    const { result, requests } = await p.dbRequests(() =>
      p.directory('stations', { near: { lat: 26.34, lng: 115.355 } }, 'demo-resident'),
    );
    expect(result.ok).toBe(true);
    expect(requests).toBeLessThanOrEqual(2);
  });

  // Last in the file: the emulator's clock only moves forward.
  it.each([
    ['03:00, when every station is closed', 3 * 60],
    ['12:00, when every station is open', 12 * 60],
    ['21:30, when only the late ones are open', 21 * 60 + 30],
  ])('openNow follows the emulator clock: at %s', async (_label, target) => {
    // Aim half a minute into the target minute, so the few milliseconds of the calls do not matter.
    const now = await clockNow(t);
    const ahead = (((target * 60_000 + 30_000 - localMs(now)) % DAY) + DAY) % DAY;
    const at = await advanceClock(t, ahead);
    expect(localMinutes(at)).toBe(target);

    const stations = await p.ok(p.directory('stations', {}, 'demo-resident'));
    for (const s of stations)
      expect({ id: s.id, openNow: s.openNow }).toEqual({ id: s.id, openNow: openAt(s.openingHours, target) });
    if (target === 3 * 60) expect(stations.some((s: { openNow: boolean }) => s.openNow)).toBe(false);
    if (target === 12 * 60) expect(stations.every((s: { openNow: boolean }) => s.openNow)).toBe(true);
  });
});
