/**
 * Collections and their indexes — declared once. The local CloudBase creates SQLite expression
 * indexes from this list; docs/deployment.md tells how to create the same indexes in CloudBase.
 */
export interface IndexSpec {
  /** Dot paths of the indexed fields, in order. */
  fields: string[];
  unique?: boolean;
}

export const COLLECTIONS = {
  users: { indexes: [] as IndexSpec[] },
} as const satisfies Record<string, { indexes: IndexSpec[] }>;

export type CollectionName = keyof typeof COLLECTIONS;
