import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { point } from '@turf/helpers';
import type { PlaceOption } from '../../contract';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { clockNow, people, type People } from '../helpers/people';

/**
 * Places on a map without a map: the secretary picks where an activity is from the directory
 * (directory.places), the activity keeps the place's address and phone for the members, and the
 * server still refuses a point or a radius outside the contract's bounds.
 */

let t: TestCloud;
let p: People;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const SECRETARY = 'demo-secretary'; // c01
const COUNTY_ADMIN = 'demo-county-admin';
const MIN = 60_000;

async function activityInput(place: Record<string, unknown>) {
  const n = (await clockNow(t)).getTime();
  const iso = (m: number) => new Date(n + m * MIN).toISOString();
  return {
    type: 'partyMeeting',
    title: '主题党日活动',
    description: '',
    startAt: iso(60),
    endAt: iso(120),
    signUpBy: iso(30),
    place,
    capacity: 20,
  };
}

describe('directory.places', () => {
  it("lists the secretary's own community: its Red Stations, its centre, its buildings, each with name, address and point", async () => {
    const places = await p.ok<PlaceOption[]>(p.directory('places', {}, SECRETARY));
    const kinds = places.map((x) => x.kind);
    // Stations first, then the community's centre, then the buildings.
    expect(kinds.indexOf('community')).toBe(kinds.lastIndexOf('station') + 1);
    expect(kinds.slice(kinds.indexOf('community') + 1).every((k) => k === 'microGrid')).toBe(true);

    const stations = t.cloud.store.find('stations', { query: { communityId: 'c01' } }) as any[];
    expect(places.filter((x) => x.kind === 'station')).toEqual(
      stations.map((s) => ({
        kind: 'station',
        id: s._id,
        name: s.name,
        address: s.address,
        location: s.location,
        phone: s.phone,
      })),
    );
    expect(stations.some((s) => typeof s.phone === 'string')).toBe(true);

    const c01 = p.doc('communities', 'c01');
    expect(places.find((x) => x.kind === 'community')).toEqual({
      kind: 'community',
      id: 'c01',
      name: `${c01.name}党群服务中心`,
      address: c01.address,
      location: c01.location,
      phone: null,
    });

    const buildings = places.filter((x) => x.kind === 'microGrid');
    const micro = t.cloud.store.find('grids', { query: { communityId: 'c01', level: 'microGrid' } }) as any[];
    expect(buildings).toHaveLength(micro.length);
    for (const b of buildings) {
      const m = micro.find((x) => x._id === b.id);
      // The point lies in the building's boundary; the address names its grid.
      expect(booleanPointInPolygon(point([b.location.lng, b.location.lat]), m.boundary)).toBe(true);
      expect(b.name).toContain(m.compound);
      expect(b.address).toBe(p.doc('grids', m.parentId).name);
    }
  });

  it("the county admin names the community; a secretary cannot read another community's places", async () => {
    const c03 = await p.ok<PlaceOption[]>(p.directory('places', { communityId: 'c03' }, COUNTY_ADMIN));
    expect(c03.find((x) => x.kind === 'community')?.id).toBe('c03');
    expect(await p.directory('places', {}, COUNTY_ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await p.directory('places', { communityId: 'c03' }, SECRETARY)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it("a unit admin reads the places of the community their unit is paired with (its chair month's activity), no other", async () => {
    const own = await p.ok<PlaceOption[]>(p.directory('places', {}, 'demo-unit-admin'));
    expect(own.find((x) => x.kind === 'community')?.id).toBe('c01');
    expect(await p.directory('places', { communityId: 'c03' }, 'demo-unit-admin')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('an activity at a place of the directory', () => {
  it('keeps the Red Station picked: members read its name, address and phone', async () => {
    const places = await p.ok<PlaceOption[]>(p.directory('places', {}, SECRETARY));
    const station = places.find((x) => x.kind === 'station' && x.phone)!;
    const input = await activityInput({
      name: station.name,
      address: station.address,
      phone: station.phone,
      ...station.location,
      radius: 100,
    });
    const published = await p.ok(p.call('sixOnes', 'publishActivity', input, SECRETARY));
    const read = await p.ok(p.call('sixOnes', 'activity', { activityId: published.id }, 'demo-member'));
    expect(read.place).toEqual({
      name: station.name,
      address: station.address,
      phone: station.phone,
      lat: station.location.lat,
      lng: station.location.lng,
      radius: 100,
    });
  });

  it('an activity published without an address reads with none, and no phone', async () => {
    const input = await activityInput({ name: '社区广场', lat: 26.335, lng: 115.342143, radius: 200 });
    const published = await p.ok(p.call('sixOnes', 'publishActivity', input, SECRETARY));
    expect(published.place).toMatchObject({ name: '社区广场', address: '', phone: null });
  });

  it.each([
    ['a latitude outside China', { lat: 60, lng: 115.34 }, 'place.lat'],
    ['a longitude outside China', { lat: 26.33, lng: 140 }, 'place.lng'],
    ['a radius under 20 m', { lat: 26.33, lng: 115.34, radius: 10 }, 'place.radius'],
    ['a radius over 5 km', { lat: 26.33, lng: 115.34, radius: 6000 }, 'place.radius'],
    ['a phone that is no phone', { lat: 26.33, lng: 115.34, phone: '12345' }, 'place.phone'],
  ])('the server refuses %s', async (_label, over, path) => {
    const input = await activityInput({ name: '社区广场', radius: 200, ...over });
    const reply = await p.call('sixOnes', 'publishActivity', input, SECRETARY);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify((reply as any).error.details)).toContain(path);
  });
});

describe('a Red Station with a phone', () => {
  it('the county admin sets or clears it; the station list shows it', async () => {
    const entry = await p.ok(p.directory('entry', { kind: 'station', id: 's01' }, COUNTY_ADMIN));
    const phone = p.freshPhone();
    await p.ok(p.directory('save', { kind: 'station', id: 's01', data: { ...entry.data, phone } }, COUNTY_ADMIN));
    const list = await p.ok(p.directory('stations', {}, 'demo-resident'));
    expect(list.find((s: any) => s.id === 's01').phone).toBe(phone);
    await p.ok(p.directory('save', { kind: 'station', id: 's01', data: { ...entry.data, phone: null } }, COUNTY_ADMIN));
    expect(p.doc('stations', 's01').phone).toBeNull();
  });
});
