import { PRIVACY_VERSION, type FunctionName as ContractFunction } from '../../contract';
import type { TestCloud } from './localCloud';

/**
 * Small factories for the accounts-and-directory integration tests: call an action as someone,
 * make a fresh resident or member through the real actions, count database requests, and
 * snapshot what a refused call must not have changed.
 */

export interface Envelope<T = any> {
  ok: boolean;
  data: T;
  error?: { code: string; message: string; details?: unknown };
  requestId: string;
}

/** The deployed functions, as the contract lists them. */
export type FunctionName = ContractFunction;

/** Where the factories' residents live unless told otherwise: c01, grid c01-g01, its first building. */
export const C01_ADDRESS = {
  communityId: 'c01',
  residentGroupId: 'c01-r01',
  microGridId: 'c01-g01-m1',
  building: '1单元101室',
} as const;

const GIVEN = ['建华', '秀英', '志强', '桂兰', '晓东', '海燕', '国庆', '春花', '德明', '玉梅', '文军', '丽君'];
const SURNAME = ['钟', '曾', '温', '赖', '邓', '肖', '罗', '彭', '廖', '谢', '黄', '胡'];

export function people(t: TestCloud) {
  let seq = 0;
  // One run's phones and openids never collide with the seed's nor with another file's.
  const run = Math.floor(Math.random() * 9000 + 1000);

  const call = <T = any>(fn: FunctionName, action: string, payload: unknown, openid: string) =>
    t.invoke(fn, { action, payload }, openid) as Promise<Envelope<T>>;
  const account = <T = any>(action: string, payload: unknown, openid: string) =>
    call<T>('account', action, payload, openid);
  const directory = <T = any>(action: string, payload: unknown, openid: string) =>
    call<T>('directory', action, payload, openid);

  /** The data of a call that must succeed; a failure names the action and the error. */
  async function ok<T = any>(reply: Promise<Envelope<T>>): Promise<T> {
    const res = await reply;
    if (!res.ok)
      throw new Error(
        `expected ok, got ${res.error?.code}: ${res.error?.message} ${JSON.stringify(res.error?.details ?? '')}`,
      );
    return res.data;
  }

  const next = () => ++seq;
  /** An openid nobody has used yet. */
  const freshOpenid = (label = 'user') => `o-${label}-${run}-${next()}`;
  /** A valid mainland mobile number nobody in this run has. */
  const freshPhone = () => `199${String(run).padStart(4, '0')}${String(next()).padStart(4, '0')}`;
  /** A valid name (2–4 汉字). */
  const freshName = () => {
    const n = next();
    return SURNAME[n % SURNAME.length] + GIVEN[Math.floor(n / SURNAME.length) % GIVEN.length];
  };

  /** A first-time caller who accepted the privacy guide but filled no profile. */
  async function newcomer(openid = freshOpenid('newcomer')): Promise<string> {
    await ok(account('me', {}, openid));
    await ok(account('acceptPrivacy', { version: PRIVACY_VERSION }, openid));
    return openid;
  }

  interface ResidentOptions {
    openid?: string;
    name?: string;
    phone?: string;
    address?: { communityId: string; residentGroupId: string; microGridId: string; building?: string };
  }

  /** A resident with a full profile (name, phone, address), made through the real actions. */
  async function newResident(opts: ResidentOptions = {}) {
    const openid = await newcomer(opts.openid ?? freshOpenid('resident'));
    const name = opts.name ?? freshName();
    const phone = opts.phone ?? freshPhone();
    const address = opts.address ?? C01_ADDRESS;
    await ok(account('updateProfile', { name, phone, address }, openid));
    return { openid, name, phone, address };
  }

  /** A resident who registered as a member (双报到): their report is pending. */
  async function newMember(
    opts: ResidentOptions & { unitId?: string; communityId?: string; partyBranch?: string; joinedAt?: string } = {},
  ) {
    const resident = await newResident(opts);
    const report = await ok(
      account(
        'registerMember',
        {
          unitId: opts.unitId ?? 'u01',
          partyBranch: opts.partyBranch ?? '机关第一党支部',
          joinedAt: opts.joinedAt ?? '2010-07-01',
          ...(opts.communityId ? { communityId: opts.communityId } : {}),
        },
        resident.openid,
      ),
    );
    return { ...resident, report };
  }

  /** A wish `openid` submits (维修, no photos unless given): its id and the rest of the reply. */
  const submitWish = (openid: string, description: string, extra: Record<string, unknown> = {}) =>
    ok(call('wish', 'submit', { category: '维修', description, photos: [], ...extra }, openid));

  /** A complaint about `microGridId`'s building (c01's first unless given). */
  const submitCase = (openid: string, category: string, description: string, microGridId = C01_ADDRESS.microGridId) =>
    ok(call('complaint', 'submit', { category, description, location: { kind: 'building', microGridId } }, openid));

  let photos = 0;
  /** A 调研报告 record `openid` files, with one uploaded photo. */
  const fileRecord = (openid: string, title: string, note = '走访了十户居民了解大家的想法') =>
    ok(
      call(
        'sixOnes',
        'fileRecord',
        {
          kind: 'surveyReport',
          title,
          note,
          photos: [t.cloud.storage.put(`uploads/${openid}/record-${run}-${++photos}.png`, Buffer.from('png'))],
        },
        openid,
      ),
    );

  /** Database requests (every `database.*` admin call) made while `fn` runs. */
  async function dbRequests<T>(fn: () => Promise<T>): Promise<{ result: T; requests: number }> {
    const total = () =>
      [...t.cloud.store.counters].filter(([k]) => k.startsWith('database.')).reduce((n, [, v]) => n + v, 0);
    const before = total();
    const result = await fn();
    return { result, requests: total() - before };
  }

  /** One stored document, or undefined. */
  const doc = (collection: string, id: string): any => t.cloud.store.find(collection, { query: { _id: id } })[0];

  /** Every item of a paged list (`{ items, next }`), page after page as its own page reads it. */
  async function allPages<T = any>(fn: FunctionName, action: string, payload: object, openid: string): Promise<T[]> {
    const items: T[] = [];
    for (let from: number | null = 0; from !== null; ) {
      const page: { items: T[]; next: number | null } = await ok(call(fn, action, { ...payload, from }, openid));
      items.push(...page.items);
      from = page.next;
    }
    return items;
  }

  /** Document counts of `collections` and the named documents, to compare before and after a refused call. */
  function snapshot(collections: readonly string[], docs: ReadonlyArray<readonly [string, string]> = []) {
    return {
      counts: Object.fromEntries(collections.map((c) => [c, t.cloud.store.count(c, {})])),
      docs: docs.map(([c, id]) => JSON.stringify(doc(c, id) ?? null)),
    };
  }

  return {
    call,
    allPages,
    account,
    directory,
    ok,
    freshOpenid,
    freshPhone,
    freshName,
    newcomer,
    newResident,
    newMember,
    submitWish,
    submitCase,
    fileRecord,
    dbRequests,
    doc,
    snapshot,
  };
}

export type People = ReturnType<typeof people>;

/** Moves the emulator's clock forward (it only moves forward) and answers the new "now". */
export async function advanceClock(t: TestCloud, advanceMs: number): Promise<Date> {
  const res = await fetch(`${t.url}/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
  if (!res.ok) throw new Error(`POST /dev/clock: ${res.status}`);
  return new Date(((await res.json()) as { now: string }).now);
}

/** The emulator's "now". */
export async function clockNow(t: TestCloud): Promise<Date> {
  const res = await fetch(`${t.url}/dev/clock`);
  return new Date(((await res.json()) as { now: string }).now);
}
