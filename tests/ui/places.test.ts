/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * Places on a map in the built weapp, through the real cloud functions (local CloudBase): the
 * secretary of 潋江社区 picks an activity's place on WeChat's map (chooseLocation) and a check-in
 * radius, and the form sends that point; closing the map or refusing it leaves the form as it
 * was. Members open WeChat's map at an activity's place and at a Red Station (openLocation, 导航)
 * and see the phone the directory has. Nobody is shown coordinates. Needs `npm run build:weapp`.
 */
import type { ActivityView, PlaceOption, StationView } from '../../contract';
import { chooseLocationAnswering, type LoadedPage, type MapAnswer } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

jest.setTimeout(30_000);

const SECRETARY = 'demo-secretary';
const MEMBER = 'demo-member';
const RESIDENT = 'demo-resident';
const PAGES = {
  edit: 'packages/staff/pages/activity-edit/index',
  activity: 'packages/member/pages/activity/index',
  station: 'packages/resident/pages/station/index',
};
const MIN = 60_000;
/** Coordinates as digits: what no page may show. */
const RAW_COORDINATES = /\d+\.\d{4,}/;

const ui = useLocalCloud();

const PICKED = {
  name: '潋江书院',
  address: '江西省赣州市兴国县潋江镇书院路1号',
  latitude: 26.3381234,
  longitude: 115.3512345,
};

/** The secretary's form for a new activity, WeChat's map answering `answer`, once the community's station is filled in. */
async function newActivityForm(answer: MapAnswer, calls: CallEvent[] = [], mapCalls: unknown[] = []) {
  const form = await ui.open(PAGES.edit, SECRETARY, {
    calls,
    wx: { chooseLocation: chooseLocationAnswering(answer, mapCalls) },
  });
  await form.waitForText('已先填入本社区的红色驿站', 10_000);
  return form;
}

async function c01Station(): Promise<StationView> {
  const stations = await ui.invoke<StationView[]>('directory', 'stations', {}, RESIDENT);
  return stations.find((s) => s.communityId === 'c01')!;
}

/** Fills what the form needs besides the place, and publishes. */
async function publish(form: LoadedPage, calls: CallEvent[], title: string): Promise<Record<string, unknown>> {
  await form.tap('.staff-choice--type-volunteer');
  form.type('.staff-activity-form__input--title .nut-input-native', title);
  await form.tap('.staff-activity-form__save');
  await form.waitFor(() => calls.some((c) => c.action === 'publishActivity'), 10_000);
  await form.waitFor(() => form.navigation.some((n) => n.api === 'showToast'));
  return (calls.find((c) => c.action === 'publishActivity')!.payload as { place: Record<string, unknown> }).place;
}

test('the secretary picks the place on WeChat’s map and a radius: the form shows its name and address and sends its point', async () => {
  const station = await c01Station();
  const calls: CallEvent[] = [];
  const mapCalls: unknown[] = [];
  const form = await newActivityForm(PICKED, calls, mapCalls);
  // Until then, the community's Red Station by name and address.
  expect(form.text()).toContain(station.name);
  expect(form.text()).toContain(station.address);

  await form.tap('.place-picker__map');
  await form.waitForText(PICKED.address);
  // The map opened at the station.
  expect(mapCalls).toEqual([{ latitude: station.location.lat, longitude: station.location.lng }]);
  expect(form.text()).toContain('地图上选定的地点');
  await form.tap('.staff-choice--radius-500');
  await form.waitFor(() => form.has('.staff-choice--radius-500.staff-choice--on'));
  expect(form.text()).not.toMatch(RAW_COORDINATES);

  const place = await publish(form, calls, '书院周边环境整治');
  expect(place).toEqual({
    name: PICKED.name,
    address: PICKED.address,
    phone: null,
    lat: 26.338123,
    lng: 115.351235,
    radius: 500,
  });
});

test('closing the map without a choice leaves the form as it was: the station’s point is sent', async () => {
  const station = await c01Station();
  const calls: CallEvent[] = [];
  const mapCalls: unknown[] = [];
  const form = await newActivityForm('cancel', calls, mapCalls);
  const before = form.text();

  await form.tap('.place-picker__map');
  await form.waitFor(() => mapCalls.length === 1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(form.text()).toBe(before);
  expect(form.has('.place-picker__problem')).toBe(false);

  form.type('.staff-activity-form__input--placeName .nut-input-native', '潋江广场东侧');
  const place = await publish(form, calls, '广场文明引导志愿服务');
  expect(place).toEqual({
    name: '潋江广场东侧',
    address: station.address,
    phone: station.phone,
    lat: station.location.lat,
    lng: station.location.lng,
    radius: 200,
  });
});

test.each([
  ['the location permission is off', 'authDeny' as const, '未获得位置权限'],
  ['the privacy guide was not agreed to', 'privacy' as const, '隐私保护指引'],
])('when %s, the form says what to do and keeps its place', async (_label, answer, message) => {
  const station = await c01Station();
  const form = await newActivityForm(answer);
  await form.tap('.place-picker__map');
  await form.waitFor(() => form.has('.place-picker__problem'));
  expect(form.text()).toContain(message);
  expect(form.text()).toContain(station.address);
});

test('a member taps 导航 on an activity: WeChat’s map opens at its place; its phone is shown with 拨打', async () => {
  const places = await ui.invoke<PlaceOption[]>('directory', 'places', {}, SECRETARY);
  const station = places.find((p) => p.kind === 'station' && p.phone)!;
  const now = Date.now();
  const activity = await ui.invoke<ActivityView>(
    'sixOnes',
    'publishActivity',
    {
      type: 'partyMeeting',
      title: '驿站主题党日',
      description: '',
      startAt: new Date(now + 60 * MIN).toISOString(),
      endAt: new Date(now + 120 * MIN).toISOString(),
      signUpBy: new Date(now + 30 * MIN).toISOString(),
      place: { name: station.name, address: station.address, phone: station.phone, ...station.location, radius: 100 },
      capacity: 30,
    },
    SECRETARY,
  );

  const page = await ui.open(PAGES.activity, MEMBER, { query: { id: activity.id } });
  await page.waitForText('驿站主题党日', 10_000);
  expect(page.text()).toContain(station.address);
  expect(page.text()).toContain(station.phone!);
  expect(page.text()).not.toMatch(RAW_COORDINATES);

  await page.tap('.place-nav__go');
  await page.waitFor(() => page.navigation.some((n) => n.api === 'openLocation'));
  expect(page.navigation.find((n) => n.api === 'openLocation')!.options).toMatchObject({
    latitude: station.location.lat,
    longitude: station.location.lng,
    name: station.name,
    address: station.address,
  });
  await page.tap('.place-nav__call');
  await page.waitFor(() => page.navigation.some((n) => n.api === 'makePhoneCall'));
  expect(page.navigation.find((n) => n.api === 'makePhoneCall')!.options).toMatchObject({ phoneNumber: station.phone });
});

test('a Red Station’s 导航 opens WeChat’s map there; a station without a phone shows none', async () => {
  const stations = await ui.invoke<StationView[]>('directory', 'stations', {}, RESIDENT);
  const withPhone = stations.find((s) => s.phone)!;
  const without = stations.find((s) => !s.phone)!;

  const page = await ui.open(PAGES.station, RESIDENT, { query: { id: withPhone.id } });
  await page.waitForText(withPhone.address, 10_000);
  expect(page.text()).toContain(withPhone.phone!);
  expect(page.text()).not.toMatch(RAW_COORDINATES);
  await page.tap('.place-nav__go');
  await page.waitFor(() => page.navigation.some((n) => n.api === 'openLocation'));
  expect(page.navigation.find((n) => n.api === 'openLocation')!.options).toMatchObject({
    latitude: withPhone.location.lat,
    longitude: withPhone.location.lng,
    name: withPhone.name,
    address: withPhone.address,
  });

  const other = await ui.open(PAGES.station, RESIDENT, { query: { id: without.id } });
  await other.waitForText(without.address, 10_000);
  expect(other.has('.place-nav__go')).toBe(true);
  expect(other.has('.place-nav__phone')).toBe(false);
});
