import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { advanceClock, clockNow, people, type Envelope, type People } from '../helpers/people';

/**
 * Bad input gets a clear error and changes nothing, never INTERNAL; a check-in code cannot be
 * guessed; a loop of cheap writes is stopped; no openid is special. Each test names the hole it
 * keeps closed.
 */

let t: TestCloud;
let p: People;
let seq = 0;
const MIN = 60_000;
const DAY = 1440 * MIN;

const upload = (openid: string) => t.cloud.storage.put(`uploads/${openid}/h-${++seq}.png`, Buffer.from(`png ${seq}`));
const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });
const wish = (action: string, payload: unknown, openid: string) => p.call('wish', action, payload, openid);
const six = (action: string, payload: unknown, openid: string) => p.call('sixOnes', action, payload, openid);
const complaint = (action: string, payload: unknown, openid: string) => p.call('complaint', action, payload, openid);
const count = (collection: string) => t.cloud.store.count(collection, {});
const iso = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN).toISOString();

beforeAll(async () => {
  // The write limits as deployed (the other test files loosen them for their factories).
  t = await startLocalCloud({ rateLimitFactor: 1 });
  p = people(t);
});
afterAll(() => t.stop());

describe('text that shows nothing is no text', () => {
  it.each([
    ['five zero-width spaces', '\u200b\u200b\u200b\u200b\u200b'],
    ['NUL characters', '\u0000\u0000\u0000\u0000\u0000\u0000'],
    ['bidi overrides and spaces', '\u202e \u202d \u202c \u2066 \u2069'],
    ['a BOM and word joiners', '\ufeff\u2060\u2060\u2060\u2060\u2060'],
  ])('%s as a wish → INVALID_INPUT, nothing stored', async (_label, description) => {
    const r = (await p.newResident()).openid;
    const before = count('wishes');
    expect(await wish('submit', { category: '维修', description, photos: [] }, r)).toMatchObject(
      refused('INVALID_INPUT'),
    );
    expect(count('wishes')).toBe(before);
  });

  it('normal text with emoji still works; forbidden characters are taken out of what is stored', async () => {
    const r = (await p.newResident()).openid;
    const family = '👨‍👩‍👧'; // joined with zero-width joiners, kept
    const w = await p.ok(
      wish(
        'submit',
        { category: '文体', description: `想给孩子们办个读书角${family}📚\u202e谢谢\u0000`, photos: [] },
        r,
      ),
    );
    expect(w.description).toBe(`想给孩子们办个读书角${family}📚谢谢`);
    expect(p.doc('wishes', w.id).description).toBe(`想给孩子们办个读书角${family}📚谢谢`);
  });
});

describe('finding people', () => {
  it('a NUL byte or a pattern in the query is a clear INVALID_INPUT or no match, never INTERNAL', async () => {
    expect(await p.account('findUsers', { query: '\u0000' }, 'demo-county-admin')).toMatchObject(
      refused('INVALID_INPUT'),
    );
    expect(await p.ok(p.account('findUsers', { query: '张\u0000' }, 'demo-county-admin'))).toEqual(expect.any(Array));
    for (const query of ['(', '[', '\\', '.*', '$', '^张']) {
      const res = await p.account('findUsers', { query }, 'demo-county-admin');
      expect(res.ok).toBe(true);
    }
  });

  it('phones come back masked, whoever searches', async () => {
    const found = await p.ok(p.account('findUsers', { query: '张' }, 'demo-county-admin'));
    expect(found.length).toBeGreaterThan(0);
    for (const u of found as Array<{ phone: string }>) expect(u.phone).toMatch(/^(\d{3}\*{4}\d{4}|)$/);
  });
});

describe('races on one item', () => {
  it('confirmations of one fulfilled wish sent at once: exactly one ok, the rest CONFLICT, credited once', async () => {
    // Several rounds: the losing transactions meet the winner's record at different steps.
    for (let round = 0; round < 4; round++) {
      const r = (await p.newResident()).openid;
      const w = await p.ok(wish('submit', { category: '维修', description: `水管漏水请帮忙 ${++seq}`, photos: [] }, r));
      await p.ok(wish('review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker'));
      await p.ok(wish('claim', { wishId: w.id }, 'demo-member'));
      await p.ok(wish('fulfil', { wishId: w.id, photos: [upload('demo-member')], note: '已修好' }, 'demo-member'));
      // Staggered by a few milliseconds, so that later ones start while earlier ones commit.
      const replies = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * (round + 1) * 2));
          return wish('confirm', { wishId: w.id, stars: 5 }, r) as Promise<Envelope>;
        }),
      );
      expect(replies.filter((x) => x.ok)).toHaveLength(1);
      expect(replies.filter((x) => !x.ok).map((x) => x.error?.code)).toEqual(Array(11).fill('CONFLICT'));
      expect(t.cloud.store.count('records', { wishId: w.id })).toBe(1);
    }
  });
});

describe('times that make no sense are refused', () => {
  const place = { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 };
  const activity = (startAt: string, endAt: string, signUpBy: string) => ({
    type: 'volunteer',
    title: `志愿服务 ${++seq}`,
    description: '清理楼道杂物',
    startAt,
    endAt,
    signUpBy,
    place,
    capacity: 10,
  });

  it('an activity from 0001 to 9999, one starting in the past, one longer than a day → INVALID_INPUT', async () => {
    const now = await clockNow(t);
    const before = count('activities');
    for (const input of [
      activity('0001-01-01T00:00:00Z', '9999-12-31T00:00:00Z', iso(now, 5)),
      activity(iso(now, -120), iso(now, 60), iso(now, 5)),
      activity(iso(now, 10), iso(now, 10 + 25 * 60), iso(now, 5)),
    ])
      expect(await six('publishActivity', input, 'demo-secretary')).toMatchObject(refused('INVALID_INPUT'));
    expect(count('activities')).toBe(before);
    // Moving an existing activity into the past or past a day's length is refused the same way.
    const a = await p.ok(six('publishActivity', activity(iso(now, 10), iso(now, 70), iso(now, 5)), 'demo-secretary'));
    expect(await six('updateActivity', { activityId: a.id, startAt: iso(now, -60) }, 'demo-secretary')).toMatchObject(
      refused('INVALID_INPUT'),
    );
    expect(
      await six('updateActivity', { activityId: a.id, endAt: iso(now, 10 + 24 * 60 + 1) }, 'demo-secretary'),
    ).toMatchObject(refused('INVALID_INPUT'));
  });

  it('a manual check-in outside the activity’s window → INVALID_INPUT, nothing credited', async () => {
    const now = await clockNow(t);
    const a = await p.ok(six('publishActivity', activity(iso(now, 10), iso(now, 70), iso(now, 5)), 'demo-secretary'));
    await p.ok(six('signUp', { activityId: a.id }, 'demo-member'));
    await advanceClock(t, 30 * MIN);
    for (const at of [iso(now, -600), '2020-01-02T00:00:00Z', iso(now, 60 * 24 * 3)])
      expect(
        await six(
          'manualAttendance',
          { activityId: a.id, openid: 'demo-member', action: 'checkIn', reason: '手机没电', at },
          'demo-secretary',
        ),
      ).toMatchObject(refused('INVALID_INPUT'));
    expect(p.doc('signups', `${a.id}-demo-member`).checkIn).toBeNull();
  });

  it('a whistle deadline or an extension years away → INVALID_INPUT', async () => {
    const c = await p.ok(
      complaint(
        'submit',
        { category: '设施维修', description: `路灯坏了 ${++seq}`, location: { kind: 'address' } },
        'demo-resident',
      ),
    );
    await p.ok(complaint('accept', { caseId: c.id }, 'demo-grid-worker'));
    await p.ok(complaint('escalate', { caseId: c.id, reason: '需要供电部门处理' }, 'demo-grid-worker'));
    const now = await clockNow(t);
    const whistle = (deadline: string) =>
      complaint(
        'whistle',
        {
          caseId: c.id,
          leadDepartmentId: 'd01',
          assistDepartmentIds: [],
          reason: '需要综合执法',
          class: '日常',
          deadline,
        },
        'demo-secretary',
      );
    expect(await whistle('9999-12-31T00:00:00Z')).toMatchObject(refused('INVALID_INPUT'));
    expect(await whistle(new Date(now.getTime() + 61 * DAY).toISOString())).toMatchObject(refused('INVALID_INPUT'));
    const w = await p.ok(whistle(new Date(now.getTime() + 7 * DAY).toISOString()));
    await p.ok(complaint('reportIn', { caseId: c.id }, 'demo-department'));
    const extend = (until: string) =>
      complaint('requestExtension', { caseId: c.id, until, reason: '需要等待设备到货' }, 'demo-department');
    expect(await extend('9999-12-31T00:00:00Z')).toMatchObject(refused('INVALID_INPUT'));
    expect(await extend(new Date(Date.parse(w.whistle.deadline) + 31 * DAY).toISOString())).toMatchObject(
      refused('INVALID_INPUT'),
    );
    expect((await extend(new Date(Date.parse(w.whistle.deadline) + 10 * DAY).toISOString())).ok).toBe(true);
  });
});

describe('a check-in code nobody can guess', () => {
  it('after 5 tries in 10 minutes a member must wait — even the right code is refused — others are unaffected', async () => {
    const now = await clockNow(t);
    const a = await p.ok(
      six(
        'publishActivity',
        {
          type: 'symposium',
          title: `座谈 ${++seq}`,
          description: '听取意见建议',
          startAt: iso(now, 10),
          endAt: iso(now, 70),
          signUpBy: iso(now, 5),
          place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
          capacity: 10,
        },
        'demo-secretary',
      ),
    );
    const members = (
      t.cloud.store.find('users', {
        query: { roles: { $elemMatch: { role: 'member', verified: true, communityId: 'c01' } } },
      }) as any[]
    )
      .map((u) => u._id as string)
      .slice(0, 2);
    const [guesser, honest] = members;
    for (const m of members) await p.ok(six('signUp', { activityId: a.id }, m));
    const { code } = await p.ok(six('checkInCode', { activityId: a.id }, 'demo-secretary'));
    const wrong = code === '00000000' ? '11111111' : '00000000';
    // Twenty wrong guesses at once: five get an answer (wrong code), the rest are told to wait.
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => six('checkIn', { activityId: a.id, code: wrong }, guesser) as Promise<Envelope>),
    );
    expect(burst.filter((x) => x.error?.code === 'FORBIDDEN')).toHaveLength(5);
    const limited = burst.filter((x) => x.error?.code === 'RATE_LIMITED');
    expect(limited).toHaveLength(15);
    expect(limited[0].error!.message).toMatch(/签到码输错次数过多，请在 \d{2}:\d{2} 后再试/);
    expect((limited[0].error!.details as { retryAt: string }).retryAt).toEqual(expect.any(String));
    // The right code during the wait: refused too.
    expect(await six('checkIn', { activityId: a.id, code }, guesser)).toMatchObject(refused('RATE_LIMITED'));
    expect(p.doc('signups', `${a.id}-${guesser}`).checkIn).toBeNull();
    // Another member checks in at once.
    expect((await six('checkIn', { activityId: a.id, code }, honest)).ok).toBe(true);
    // After the wait, the guesser with the current code checks in.
    await advanceClock(t, 10 * MIN);
    const fresh = await p.ok(six('checkInCode', { activityId: a.id }, 'demo-secretary'));
    expect((await six('checkIn', { activityId: a.id, code: fresh.code }, guesser)).ok).toBe(true);
  });
});

describe('a loop of cheap writes is stopped', () => {
  it('one resident sending 40 complaints at once: 30 are filed, 10 are told to wait; another resident is unaffected', async () => {
    const r = (await p.newResident()).openid;
    const before = count('cases');
    const replies = await Promise.all(
      Array.from(
        { length: 40 },
        (_, i) =>
          complaint(
            'submit',
            { category: '噪音', description: `夜间施工噪音扰民 ${i}`, location: { kind: 'address' } },
            r,
          ) as Promise<Envelope>,
      ),
    );
    expect(replies.filter((x) => x.ok)).toHaveLength(30);
    expect(replies.filter((x) => !x.ok).map((x) => x.error?.code)).toEqual(Array(10).fill('RATE_LIMITED'));
    expect(count('cases')).toBe(before + 30);
    const other = (await p.newResident()).openid;
    expect(
      (
        await complaint(
          'submit',
          { category: '噪音', description: '楼上装修噪音太大', location: { kind: 'address' } },
          other,
        )
      ).ok,
    ).toBe(true);
  });
});

describe('no openid is special', () => {
  it('a user whose openid is "system" gets no more than any resident: a stranger’s case is NOT_FOUND', async () => {
    const c = await p.ok(
      complaint(
        'submit',
        { category: '停车', description: `车位被长期占用 ${++seq}`, location: { kind: 'address' } },
        'demo-resident',
      ),
    );
    await p.newResident({ openid: 'system' });
    expect(await complaint('detail', { caseId: c.id }, 'system')).toMatchObject(refused('NOT_FOUND'));
    expect(await complaint('withdraw', { caseId: c.id }, 'system')).toMatchObject(refused('NOT_FOUND'));
    expect(p.doc('cases', c.id).status).toBe('assigned');
  });
});
