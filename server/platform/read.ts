import type { Database } from './sdk-types';

/** One document by `_id`, or null (a `where` read: a missing id is not an error, unlike `doc().get()`). */
export async function getById<T>(db: Database, collection: string, id: string): Promise<T | null> {
  const { data } = await db.collection(collection).where({ _id: id }).limit(1).get<T>();
  return data[0] ?? null;
}
