import type { AuditPage, MyGrid, PairGridView, PairMicroGridView, UserSummary } from '../../contract';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { C01_ADDRESS, people, type Envelope, type People } from '../helpers/people';

/**
 * 1+1带N kept by the grid: a grid worker (and the community's secretary) links, for each building
 * of their grids, a party member verified in the community, a grid worker of the grid and N of its
 * households; the residents of the building read it on their 网格联系卡. Only in scope, only
 * members reported there, N within the building; two edits of one building at once: one wins, the
 * other is told; edits of different buildings all succeed.
 */

let t: TestCloud;
let p: People;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const GRID_WORKER = 'demo-grid-worker'; // c01-g01
const GRID_HEAD = 'seed-grid-c01-g01-1';
const SECRETARY = 'demo-secretary'; // c01
const OTHER_SECRETARY = 'seed-secretary-c03';

const pairs = (openid: string) => p.ok<PairGridView[]>(p.directory('householdPairs', {}, openid));
const save = (payload: Record<string, unknown>, openid = GRID_WORKER) =>
  p.directory<PairMicroGridView>('savePair', payload, openid);
const stored = (microGridId: string) => p.doc('grids', microGridId);
const versionOf = (microGridId: string): number => stored(microGridId).pair?.version ?? 0;
const nameOf = (openid: string) => p.doc('users', openid).name as string;
const refusal = (r: Envelope) => ({
  code: r.error?.code,
  paths: [...new Set(((r.error?.details ?? []) as Array<{ path: string }>).map((d) => d.path))],
});

/** A valid edit of `microGridId` on the version stored now. */
const edit = (microGridId: string, over: Record<string, unknown> = {}) => ({
  microGridId,
  memberOpenid: 'seed-member-01',
  gridWorkerOpenid: GRID_HEAD,
  households: 12,
  version: versionOf(microGridId),
  ...over,
});

describe('the 1+1带N list', () => {
  it('a grid worker sees the buildings of their own grid, each with its member, grid worker and households', async () => {
    const grids = await pairs(GRID_WORKER);
    expect(grids.map((g) => g.id)).toEqual(['c01-g01']);
    const [grid] = grids;
    expect(grid.workers.map((w) => w.openid)).toEqual([GRID_HEAD, GRID_WORKER]);
    expect(grid.workers[1].name).toBe(nameOf(GRID_WORKER));
    expect(grid.microGrids.map((m) => m.id)).toEqual(['c01-g01-m1', 'c01-g01-m2', 'c01-g01-m3', 'c01-g01-m4']);
    for (const m of grid.microGrids) {
      const doc = stored(m.id);
      expect(m.pair).toEqual({
        memberOpenid: doc.pair.memberOpenid,
        memberName: doc.pair.memberName,
        gridWorkerOpenid: doc.pair.gridWorkerOpenid,
        gridWorkerName: doc.pair.gridWorkerName,
        households: doc.pair.households,
      });
      expect(m.householdCount).toBe(doc.householdCount);
      expect(m.version).toBe(0);
    }
  });

  it("the secretary sees every grid of her community, and nobody else's", async () => {
    const grids = await pairs(SECRETARY);
    const c01Grids = t.cloud.store.find('grids', { query: { communityId: 'c01', level: 'grid' } });
    expect(grids.map((g) => g.id).sort()).toEqual(c01Grids.map((g) => g._id).sort());
    expect(grids.every((g) => g.communityId === 'c01')).toBe(true);
    expect((await pairs(OTHER_SECRETARY)).every((g) => g.communityId === 'c03')).toBe(true);
  });
});

describe('keeping a building’s 1+1带N', () => {
  it('a grid worker links another member, the grid head and 12 households; the residents of the building see it', async () => {
    const before = stored('c01-g01-m1').pair;
    const saved = await p.ok(save(edit('c01-g01-m1')));
    const expected = {
      memberOpenid: 'seed-member-01',
      memberName: nameOf('seed-member-01'),
      gridWorkerOpenid: GRID_HEAD,
      gridWorkerName: nameOf(GRID_HEAD),
      households: 12,
    };
    expect(saved).toMatchObject({ id: 'c01-g01-m1', pair: expected, version: 1 });
    // The pair itself says who made this edit (should the audit entry after it be lost to a crash).
    expect(stored('c01-g01-m1').pair).toEqual({
      ...expected,
      version: 1,
      editedBy: { openid: GRID_WORKER, name: nameOf(GRID_WORKER), at: expect.anything() },
    });

    const resident = await p.newResident({ address: { ...C01_ADDRESS, microGridId: 'c01-g01-m1' } });
    const grid = await p.ok<MyGrid>(p.account('myGrid', {}, resident.openid));
    expect(grid.pair).toEqual({
      memberName: expected.memberName,
      gridWorkerName: expected.gridWorkerName,
      households: 12,
    });

    // The trail: who changed which building's pair, from what to what.
    const page = await p.ok<AuditPage>(p.directory('audit', { entityId: 'c01-g01-m1' }, SECRETARY));
    expect(page.items[0]).toMatchObject({
      kind: 'directory',
      action: 'update',
      entity: 'householdPair',
      entityId: 'c01-g01-m1',
      label: stored('c01-g01-m1').name,
      by: GRID_WORKER,
      communityId: 'c01',
      before,
      after: { ...expected, version: 1 },
    });
  });

  it('the secretary keeps any building of her community, on the version she read', async () => {
    const saved = await p.ok(
      save(edit('c01-g02-m1', { gridWorkerOpenid: 'seed-grid-c01-g02-3', households: 5 }), SECRETARY),
    );
    expect(saved.pair).toMatchObject({ gridWorkerOpenid: 'seed-grid-c01-g02-3', households: 5 });
    expect(saved.version).toBe(1);
    const again = await p.ok(
      save(edit('c01-g02-m1', { gridWorkerOpenid: 'seed-grid-c01-g02-3', households: 6 }), SECRETARY),
    );
    expect(again.version).toBe(2);
    expect(stored('c01-g02-m1').pair.households).toBe(6);
  });

  it('finds the members verified in the building’s community by name or whole phone, phones masked', async () => {
    const c01Verified = t.cloud.store
      .find('memberReports', { query: { communityId: 'c01', status: 'verified' } })
      .map((r) => r.openid as string);
    const [member] = t.cloud.store.find('memberReports', {
      query: { openid: 'seed-member-01', status: 'verified' },
    }) as unknown as Array<{ name: string; phone: string }>;
    const byName = await p.ok<UserSummary[]>(
      p.directory('pairMembers', { microGridId: 'c01-g01-m2', query: member.name.slice(0, 1) }, GRID_WORKER),
    );
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((u) => c01Verified.includes(u.openid))).toBe(true);
    expect(byName.map((u) => u.openid)).toContain('seed-member-01');
    expect(byName.every((u) => /\*\*\*\*/.test(u.phone))).toBe(true);

    const byPhone = await p.ok<UserSummary[]>(
      p.directory('pairMembers', { microGridId: 'c01-g01-m2', query: member.phone }, GRID_WORKER),
    );
    expect(byPhone.map((u) => u.openid)).toEqual(['seed-member-01']);
    // A part of a number finds nobody.
    expect(
      await p.ok(
        p.directory('pairMembers', { microGridId: 'c01-g01-m2', query: member.phone.slice(0, 7) }, GRID_WORKER),
      ),
    ).toEqual([]);
    // Pending reports are not members of the community yet.
    const pending = await p.ok<UserSummary[]>(
      p.directory('pairMembers', { microGridId: 'c01-g01-m2', query: nameOf('demo-member-pending') }, GRID_WORKER),
    );
    expect(pending.map((u) => u.openid)).not.toContain('demo-member-pending');
  });
});

describe('what a keeper may not do', () => {
  const unchanged = async (reply: Promise<Envelope>, microGridId: string) => {
    const before = p.snapshot(['audits'], [['grids', microGridId]]);
    const res = await reply;
    expect(p.snapshot(['audits'], [['grids', microGridId]])).toEqual(before);
    return res;
  };

  it('a grid worker cannot touch another grid’s building, nor another community’s secretary; residents have no such action', async () => {
    expect(
      (await unchanged(save(edit('c01-g02-m2', { gridWorkerOpenid: 'seed-grid-c01-g02-2' })), 'c01-g02-m2')).error
        ?.code,
    ).toBe('FORBIDDEN');
    expect((await unchanged(save(edit('c01-g01-m2'), OTHER_SECRETARY), 'c01-g01-m2')).error?.code).toBe('FORBIDDEN');
    expect((await unchanged(save(edit('c01-g01-m2'), 'demo-resident'), 'c01-g01-m2')).error?.code).toBe('FORBIDDEN');
    expect(
      (await p.directory('pairMembers', { microGridId: 'c01-g02-m2', query: '陈' }, GRID_WORKER)).error?.code,
    ).toBe('FORBIDDEN');
  });

  it('bad input is INVALID_INPUT (or NOT_FOUND for a building that is not one), naming the field, and changes nothing', async () => {
    const id = 'c01-g01-m3';
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ households: 0 }, 'households'],
      [{ households: -3 }, 'households'],
      [{ households: 2.5 }, 'households'],
      [{ households: '12' }, 'households'],
      [{ households: stored(id).householdCount + 1 }, 'households'],
      [{ version: -1 }, 'version'],
      [{ version: 'latest' }, 'version'],
      [{ memberOpenid: '' }, 'memberOpenid'],
      [{ gridWorkerOpenid: 'a b' }, 'gridWorkerOpenid'],
      [{ extra: true }, ''],
    ];
    for (const [over, path] of cases) {
      const res = await unchanged(save(edit(id, over)), id);
      expect({ over, ...refusal(res) }).toEqual({ over, code: 'INVALID_INPUT', paths: [path] });
      expect(res.error?.message).toBeTruthy();
    }
    const { version: _v, ...noVersion } = edit(id);
    expect(refusal(await unchanged(save(noVersion), id))).toEqual({ code: 'INVALID_INPUT', paths: ['version'] });
    expect((await save(edit(id, { microGridId: 'c01-g01-m99' }))).error?.code).toBe('NOT_FOUND');
    // A grid is not a building.
    expect((await unchanged(save(edit(id, { microGridId: 'c01-g01' })), 'c01-g01')).error?.code).toBe('NOT_FOUND');
  });

  it('the member must be verified in the building’s community, the grid worker work its grid', async () => {
    const id = 'c01-g01-m3';
    const elsewhere = t.cloud.store
      .find('memberReports', { query: { status: 'verified' } })
      .find((r) => r.communityId !== 'c01')!.openid as string;
    const notMembers: string[] = [elsewhere, 'demo-member-pending', 'demo-resident', GRID_WORKER, 'nobody-here'];
    for (const memberOpenid of notMembers) {
      const res = await unchanged(save(edit(id, { memberOpenid })), id);
      expect({ memberOpenid, ...refusal(res) }).toEqual({
        memberOpenid,
        code: 'INVALID_INPUT',
        paths: ['memberOpenid'],
      });
    }
    for (const gridWorkerOpenid of ['seed-grid-c01-g02-2', 'demo-member', 'nobody-here']) {
      const res = await unchanged(save(edit(id, { gridWorkerOpenid })), id);
      expect({ gridWorkerOpenid, ...refusal(res) }).toEqual({
        gridWorkerOpenid,
        code: 'INVALID_INPUT',
        paths: ['gridWorkerOpenid'],
      });
    }
  });
});

describe('edits at once', () => {
  it('two keepers save the same building on the same version: one wins, the other gets CONFLICT and one entry is kept', async () => {
    const id = 'c01-g01-m4';
    const version = versionOf(id);
    const audits = t.cloud.store.count('audits', {});
    const replies = await Promise.all([
      save(edit(id, { households: 7, version }), GRID_WORKER),
      save(edit(id, { households: 9, version, memberOpenid: 'seed-member-02' }), SECRETARY),
    ]);
    const outcomes = replies.map((r) => (r.ok ? 'ok' : r.error?.code)).sort();
    expect(outcomes).toEqual(['CONFLICT', 'ok']);
    const winner = replies.find((r) => r.ok)!.data as PairMicroGridView;
    const { editedBy, ...kept } = stored(id).pair;
    expect(kept).toEqual({ ...winner.pair, version: version + 1 });
    expect(editedBy.openid).toBe(replies[0].ok ? GRID_WORKER : SECRETARY);
    expect(t.cloud.store.count('audits', {})).toBe(audits + 1);

    // The loser's version is stale now: saving it again is refused until they read the new one.
    expect((await save(edit(id, { version }))).error?.code).toBe('CONFLICT');
    expect((await p.ok(save(edit(id, { households: 8 })))).version).toBe(version + 2);
  });

  it('edits of different buildings sent at once all succeed', async () => {
    const ids = ['c01-g01-m1', 'c01-g01-m2', 'c01-g01-m3'];
    const replies = await Promise.all(ids.map((id, i) => save(edit(id, { households: 3 + i }))));
    expect(replies.map((r) => (r.ok ? 'ok' : r.error?.code))).toEqual(['ok', 'ok', 'ok']);
    ids.forEach((id, i) => expect(stored(id).pair.households).toBe(3 + i));
  });
});
