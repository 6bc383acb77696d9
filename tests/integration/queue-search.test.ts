/**
 * Every staff queue searches the same way as the case queues (server/platform/search.ts): the
 * words typed, split by spaces, must each be somewhere in what the staff member sees of the item;
 * nothing found is an empty list, never another scope's items; more than 30 characters is refused.
 * 心愿审核 has 待审核 / 已审核 as the case queues have 待办 / 已办. A search is the same one read.
 */
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { clockNow, people, type People } from '../helpers/people';

let t: TestCloud;
let p: People;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const NOTHING = '不会出现的词语组合';
const TOO_LONG = '长'.repeat(31);
const ids = (items: Array<{ id: string }>) => items.map((x) => x.id);
/** A few characters from the middle of a text: a word staff might type. */
const partOf = (s: string, from = 1, n = 3) => [...s].slice(from, from + n).join('');

describe('心愿审核: 待审核 / 已审核 and search', () => {
  const queue = (payload: object, openid: string) => p.ok(p.call('wish', 'reviewQueue', payload, openid));
  let lamp: { id: string; name: string };
  let stairs: { id: string; name: string };
  let elsewhere: string;
  const tag = `检索${Date.now() % 100000}`;

  beforeAll(async () => {
    const a = await p.newResident();
    const b = await p.newResident();
    lamp = { id: (await p.submitWish(a.openid, `希望修好楼道灯${tag}照明`)).id, name: a.name };
    stairs = { id: (await p.submitWish(b.openid, `希望修好楼梯扶手${tag}安全`)).id, name: b.name };
    // The same words in c02 (demo-multi lives there): never in c01's queues.
    elsewhere = (await p.submitWish('demo-multi', `希望修好楼道灯${tag}照明`)).id;
  });

  test('search narrows 待审核 by description, beneficiary, submitter or address; words combine', async () => {
    expect(ids(await queue({ q: tag }, 'demo-secretary'))).toEqual(expect.arrayContaining([lamp.id, stairs.id]));
    expect(ids(await queue({ q: `${tag} 楼道灯` }, 'demo-secretary'))).toEqual([lamp.id]);
    // The beneficiary is the resident who asked (their own wish), by name, and with a word of the wish.
    expect(ids(await queue({ q: stairs.name }, 'demo-secretary'))).toContain(stairs.id);
    expect(ids(await queue({ q: `${stairs.name} ${tag}` }, 'demo-secretary'))).toEqual([stairs.id]);
    expect(await queue({ q: `${stairs.name} 楼道灯${tag}` }, 'demo-secretary')).toEqual([]);
    const address = p.doc('wishes', lamp.id).beneficiary.address as string;
    expect(ids(await queue({ q: `${address.split(' ').pop()} ${tag} 照明` }, 'demo-grid-worker'))).toEqual([lamp.id]);
    expect(await queue({ q: NOTHING }, 'demo-secretary')).toEqual([]);
  });

  test("another community's wish never appears, whatever is searched; its own secretary finds it", async () => {
    for (const who of ['demo-secretary', 'demo-grid-worker'])
      expect(ids(await queue({ q: tag }, who))).not.toContain(elsewhere);
    expect(ids(await queue({ q: tag }, 'demo-multi'))).toEqual([elsewhere]);
  });

  test('已审核: the wishes staff published or rejected, latest moved first, none waiting; search narrows it', async () => {
    await p.ok(p.call('wish', 'review', { wishId: lamp.id, decision: 'publish' }, 'demo-secretary'));
    await p.ok(
      p.call('wish', 'review', { wishId: stairs.id, decision: 'reject', reason: '请走民情诉求' }, 'demo-secretary'),
    );
    const done = await queue({ tab: 'done' }, 'demo-secretary');
    expect(ids(done).slice(0, 2)).toEqual([stairs.id, lamp.id]);
    const docs = done.map((w: any) => p.doc('wishes', w.id));
    expect(docs.every((d: any) => d.communityId === 'c01' && d.reviewedBy && d.status !== 'submitted')).toBe(true);
    const moved = docs.map((d: any) => new Date(d.updatedAt).getTime());
    expect([...moved].sort((x, y) => y - x)).toEqual(moved);
    expect(done.length).toBeLessThanOrEqual(100);
    const todo = await queue({}, 'demo-secretary');
    expect(ids(todo)).not.toContain(lamp.id);
    expect(todo.every((w: any) => w.status === 'submitted')).toBe(true);
    expect(ids(await queue({ tab: 'done', q: `${tag} 扶手` }, 'demo-secretary'))).toEqual([stairs.id]);
    expect(ids(await queue({ tab: 'done', q: lamp.name }, 'demo-grid-worker'))).toContain(lamp.id);
    expect(await queue({ tab: 'done', q: NOTHING }, 'demo-secretary')).toEqual([]);
    expect(ids(await queue({ tab: 'done', q: tag }, 'demo-secretary'))).not.toContain(elsewhere);
  });

  test('a search costs no database request more than the plain list', async () => {
    const plain = await p.dbRequests(() => queue({ tab: 'done' }, 'demo-secretary'));
    const searched = await p.dbRequests(() => queue({ tab: 'done', q: `${tag} 扶手` }, 'demo-secretary'));
    expect(searched.requests).toBe(plain.requests);
  });

  test('over-long search text or an unknown tab is refused', async () => {
    expect((await p.call('wish', 'reviewQueue', { q: TOO_LONG }, 'demo-secretary')).error?.code).toBe('INVALID_INPUT');
    expect((await p.call('wish', 'reviewQueue', { tab: 'all' }, 'demo-secretary')).error?.code).toBe('INVALID_INPUT');
  });
});

describe('待居民确认: search', () => {
  const awaiting = (payload: object, openid: string) => p.ok(p.call('wish', 'awaitingConfirmation', payload, openid));

  test('narrows by description, beneficiary or claimer; words combine; other scopes never appear', async () => {
    // A wish fulfilled 8 days ago and not confirmed (its claim and fulfilment set as the actions leave them).
    const resident = await p.newResident();
    const w = await p.submitWish(resident.openid, `想请人帮忙换个水龙头${Date.now() % 100000}`);
    await p.ok(p.call('wish', 'review', { wishId: w.id, decision: 'publish' }, 'demo-secretary'));
    const at = new Date((await clockNow(t)).getTime() - 8 * 86_400_000);
    t.cloud.store.update(
      'wishes',
      { _id: w.id },
      {
        $set: {
          status: 'fulfilled',
          claim: {
            openid: 'seed-member-20',
            name: '曾志强',
            unitId: 'u01',
            communityId: 'c01',
            claimedAt: at,
            deadline: at,
          },
          fulfilment: { photos: [], note: '已经换好了', at },
        },
      },
      { multi: false, merge: true, upsert: false },
    );
    const all = await awaiting({}, 'demo-secretary');
    expect(ids(all)).toContain(w.id);
    const target = p.doc('wishes', w.id);
    const word = partOf(target.description, 0, 4);
    const byWord = await awaiting({ q: word }, 'demo-secretary');
    expect(ids(byWord)).toContain(target._id);
    const seen = (d: any) => [d.description, d.beneficiary.name, d.beneficiary.address, d.submitterName, d.claim?.name];
    expect(byWord.every((w: any) => seen(p.doc('wishes', w.id)).join(' ').includes(word))).toBe(true);
    expect(ids(await awaiting({ q: target.beneficiary.name }, 'demo-secretary'))).toContain(target._id);
    expect(ids(await awaiting({ q: `${target.claim.name} ${word}` }, 'demo-secretary'))).toContain(target._id);
    expect(await awaiting({ q: `${target.claim.name} ${NOTHING}` }, 'demo-secretary')).toEqual([]);
    // c02's secretary never sees c01's, whatever is searched.
    expect(ids(await awaiting({ q: word }, 'demo-multi'))).not.toContain(target._id);
    expect((await p.call('wish', 'awaitingConfirmation', { q: TOO_LONG }, 'demo-secretary')).error?.code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('六个一审核: search by member, unit or title', () => {
  const records = (payload: object, openid = 'demo-secretary') => p.allPages('sixOnes', 'recordQueue', payload, openid);

  test('narrows each status tab; words combine; nothing found is empty', async () => {
    const pending = await records({});
    expect(pending.length).toBeGreaterThan(1);
    const target = pending.find((r: any) => r.title.length >= 4)!;
    const name = target.member.name as string;
    const byName = await records({ q: name });
    expect(ids(byName)).toContain(target.id);
    expect(byName.every((r: any) => r.member.name.includes(name) || r.title.includes(name))).toBe(true);
    const word = partOf(target.title, 0, 3);
    const both = await records({ q: `${name} ${word}` });
    expect(ids(both)).toContain(target.id);
    expect(both.every((r: any) => r.member.name.includes(name) && r.title.includes(word))).toBe(true);
    expect(await records({ q: NOTHING })).toEqual([]);
    // Order kept: pending oldest first.
    const created = byName.map((r: any) => Date.parse(r.createdAt));
    expect([...created].sort((a, b) => a - b)).toEqual(created);
    const approved = await records({ status: 'approved' });
    expect(approved.length).toBeGreaterThan(0);
    const done = approved[0];
    const found = await records({ status: 'approved', q: done.member.name });
    expect(ids(found)).toContain(done.id);
    expect(found.every((r: any) => r.status === 'approved')).toBe(true);
  });

  test("another community's records never appear", async () => {
    const [target] = await records({});
    const found = await records({ q: target.member.name }, 'demo-multi');
    expect(ids(found)).not.toContain(target.id);
    expect(found.every((r: any) => p.doc('records', r.id).communityId === 'c02')).toBe(true);
    expect((await p.call('sixOnes', 'recordQueue', { q: TOO_LONG }, 'demo-secretary')).error?.code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('报到审核: search by member or unit, a phone only whole', () => {
  const reports = (payload: object, openid = 'demo-secretary') =>
    p.ok(p.call('account', 'reportQueue', payload, openid));
  let member: Awaited<ReturnType<People['newMember']>>;
  beforeAll(async () => {
    member = await p.newMember({ unitId: 'u01', communityId: 'c01' });
  });

  test('by name, unit, both, or the whole phone; part of a phone finds nothing', async () => {
    const unitName = member.report.unit.name as string;
    expect(ids(await reports({ q: member.name }))).toContain(member.report.id);
    expect(ids(await reports({ q: `${member.name} ${partOf(unitName, 0, 2)}` }))).toContain(member.report.id);
    const byUnit = await reports({ q: unitName });
    expect(ids(byUnit)).toContain(member.report.id);
    expect(byUnit.every((r: any) => r.unit.name.includes(unitName) || r.name.includes(unitName))).toBe(true);
    expect(ids(await reports({ q: member.phone }))).toEqual([member.report.id]);
    expect(await reports({ q: member.phone.slice(0, 7) })).toEqual([]);
    expect(await reports({ q: `${member.name} ${NOTHING}` })).toEqual([]);
    expect(await reports({ status: 'verified', q: member.phone })).toEqual([]);
  });

  test("another community's secretary never finds the report", async () => {
    expect(await reports({ q: member.phone }, 'demo-multi')).toEqual([]);
    expect(ids(await reports({ q: member.name }, 'demo-multi'))).not.toContain(member.report.id);
    expect((await p.call('account', 'reportQueue', { q: TOO_LONG }, 'demo-secretary')).error?.code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('吹哨报到: search by description, place, community or complainant', () => {
  const inbox = (payload: object, openid = 'demo-department') => p.allPages('complaint', 'deptInbox', payload, openid);
  const task = (caseId: string) => p.doc('deptTasks', `${caseId}-d01`);

  test('narrows 待办 and 已完成 by each field; words combine; only the department own whistles', async () => {
    const open = await inbox({});
    expect(open.length).toBeGreaterThan(1);
    const target = open[0];
    const word = partOf(target.description, 0, 4);
    const byWord = await inbox({ q: word });
    expect(byWord.map((x: any) => x.caseId)).toContain(target.caseId);
    const seen = (x: any) => [x.description, x.location, x.community.name, task(x.caseId).summary.complainantName];
    expect(byWord.every((x: any) => seen(x).join(' ').includes(word))).toBe(true);
    expect((await inbox({ q: target.location })).map((x: any) => x.caseId)).toContain(target.caseId);
    expect((await inbox({ q: `${target.community.name} ${word}` })).map((x: any) => x.caseId)).toContain(target.caseId);
    const named = open.find((x: any) => task(x.caseId).summary.complainantName);
    expect(named).toBeDefined();
    const complainant = task(named.caseId).summary.complainantName;
    expect((await inbox({ q: complainant })).map((x: any) => x.caseId)).toContain(named.caseId);
    expect(await inbox({ q: `${word} ${NOTHING}` })).toEqual([]);
    // Every whistle found is addressed to d01.
    expect((await inbox({ q: target.community.name })).every((x: any) => task(x.caseId))).toBe(true);
    const done = await inbox({ status: 'done' });
    if (done.length > 0) {
      const d = done[0];
      const found = await inbox({ status: 'done', q: partOf(d.description, 0, 4) });
      expect(found.map((x: any) => x.caseId)).toContain(d.caseId);
      expect(found.every((x: any) => x.status === 'done')).toBe(true);
    }
  });

  test("an anonymous case's complainant is not searchable; bad input is refused", async () => {
    const anonymous = (t.cloud.store.find('deptTasks', { query: {} }) as any[]).find(
      (x) => x.departmentId === 'd01' && p.doc('cases', x.caseId)?.anonymous,
    );
    if (anonymous) {
      const name = p.doc('cases', anonymous.caseId).complainant.name;
      const found = await inbox({ status: anonymous.status, q: name });
      expect(found.map((x: any) => x.caseId)).not.toContain(anonymous.caseId);
    }
    expect((await p.call('complaint', 'deptInbox', { q: TOO_LONG }, 'demo-department')).error?.code).toBe(
      'INVALID_INPUT',
    );
  });
});
