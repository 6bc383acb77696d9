/**
 * Places without a map, end to end in the h5 build against the real server (emulator/main.ts,
 * demo seed): the secretary publishes an activity at 潋江社区's Red Station, picked from the
 * community's places (no map tiles offline), with a 100 m check-in radius; the member reads the
 * place by name and address (never coordinates), with the station's phone and 复制地址; on the day
 * their check-in is refused from a kilometre away and accepted at the station — the point picked
 * is the one check-in measures from. Screenshots in test-artifacts/e2e/places-*.png.
 */
import type { Page } from 'playwright-core';
import type { ActivityPage, CheckInCode, PlaceOption } from '../../contract';
import { wgs84ToGcj02, type LatLng } from '../../src/utils/gcj02';
import { answerSubscribe, screenshot, shown, tapShown } from '../helpers/browser';
import { useApp } from '../helpers/e2e';

jest.setTimeout(300_000);

const app = useApp();
const { api } = app;

const signIn = (openid: string, geolocation?: LatLng): Promise<Page> =>
  app.signIn(openid, geolocation ? { geolocation: browserPoint(geolocation) } : {});

/** What a phone's browser reports (WGS-84) standing at a GCJ-02 point: one step back through the offset (≈1 m). */
function browserPoint(gcj: LatLng): { latitude: number; longitude: number } {
  const shifted = wgs84ToGcj02(gcj);
  return { latitude: 2 * gcj.lat - shifted.lat, longitude: 2 * gcj.lng - shifted.lng };
}

const { open } = app;

test('the secretary picks a Red Station for an activity; the member checks in at that point', async () => {
  const title = `驿站志愿服务 ${Date.now() % 10_000}`;
  const places = await api<PlaceOption[]>('directory', 'places', {}, 'demo-secretary');
  const station = places.find((p) => p.kind === 'station')!;

  // 1. The secretary publishes at the station, chosen from 潋江社区's places, with a 100 m radius.
  const secretary = await signIn('demo-secretary');
  await open(secretary, 'packages/staff/pages/activity-edit/index');
  await tapShown(secretary, '.staff-choice--type-volunteer');
  await shown(secretary, '.staff-activity-form__input--title input').fill(title);
  await tapShown(secretary, '.place-picker__toggle');
  await shown(secretary, '.place-picker__group--community').waitFor();
  await shown(secretary, '.place-picker__group--microGrid').waitFor();
  await screenshot(secretary, 'places-01-list');
  await tapShown(secretary, `.place-picker__option--${station.id}`);
  await shown(secretary, '.place-picker__list').waitFor({ state: 'detached' });
  const chosen = await shown(secretary, '.place-picker__chosen').innerText();
  expect(chosen).toContain(station.name);
  expect(chosen).toContain(station.address);
  await tapShown(secretary, '.staff-choice--radius-100');
  expect(await shown(secretary, '.staff-activity-form').innerText()).not.toMatch(/\d+\.\d{4,}/);
  await screenshot(secretary, 'places-02-picked');
  await tapShown(secretary, '.staff-activity-form__save');
  // Published (the server has it), or refused: then what the page says is the test's failure message.
  const published = async () => {
    for (const until = Date.now() + 30_000; Date.now() < until; ) {
      const { items } = await api<ActivityPage>('sixOnes', 'activities', {}, 'demo-secretary');
      const found = items.find((a) => a.title === title);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error('the activity was not published within 30 s');
  };
  const refused = shown(secretary, '.error-notice__message, .field__error')
    .waitFor({ timeout: 30_000 })
    .then(() => shown(secretary, '.error-notice__message, .field__error').innerText())
    .catch(() => new Promise<never>(() => undefined)); // no message: the other outcome decides
  const outcome = await Promise.race([published(), refused]);
  if (typeof outcome === 'string') {
    await screenshot(secretary, 'places-02b-refused');
    throw new Error(`publishing was refused: ${outcome}`);
  }
  const activity = outcome;
  // Opened at its address, the form has no page to go back to: it goes on to 社区活动, which lists it.
  await secretary.waitForURL(/staff\/pages\/activities\/index/);
  await shown(secretary, `#activity-edit-${activity.id}`).waitFor();
  expect(activity.place).toEqual({
    name: station.name,
    address: station.address,
    phone: station.phone,
    lat: station.location.lat,
    lng: station.location.lng,
    radius: 100,
  });

  // 2. 陈志远, a kilometre north of the station, reads the place and signs up.
  const far = { lat: station.location.lat + 0.009, lng: station.location.lng };
  const member = await signIn('demo-member', far);
  await open(member, `packages/member/pages/activity/index?id=${activity.id}`);
  const placeSection = shown(member, '.activity__section--place');
  await placeSection.getByText(station.address).waitFor();
  if (station.phone) await placeSection.getByText(station.phone).waitFor();
  await shown(member, '.place-nav__copy').waitFor();
  expect(await placeSection.innerText()).not.toMatch(/\d+\.\d{4,}/);
  await tapShown(member, '#activity-action-signUp');
  await answerSubscribe(member);
  await shown(member, '#activity-action-cancelSignUp').waitFor();
  await screenshot(member, 'places-03-member-place');

  // 3. The day comes; from a kilometre away the check-in is refused.
  const res = await fetch(`${app.server.url}/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: Date.parse(activity.startAt) + 5 * 60_000 - Date.now() }),
  });
  expect(res.ok).toBe(true);
  const codeNow = async () =>
    (await api<CheckInCode>('sixOnes', 'checkInCode', { activityId: activity.id }, 'demo-secretary')).code;
  await open(member, `packages/member/pages/activity/index?id=${activity.id}`);
  await shown(member, '.activity__code input').fill(await codeNow());
  await tapShown(member, '#activity-action-checkIn');
  await shown(member, '.error-notice__message').getByText('您不在活动地点附近').waitFor();
  await screenshot(member, 'places-04-too-far');

  // 4. At the station it is accepted.
  await member.context().setGeolocation(browserPoint(station.location));
  await shown(member, '.activity__code input').fill(await codeNow());
  await tapShown(member, '#activity-action-checkIn');
  await shown(member, '.activity__section--mine').getByText('已签到').waitFor();
  await screenshot(member, 'places-05-checked-in');
});
