import type { Database } from './sdk-types';

/** One document by `_id`, or null (a `where` read: a missing id is not an error, unlike `doc().get()`). */
export async function getById<T>(db: Database, collection: string, id: string): Promise<T | null> {
  const { data } = await db.collection(collection).where({ _id: id }).limit(1).get<T>();
  return data[0] ?? null;
}

const BATCH = 1000;

/** Every document of a query, 1,000 at a time, in `_id` order (stable under concurrent inserts): for jobs. */
export async function readAll<T extends { _id: string }>(
  db: Database,
  collection: string,
  where: Record<string, unknown>,
): Promise<T[]> {
  const _ = db.command;
  const out: T[] = [];
  let after = '';
  for (;;) {
    const { data } = await db
      .collection(collection)
      .where((after ? _.and([where, { _id: _.gt(after) }]) : where) as never)
      .orderBy('_id', 'asc')
      .limit(BATCH)
      .get<T>();
    out.push(...data);
    if (data.length < BATCH) return out;
    after = data[data.length - 1]._id;
  }
}
