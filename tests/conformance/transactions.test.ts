/**
 * Conformance: transactions and races through the real wx-server-sdk 4.0.2 — runTransaction
 * commit, rollback by throw and by tx.rollback(reason), reads of the transaction's own writes,
 * isolation, optimistic conflicts with the SDK's retry, startTransaction/commit/rollback, and
 * conditional updates racing for one document.
 */
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { freshCollection, rejectionOf, wxCloud, type Db } from '../helpers/sdk';

let tc: TestCloud;
let db: Db;
let _: any;

beforeAll(async () => {
  tc = await startLocalCloud({ seed: false });
  db = wxCloud().database();
  _ = db.command;
});

afterAll(async () => {
  await tc.stop();
});

async function read(collection: string, id: string): Promise<any> {
  return (await db.collection(collection).doc(id).get()).data;
}

async function exists(collection: string, id: string): Promise<boolean> {
  return (await db.collection(collection).where({ _id: id }).count()).total === 1;
}

describe('runTransaction', () => {
  test('commits writes to several documents in several collections together and resolves the callback value', async () => {
    const accounts = await freshCollection(db, 'acct');
    const ledger = await freshCollection(db, 'ledger');
    await db.collection(accounts).add({
      data: [
        { _id: 'alice', balance: 100 },
        { _id: 'bob', balance: 0 },
      ],
    });

    const result = await db.runTransaction(async (tx: any) => {
      const { data: alice } = await tx.collection(accounts).doc('alice').get();
      await tx
        .collection(accounts)
        .doc('alice')
        .update({ data: { balance: alice.balance - 30 } });
      await tx
        .collection(accounts)
        .doc('bob')
        .update({ data: { balance: _.inc(30) } });
      await tx.collection(ledger).add({ data: { _id: 'entry-1', from: 'alice', to: 'bob', amount: 30 } });
      await tx
        .collection(accounts)
        .doc('carol')
        .set({ data: { balance: 0, opened: true } });
      return { moved: 30 };
    });

    expect(result).toEqual({ moved: 30 });
    expect((await read(accounts, 'alice')).balance).toBe(70);
    expect((await read(accounts, 'bob')).balance).toBe(30);
    expect(await read(ledger, 'entry-1')).toEqual({ _id: 'entry-1', from: 'alice', to: 'bob', amount: 30 });
    expect(await read(accounts, 'carol')).toEqual({ _id: 'carol', balance: 0, opened: true });
  });

  test('a throw inside the callback rolls everything back and rejects with that error', async () => {
    const c = await freshCollection(db, 'tx');
    await db.collection(c).add({ data: { _id: 'a', v: 1 } });
    const boom = new Error('boom');

    const err = await rejectionOf(
      db.runTransaction(async (tx: any) => {
        await tx
          .collection(c)
          .doc('a')
          .update({ data: { v: 2 } });
        await tx.collection(c).add({ data: { _id: 'b', v: 1 } });
        await tx
          .collection(c)
          .doc('c')
          .set({ data: { v: 1 } });
        throw boom;
      }),
    );

    expect(err).toBe(boom);
    expect(await read(c, 'a')).toEqual({ _id: 'a', v: 1 });
    expect(await exists(c, 'b')).toBe(false);
    expect(await exists(c, 'c')).toBe(false);
  });

  test('tx.rollback(reason) rejects with the reason and writes nothing', async () => {
    const c = await freshCollection(db, 'tx');
    await db.collection(c).add({ data: { _id: 'a', v: 1 } });

    const err = await rejectionOf(
      db.runTransaction(async (tx: any) => {
        await tx
          .collection(c)
          .doc('a')
          .update({ data: { v: 99 } });
        await tx.collection(c).add({ data: { _id: 'b' } });
        return tx.rollback('not enough stock');
      }),
    );

    expect(err).toBe('not enough stock');
    expect(await read(c, 'a')).toEqual({ _id: 'a', v: 1 });
    expect(await exists(c, 'b')).toBe(false);
  });

  test('a read inside the transaction sees its own writes', async () => {
    const c = await freshCollection(db, 'tx');
    await db.collection(c).add({ data: { _id: 'a', v: 1, nested: { x: 1, y: 1 } } });

    const seen = await db.runTransaction(async (tx: any) => {
      await tx
        .collection(c)
        .doc('a')
        .update({ data: { v: _.inc(5), nested: { y: 2 } } });
      const afterUpdate = (await tx.collection(c).doc('a').get()).data;
      await tx.collection(c).add({ data: { _id: 'b', fresh: true } });
      const added = (await tx.collection(c).doc('b').get()).data;
      await tx.collection(c).doc('a').remove();
      const afterRemove = await tx
        .collection(c)
        .doc('a')
        .get()
        .catch((e: { errCode: number }) => e.errCode);
      return { afterUpdate, added, afterRemove };
    });

    expect(seen.afterUpdate).toEqual({ _id: 'a', v: 6, nested: { x: 1, y: 2 } });
    expect(seen.added).toEqual({ _id: 'b', fresh: true });
    expect(seen.afterRemove).toBe(-1); // not found, as doc.get outside a transaction
    expect(await exists(c, 'a')).toBe(false);
    expect(await read(c, 'b')).toEqual({ _id: 'b', fresh: true });
  });

  test('tx doc.get of a missing document rejects (errCode -1) and aborts the transaction', async () => {
    const c = await freshCollection(db, 'tx');
    const err = await rejectionOf(
      db.runTransaction(async (tx: any) => {
        await tx.collection(c).add({ data: { _id: 'written' } });
        await tx.collection(c).doc('missing').get();
      }),
    );
    expect(err.errCode).toBe(-1);
    expect(await exists(c, 'written')).toBe(false);
  });

  test('two concurrent transactions incrementing one counter are both applied (the loser retries on conflict)', async () => {
    const c = await freshCollection(db, 'ctr');
    await db.collection(c).add({ data: { _id: 'n', value: 0 } });
    const increment = () =>
      db.runTransaction(async (tx: any) => {
        const { data } = await tx.collection(c).doc('n').get();
        await tx
          .collection(c)
          .doc('n')
          .update({ data: { value: data.value + 1 } });
      });

    await Promise.all([increment(), increment()]);
    expect((await read(c, 'n')).value).toBe(2);
  });

  test('10 concurrent read-then-write increments all end up applied when retries suffice', async () => {
    const c = await freshCollection(db, 'ctr');
    await db.collection(c).add({ data: { _id: 'n', value: 0 } });
    // Each round of conflicts lets at least one commit, so 10 racers need at most 10 attempts.
    const increment = () =>
      db.runTransaction(async (tx: any) => {
        const { data } = await tx.collection(c).doc('n').get();
        await tx
          .collection(c)
          .doc('n')
          .update({ data: { value: data.value + 1 } });
      }, 10);

    const results = await Promise.allSettled(Array.from({ length: 10 }, increment));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await read(c, 'n')).value).toBe(10);
  });

  test('with the default 3 retries no increment is ever lost: those that resolved are exactly those applied', async () => {
    const c = await freshCollection(db, 'ctr');
    await db.collection(c).add({ data: { _id: 'n', value: 0 } });
    const increment = () =>
      db.runTransaction(async (tx: any) => {
        await tx
          .collection(c)
          .doc('n')
          .update({ data: { value: _.inc(1) } });
      });

    const results = await Promise.allSettled(Array.from({ length: 10 }, increment));
    const applied = results.filter((r) => r.status === 'fulfilled').length;
    expect(applied).toBeGreaterThanOrEqual(4); // every round lets at least one commit; 4 rounds
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await read(c, 'n')).value).toBe(applied);
  });
});

describe('startTransaction', () => {
  test('commit applies the writes; before commit they are invisible outside the transaction', async () => {
    const c = await freshCollection(db, 'stx');
    await db.collection(c).add({ data: { _id: 'a', v: 1 } });

    const tx = await db.startTransaction();
    await tx
      .collection(c)
      .doc('a')
      .update({ data: { v: 2 } });
    await tx.collection(c).add({ data: { _id: 'b', v: 1 } });
    expect(await read(c, 'a')).toEqual({ _id: 'a', v: 1 });
    expect(await exists(c, 'b')).toBe(false);

    const committed = await tx.commit();
    expect(committed).not.toHaveProperty('code');
    expect(await read(c, 'a')).toEqual({ _id: 'a', v: 2 });
    expect(await read(c, 'b')).toEqual({ _id: 'b', v: 1 });
  });

  test('rollback discards the writes', async () => {
    const c = await freshCollection(db, 'stx');
    await db.collection(c).add({ data: { _id: 'a', v: 1 } });

    const tx = await db.startTransaction();
    await tx
      .collection(c)
      .doc('a')
      .set({ data: { replaced: true } });
    await tx
      .collection(c)
      .doc('new')
      .set({ data: { v: 1 } });
    await tx.rollback();

    expect(await read(c, 'a')).toEqual({ _id: 'a', v: 1 });
    expect(await exists(c, 'new')).toBe(false);
  });

  test('commit rejects with DATABASE_TRANSACTION_CONFLICT when a document it read was changed meanwhile, and writes nothing', async () => {
    const c = await freshCollection(db, 'stx');
    await db.collection(c).add({
      data: [
        { _id: 'a', v: 1 },
        { _id: 'b', v: 1 },
      ],
    });

    const tx = await db.startTransaction();
    const { data } = await tx.collection(c).doc('a').get();
    await tx
      .collection(c)
      .doc('b')
      .update({ data: { v: data.v + 100 } });
    await db
      .collection(c)
      .doc('a')
      .update({ data: { v: 5 } }); // someone else, outside

    const err = await rejectionOf(tx.commit());
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await read(c, 'a')).toEqual({ _id: 'a', v: 5 });
    expect(await read(c, 'b')).toEqual({ _id: 'b', v: 1 });
  });

  test('two transactions inserting the same new _id: the second commit conflicts', async () => {
    const c = await freshCollection(db, 'stx');
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection(c).add({ data: { _id: 'same', by: 1 } });
    await t2.collection(c).add({ data: { _id: 'same', by: 2 } });
    await t1.commit();
    expect((await rejectionOf(t2.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await read(c, 'same')).toEqual({ _id: 'same', by: 1 });
  });
});

describe('conditional updates racing for one document', () => {
  test('of 50 concurrent where({ _id, status: "open" }).update calls exactly one wins', async () => {
    const c = await freshCollection(db, 'race');
    await db.collection(c).add({ data: { _id: 'job', status: 'open' } });

    const results = await Promise.all(
      Array.from({ length: 50 }, (_u, i) =>
        db
          .collection(c)
          .where({ _id: 'job', status: 'open' })
          .update({ data: { status: 'taken', by: i } }),
      ),
    );

    const updated = results.map((r) => r.stats.updated);
    expect(updated.filter((u) => u === 1)).toHaveLength(1);
    expect(updated.filter((u) => u === 0)).toHaveLength(49);
    const winner = updated.indexOf(1);
    expect(await read(c, 'job')).toEqual({ _id: 'job', status: 'taken', by: winner });
  });

  test('50 concurrent conditional increments never push a counter past its capacity', async () => {
    const c = await freshCollection(db, 'race');
    await db.collection(c).add({ data: { _id: 'event', taken: 0 } });
    const capacity = 20;

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        db
          .collection(c)
          .where({ _id: 'event', taken: _.lt(capacity) })
          .update({ data: { taken: _.inc(1) } }),
      ),
    );

    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(capacity);
    expect((await read(c, 'event')).taken).toBe(capacity);
  });
});
