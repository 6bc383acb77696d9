/**
 * Collections and their indexes — declared once. The local CloudBase creates the collections and
 * SQLite expression indexes from this list at start; docs/deployment.md tells how to create the
 * same in CloudBase. Index only scalar fields (the emulator narrows equality queries with them).
 */
export interface IndexSpec {
  /** Dot paths of the indexed fields, in order. */
  fields: string[];
  unique?: boolean;
}

const none: IndexSpec[] = [];

export const COLLECTIONS = {
  /** One per WeChat user; `_id` is the openid. */
  users: { indexes: none },
  // The county's directory (see docs/data-model.md).
  communities: { indexes: none },
  residentGroups: { indexes: [{ fields: ['communityId'] }] },
  grids: { indexes: [{ fields: ['communityId'] }, { fields: ['parentId'] }] },
  contactCards: { indexes: [{ fields: ['gridId'] }] },
  units: { indexes: [{ fields: ['pairedCommunityId'] }] },
  departments: { indexes: none },
  stations: { indexes: [{ fields: ['communityId'] }] },
  propertyCompanies: { indexes: none },
  /** 双报到: a member's reports to communities, history kept. */
  memberReports: { indexes: [{ fields: ['communityId'] }, { fields: ['openid'] }, { fields: ['unitId'] }] },
  /** 微心愿. */
  wishes: {
    indexes: [
      { fields: ['status'] },
      { fields: ['submitterOpenid'] },
      { fields: ['claim.openid'] },
      { fields: ['gridId'] },
    ],
  },
  /** 六个一: proofs (records), per member-year counters (sixOnes), per scope-year tallies. */
  records: { indexes: [{ fields: ['openid'] }, { fields: ['communityId'] }] },
  sixOnes: { indexes: [{ fields: ['openid'] }] },
  tallies: { indexes: none },
  /** Who changed the directory or someone's roles, when, before and after. */
  audits: { indexes: [{ fields: ['entityId'] }] },
} as const satisfies Record<string, { indexes: IndexSpec[] }>;

export type CollectionName = keyof typeof COLLECTIONS;
