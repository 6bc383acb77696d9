import { PRIVACY_VERSION } from '../../contract';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';

type Envelope = {
  ok: boolean;
  data?: any;
  error?: { code: string; message: string; details?: unknown };
  requestId: string;
};

let t: TestCloud;
const me = (openid: string, payload: unknown = {}) =>
  t.invoke('account', { action: 'me', payload }, openid) as Promise<Envelope>;
const userCount = () => t.cloud.store.count('users', {});

beforeAll(async () => {
  t = await startLocalCloud();
});
afterAll(() => t.stop());

describe('account.me', () => {
  it("returns a seeded secretary's profile, openid and scoped roles", async () => {
    const res = await me('demo-secretary');
    expect(res.ok).toBe(true);
    expect(res.requestId).toEqual(expect.any(String));
    expect(res.data).toMatchObject({
      openid: 'demo-secretary',
      isNew: false,
      roles: [{ role: 'secretary', communityId: 'c01' }],
    });
    expect(res.data.displayName).toBe(res.data.name);
    expect(res.data.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
  });

  it('registers a first-time caller as a resident, once', async () => {
    const before = await userCount();
    const first = await me('o-first-time-1');
    expect(first.data).toMatchObject({
      openid: 'o-first-time-1',
      isNew: true,
      name: null,
      roles: [{ role: 'resident' }],
      privacyAcceptedVersion: null,
    });
    const again = await me('o-first-time-1');
    expect(again.data).toMatchObject({ isNew: false, createdAt: first.data.createdAt });
    expect(await userCount()).toBe(before + 1);
  });

  it('two concurrent first calls of a new user create one user, not two', async () => {
    const before = await userCount();
    const replies = await Promise.all(Array.from({ length: 12 }, () => me('o-racing-newcomer')));
    expect(replies.every((r) => r.ok && r.data.openid === 'o-racing-newcomer')).toBe(true);
    expect(replies.filter((r) => r.data.isNew)).toHaveLength(1);
    expect(await userCount()).toBe(before + 1);
  });

  it('answers a caller without a WeChat identity with UNAUTHENTICATED and writes nothing', async () => {
    const before = await userCount();
    const res = await me('');
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await userCount()).toBe(before);
  });

  it.each([
    ['an unknown field', { extra: 1 }],
    ['a non-object payload', 'me please'],
    ['an array payload', [1, 2]],
  ])('rejects %s with INVALID_INPUT and registers nobody', async (_label, payload) => {
    const before = await userCount();
    const res = await me('o-bad-input', payload);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await userCount()).toBe(before);
  });

  it('rejects an unknown action with INVALID_INPUT naming it', async () => {
    const res = (await t.invoke('account', { action: 'deleteEverything' }, 'demo-resident')) as Envelope;
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(res.error!.message).toContain('deleteEverything');
  });
});

describe('account.acceptPrivacy', () => {
  it('records the accepted version of the privacy guide', async () => {
    await me('o-privacy-reader');
    const res = (await t.invoke(
      'account',
      { action: 'acceptPrivacy', payload: { version: PRIVACY_VERSION } },
      'o-privacy-reader',
    )) as Envelope;
    expect(res.data.privacyAcceptedVersion).toBe(PRIVACY_VERSION);
    expect((await me('o-privacy-reader')).data.privacyAcceptedVersion).toBe(PRIVACY_VERSION);
    const [doc] = t.cloud.store.find('users', { query: { _id: 'o-privacy-reader' } });
    expect(doc.privacyAcceptedAt).toBeInstanceOf(Date);
  });

  it('refuses an outdated version and changes nothing', async () => {
    await me('o-privacy-stale');
    const res = (await t.invoke(
      'account',
      { action: 'acceptPrivacy', payload: { version: '2019-01' } },
      'o-privacy-stale',
    )) as Envelope;
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await me('o-privacy-stale')).data.privacyAcceptedVersion).toBeNull();
  });
});
