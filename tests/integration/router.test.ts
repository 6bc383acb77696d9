import { z } from 'zod';
import { defineAction } from '../../contract/action';
import { withWxContext } from '../../emulator/functions/context';
import { AppError } from '../../server/platform/errors';
import { createFunction } from '../../server/platform/router';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';

let t: TestCloud;
beforeAll(async () => {
  t = await startLocalCloud();
});
afterAll(() => t.stop());

const actions = {
  echo: defineAction<{ n: number; openid: string }>()({
    summary: 'echo',
    input: z.object({ n: z.number().int() }).strict(),
    roles: 'anyone',
  }),
  staffOnly: defineAction<string>()({
    summary: 'staff',
    input: z.object({}).strict(),
    roles: ['secretary', 'countyAdmin'],
  }),
  explode: defineAction<never>()({ summary: 'boom', input: z.object({}).strict(), roles: 'anyone' }),
  refuse: defineAction<never>()({ summary: 'conflict', input: z.object({}).strict(), roles: 'anyone' }),
};
const main = createFunction('probe', actions, {
  echo: async ({ n }, ctx) => ({ n, openid: ctx.openid }),
  staffOnly: async () => 'secret',
  explode: async () => {
    throw new Error('database exploded: SELECT * FROM secrets');
  },
  refuse: async () => {
    throw new AppError('CONFLICT', '已被他人认领', { by: 'someone' });
  },
});
const call = (openid: string, event: unknown, context?: { request_id: string }) =>
  withWxContext({ openid }, () => main(event, context)) as Promise<any>;

describe('the router', () => {
  it('uses the request id CloudBase gives the call', async () => {
    expect(await call('demo-resident', { action: 'echo', payload: { n: 1 } }, { request_id: 'req-42' })).toEqual({
      ok: true,
      data: { n: 1, openid: 'demo-resident' },
      requestId: 'req-42',
    });
  });

  it('validates input with the action schema', async () => {
    const res = await call('demo-resident', { action: 'echo', payload: { n: 'one' } });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: 'n' }] } });
  });

  it.each([null, 'echo', 42, { payload: {} }, { action: 7 }])(
    'answers a malformed event %p with INVALID_INPUT',
    async (event) => {
      expect(await call('demo-resident', event)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    },
  );

  it('checks the role: a resident may not call a staff action, a secretary may', async () => {
    expect(await call('demo-resident', { action: 'staffOnly' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('demo-secretary', { action: 'staffOnly' })).toMatchObject({ ok: true, data: 'secret' });
  });

  it('a caller with no profile is FORBIDDEN from role-restricted actions', async () => {
    expect(await call('o-nobody-yet', { action: 'staffOnly' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('an unverified member does not hold the member role', async () => {
    const member = defineAction<string>()({ summary: 'm', input: z.object({}).strict(), roles: ['member'] });
    const fn = createFunction('probe2', { member }, { member: async () => 'ok' });
    const as = (openid: string) => withWxContext({ openid }, () => fn({ action: 'member' })) as Promise<any>;
    expect(await as('demo-member')).toMatchObject({ ok: true });
    expect(await as('demo-member-pending')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('maps an AppError to its code, message and details', async () => {
    expect(await call('demo-resident', { action: 'refuse' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '已被他人认领', details: { by: 'someone' } },
    });
  });

  it('hides an unexpected error behind INTERNAL with the request id, and logs it with that id', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await call('demo-resident', { action: 'explode' }, { request_id: 'req-boom' });
      expect(res).toMatchObject({ ok: false, requestId: 'req-boom', error: { code: 'INTERNAL' } });
      expect(JSON.stringify(res)).not.toContain('SELECT');
      expect(res.error.message).toContain('req-boom');
      const line = JSON.parse(String(spy.mock.calls[0][0]));
      expect(line).toMatchObject({ level: 'error', requestId: 'req-boom', fn: 'probe', action: 'explode' });
      expect(line.error).toContain('database exploded');
    } finally {
      spy.mockRestore();
    }
  });
});
