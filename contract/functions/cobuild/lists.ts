import { z } from 'zod';
import { defineAction, type ActionMap } from '../../action';
import {
  COBUILD_CATEGORIES,
  NEED_STATUSES,
  PROJECT_STATUSES,
  RESOURCE_STATUSES,
  type AgreementStatus,
  type CobuildCategory,
  type NeedStatus,
  type ProjectStatus,
  type ResourceStatus,
} from '../../cobuild';
import { day, fileId, id, personName, phone, text } from '../../fields';
import {
  AGREEMENT_DUTIES,
  COBUILD_DESCRIPTION,
  COBUILD_MILESTONES,
  COBUILD_NOTE,
  COBUILD_PHOTOS,
  COBUILD_QUANTITY_UNIT,
  COBUILD_TEXT,
  COBUILD_TITLE,
  REASON,
} from '../../limits';

export type { AgreementStatus, CobuildCategory, NeedStatus, ProjectStatus, ResourceStatus } from '../../cobuild';

/**
 * 三清单一协议 (PRODUCT.md "Co-building"): the community's 需求清单, each paired unit's 资源清单,
 * the year's 共建项目清单 linking them, and the 共建协议 both sides sign; the residents' view of
 * the projects and the county's overview. Every edit names the `version` it read (CONFLICT when
 * someone else changed it since); every step moves the community-year's tally.
 */

const year = z.number().int().min(2020).max(2100);
const version = z.number().int().min(0).max(1_000_000);
const page = z.number().int().min(0).max(100_000).default(0);

/** A photo as a view shows it: the file and a temporary URL (null when the file is gone). */
export interface CobuildPhoto {
  fileId: string;
  url: string | null;
}

/** Who did a step, and when. */
export interface CobuildStamp {
  openid: string;
  name: string;
  at: string;
}

/** 需求清单: one need of a community's year. */
export interface NeedView {
  id: string;
  communityId: string;
  communityName: string;
  year: number;
  category: CobuildCategory;
  title: string;
  description: string;
  /** How many, in `quantityUnit` ("10 次", "20 户"). */
  quantity: number;
  quantityUnit: string;
  /** The date it is wanted by (YYYY-MM-DD). */
  wantedBy: string;
  contact: { name: string; phone: string };
  status: NeedStatus;
  closeReason: string | null;
  /** The live (planned or active) and done projects that link it. */
  projects: Array<{ id: string; title: string; status: ProjectStatus }>;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The secretary `edit`s (open or matched) and `close`s it; anyone who sees it may ask for `matches` while open. */
  can: Array<'edit' | 'close' | 'matches'>;
}

/** 资源清单: one resource a paired unit offers for a year. */
export interface ResourceView {
  id: string;
  unitId: string;
  unitName: string;
  /** The community the unit was paired with when it offered the resource. */
  communityId: string;
  year: number;
  category: CobuildCategory;
  title: string;
  description: string;
  /** How many (`amount` `unit`, e.g. 12 次) and how often ("每月一次"). */
  capacity: { amount: number; unit: string; frequency: string };
  /** The unit's liaison: a verified member of the unit with an account. */
  liaison: { openid: string; name: string; phone: string | null };
  availability: string;
  status: ResourceStatus;
  withdrawReason: string | null;
  projects: Array<{ id: string; title: string; status: ProjectStatus }>;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The unit's admin `edit`s it (offered or committed) and `withdraw`s it (offered). */
  can: Array<'edit' | 'withdraw'>;
}

export interface NeedPage {
  items: NeedView[];
  next: number | null;
}

export interface ResourcePage {
  items: ResourceView[];
  next: number | null;
}

export interface MilestoneView {
  id: string;
  title: string;
  /** Due date (YYYY-MM-DD). */
  dueAt: string;
  doneAt: string | null;
}

/** A progress update of an active project (its own document; newest first in the detail). */
export interface ProjectUpdateView {
  id: string;
  note: string;
  photos: CobuildPhoto[];
  /** The milestone this update marked done, if any. */
  milestoneId: string | null;
  by: { openid: string; name: string; side: 'community' | 'unit'; unitName: string | null };
  at: string;
}

/** 共建项目清单: a project as staff see it in a list. */
export interface ProjectSummary {
  id: string;
  communityId: string;
  communityName: string;
  year: number;
  title: string;
  goal: string;
  status: ProjectStatus;
  units: Array<{ id: string; name: string }>;
  needCount: number;
  resourceCount: number;
  milestones: { total: number; done: number; nextDueAt: string | null };
  /** Residents' ratings of the done project. */
  rating: { count: number; average: number | null };
  lastUpdateAt: string | null;
  version: number;
  updatedAt: string;
}

export interface ProjectPage {
  items: ProjectSummary[];
  next: number | null;
}

/** One project with everything it links: needs, resources, milestones, updates, result. */
export interface ProjectView extends ProjectSummary {
  needs: Array<{
    id: string;
    title: string;
    category: CobuildCategory;
    status: NeedStatus;
    quantity: number;
    quantityUnit: string;
  }>;
  resources: Array<{
    id: string;
    title: string;
    category: CobuildCategory;
    status: ResourceStatus;
    unitId: string;
    unitName: string;
  }>;
  milestoneList: MilestoneView[];
  leads: { community: { name: string; openid: string | null }; unit: { name: string } };
  /** Up to 50 latest progress updates, newest first. */
  updates: ProjectUpdateView[];
  result: { note: string; photos: CobuildPhoto[]; at: string; by: CobuildStamp } | null;
  dropReason: string | null;
  startedAt: string | null;
  createdAt: string;
  createdBy: CobuildStamp;
  /** What the caller may do now. */
  can: Array<'edit' | 'start' | 'update' | 'finish' | 'drop'>;
}

/** A project as a resident of its community sees it: no staff-only data. */
export interface PublicProjectView {
  id: string;
  year: number;
  title: string;
  goal: string;
  status: 'active' | 'done';
  units: Array<{ name: string }>;
  /** The result (done projects). */
  result: { note: string; at: string } | null;
  /** The result's photos, else the latest progress photos (at most 9). */
  photos: CobuildPhoto[];
  rating: { count: number; average: number | null };
  /** The caller's own rating (1–5), null if not rated. */
  myRating: number | null;
  can: Array<'rate'>;
}

export interface PublicProjectPage {
  items: PublicProjectView[];
  next: number | null;
}

/** 共建协议 between a community and one paired unit for a year; a new version supersedes a signed one. */
export interface AgreementView {
  id: string;
  communityId: string;
  communityName: string;
  unitId: string;
  unitName: string;
  year: number;
  /** 1 for the year's first agreement of the pair; a new version of a signed one is the next. */
  number: number;
  status: AgreementStatus;
  projects: Array<{ id: string; title: string; status: ProjectStatus }>;
  duties: { community: string; unit: string };
  period: { from: string; to: string };
  signatures: { community: CobuildStamp | null; unit: CobuildStamp | null };
  /** The signed agreement this version replaces once it is signed by both sides. */
  supersedes: string | null;
  supersededBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /**
   * `edit` while nobody has signed; `sign` for the caller's side if it has not signed yet;
   * `revise` (a new version) of a signed agreement that no draft replaces yet.
   */
  can: Array<'edit' | 'sign' | 'revise'>;
}

/** One community's co-building year in counts (from `cobuildTallies`). */
export interface CobuildCommunityRow {
  communityId: string;
  communityName: string;
  needs: Record<NeedStatus, number>;
  resources: Record<ResourceStatus, number>;
  projects: Record<ProjectStatus, number>;
  agreementsSigned: number;
  /** Joint meetings held per quarter (index 0 = Q1). */
  meetingsHeld: [number, number, number, number];
  chairMonths: { set: number; themed: number; activities: number };
}

export interface CobuildOverview {
  year: number;
  communities: CobuildCommunityRow[];
  /** The county's sums of the rows. */
  county: Omit<CobuildCommunityRow, 'communityId' | 'communityName'>;
}

/**
 * The year's lists in counts for the 结对共建 hub. A community's (its secretary, or the county
 * admin naming it) come from its tally: needs, resources and projects by state, agreements
 * signed. A unit admin's are the unit's own: its resources and the projects it is part of, by
 * state (`needs` and `agreementsSigned` null: the paired community's needs and the agreements
 * list count those).
 */
export interface CobuildCounts {
  year: number;
  of: { kind: 'community'; communityId: string } | { kind: 'unit'; unitId: string };
  needs: Record<NeedStatus, number> | null;
  resources: Record<ResourceStatus, number>;
  projects: Record<ProjectStatus, number>;
  agreementsSigned: number | null;
}

const category = z.enum(COBUILD_CATEGORIES, { errorMap: () => ({ message: '请选择类别' }) });
const title = text(COBUILD_TITLE.min, COBUILD_TITLE.max);
const description = text(COBUILD_DESCRIPTION.min, COBUILD_DESCRIPTION.max);
const photos = z.array(fileId).max(COBUILD_PHOTOS.max, `最多 ${COBUILD_PHOTOS.max} 张照片`);
const quantity = z
  .number({ invalid_type_error: '请填写数量' })
  .int('数量须为整数')
  .min(1, '数量须大于 0')
  .max(100_000, '数量过大');
const quantityUnit = text(COBUILD_QUANTITY_UNIT.min, COBUILD_QUANTITY_UNIT.max);
const ids = (what: string, max: number) =>
  z
    .array(id)
    .min(1, `请至少选择一项${what}`)
    .max(max, `${what}最多 ${max} 项`)
    .refine((a) => new Set(a).size === a.length, { message: `${what}重复` });

const needFields = {
  category,
  title,
  description,
  quantity,
  quantityUnit,
  wantedBy: day,
  contact: z.object({ name: personName, phone }).strict(),
};

const resourceFields = {
  category,
  title,
  description,
  capacity: z
    .object({
      amount: quantity,
      unit: quantityUnit,
      frequency: text(COBUILD_TEXT.min, COBUILD_TEXT.max),
    })
    .strict(),
  liaisonOpenid: id,
  availability: text(COBUILD_TEXT.min, COBUILD_TEXT.max),
};

const projectFields = {
  title,
  goal: text(COBUILD_DESCRIPTION.min, COBUILD_DESCRIPTION.max),
  needIds: ids('需求', 20),
  resourceIds: ids('资源', 20),
  milestones: z
    .array(z.object({ title, dueAt: day }).strict())
    .min(COBUILD_MILESTONES.min, '请至少设置一个节点')
    .max(COBUILD_MILESTONES.max, `节点最多 ${COBUILD_MILESTONES.max} 个`),
  leads: z
    .object({
      community: z.object({ name: personName, openid: id.nullable().default(null) }).strict(),
      unit: z.object({ name: personName }).strict(),
    })
    .strict(),
};

const periodInOrder = (p: { period?: { from: string; to: string } }) => !p.period || p.period.from <= p.period.to;

export const cobuildLists = {
  needs: defineAction<NeedPage>()({
    summary:
      "需求清单 of a year, 50 a page by wanted-by date: the secretary's community; a unit admin's paired community; the county admin any community (`communityId`) or all. Filters: status, category.",
    input: z
      .object({
        year: year.optional(),
        communityId: id.optional(),
        status: z.enum(NEED_STATUSES).optional(),
        category: category.optional(),
        from: page,
      })
      .strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  need: defineAction<NeedView>()({
    summary:
      "One need as 需求清单 shows it, with the projects that link it: in the lists' scope (the secretary's community, a unit admin's paired one, the county admin any); any other is NOT_FOUND.",
    input: z.object({ needId: id }).strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  saveNeed: defineAction<NeedView>()({
    summary:
      "The secretary adds a need to the year's 需求清单 (no `needId`) or edits one while open or matched (`needId` with the `version` read; CONFLICT when changed since). Quantity > 0; a new need is wanted by today or later.",
    input: z
      .object({ needId: id.optional(), version: version.optional(), year: year.optional(), ...needFields })
      .strict()
      .refine((p) => p.needId === undefined || p.version !== undefined, {
        message: '修改须带上读到的版本',
        path: ['version'],
      }),
    roles: ['secretary'],
  }),
  closeNeed: defineAction<NeedView>()({
    summary: 'The secretary closes an open or matched need with a reason (the version read).',
    input: z.object({ needId: id, version, reason: text(REASON.min, REASON.max) }).strict(),
    roles: ['secretary'],
  }),
  resources: defineAction<ResourcePage>()({
    summary:
      "资源清单 of a year, 50 a page: a unit admin's own unit; a secretary's paired units (`unitId` one of them); the county admin any unit, community or all. Filters: status, category.",
    input: z
      .object({
        year: year.optional(),
        unitId: id.optional(),
        communityId: id.optional(),
        status: z.enum(RESOURCE_STATUSES).optional(),
        category: category.optional(),
        from: page,
      })
      .strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  resource: defineAction<ResourceView>()({
    summary:
      "One resource as 资源清单 shows it, with the projects that use it: in the lists' scope (a unit admin's own unit, the secretary's paired units, the county admin any); any other is NOT_FOUND.",
    input: z.object({ resourceId: id }).strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  saveResource: defineAction<ResourceView>()({
    summary:
      "A unit admin adds a resource to the unit's 资源清单 (no `resourceId`) or edits one while offered or committed (with the `version` read). The liaison is a verified member of the unit (双报到) with an account. The paired community's secretary is told of a new one.",
    input: z
      .object({ resourceId: id.optional(), version: version.optional(), year: year.optional(), ...resourceFields })
      .strict()
      .refine((p) => p.resourceId === undefined || p.version !== undefined, {
        message: '修改须带上读到的版本',
        path: ['version'],
      }),
    roles: ['unitAdmin'],
  }),
  withdrawResource: defineAction<ResourceView>()({
    summary: 'The unit admin withdraws an offered resource (none of its projects use it) with a reason.',
    input: z.object({ resourceId: id, version, reason: text(REASON.min, REASON.max) }).strict(),
    roles: ['unitAdmin'],
  }),
  matches: defineAction<ResourceView[]>()({
    summary:
      "Matching help: for an open (or matched) need, the offered and committed resources of the same year and category among the community's paired units.",
    input: z.object({ needId: id }).strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  projects: defineAction<ProjectPage>()({
    summary:
      "共建项目清单 of a year, 50 a page, newest first: the secretary's community; a unit admin's projects their unit is part of; the county admin any community or all. Filter: status.",
    input: z
      .object({
        year: year.optional(),
        communityId: id.optional(),
        status: z.enum(PROJECT_STATUSES).optional(),
        from: page,
      })
      .strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  project: defineAction<ProjectView>()({
    summary: 'One project with its needs, resources, milestones, leads, the latest 50 updates and the result.',
    input: z.object({ projectId: id }).strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  saveProject: defineAction<ProjectView>()({
    summary:
      'Creates (no `projectId`) or edits a planned project (with the `version` read): ≥1 open/matched need of the community and ≥1 offered/committed resource of its paired units, same year; milestones, a lead on each side. The secretary, or the admin of a unit whose resource it uses. Linking moves needs to matched and resources to committed; the units named are told.',
    input: z
      .object({ projectId: id.optional(), version: version.optional(), year: year.optional(), ...projectFields })
      .strict()
      .refine((p) => p.projectId === undefined || p.version !== undefined, {
        message: '修改须带上读到的版本',
        path: ['version'],
      }),
    roles: ['secretary', 'unitAdmin'],
  }),
  startProject: defineAction<ProjectView>()({
    summary: 'Starts a planned project (planned → active); the other side is told.',
    input: z.object({ projectId: id, version }).strict(),
    roles: ['secretary', 'unitAdmin'],
  }),
  projectUpdate: defineAction<ProjectView>()({
    summary:
      'A progress update of an active project: a note, 0–9 of the caller’s own photos, optionally a milestone marked done.',
    input: z
      .object({
        projectId: id,
        note: text(COBUILD_NOTE.min, COBUILD_NOTE.max),
        photos: photos.default([]),
        milestoneId: id.optional(),
      })
      .strict(),
    roles: ['secretary', 'unitAdmin'],
    rateLimit: { max: 60, windowMinutes: 60 },
  }),
  finishProject: defineAction<ProjectView>()({
    summary:
      'Finishes an active project (active → done) with a result note and 0–9 own photos; its needs are done, its resources used up unless another live project uses them.',
    input: z
      .object({
        projectId: id,
        version,
        note: text(COBUILD_NOTE.min, COBUILD_NOTE.max),
        photos: photos.default([]),
      })
      .strict(),
    roles: ['secretary', 'unitAdmin'],
  }),
  dropProject: defineAction<ProjectView>()({
    summary:
      'Drops a planned or active project with a reason; its needs and resources that no other live project links are open / offered again.',
    input: z.object({ projectId: id, version, reason: text(REASON.min, REASON.max) }).strict(),
    roles: ['secretary', 'unitAdmin'],
  }),
  publicProjects: defineAction<PublicProjectPage>()({
    summary:
      "A resident's view of their community's co-building projects in progress and done (title, units, result, photos, rating), 20 a page, newest first.",
    input: z.object({ status: z.enum(['active', 'done']).optional(), from: page }).strict(),
    roles: ['resident'],
  }),
  publicProject: defineAction<PublicProjectView>()({
    summary:
      "One project as the resident's list shows it (their community's, in progress or done), with their own rating; any other is NOT_FOUND.",
    input: z.object({ projectId: id }).strict(),
    roles: ['resident'],
  }),
  rateProject: defineAction<PublicProjectView>()({
    summary:
      'A resident rates a done project of their community once: 1–5 stars and an optional comment. A second rating is refused (CONFLICT) and counted once.',
    input: z
      .object({
        projectId: id,
        stars: z.number().int().min(1, '请选择 1–5 星').max(5, '请选择 1–5 星'),
        comment: text(0, COBUILD_DESCRIPTION.max).default(''),
      })
      .strict(),
    roles: ['resident'],
    rateLimit: { max: 30, windowMinutes: 60 },
  }),
  agreements: defineAction<AgreementView[]>()({
    summary:
      "共建协议 of a year (every version, newest first): the secretary's community; a unit admin's unit; the county admin a community or all.",
    input: z.object({ year: year.optional(), communityId: id.optional() }).strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  saveAgreement: defineAction<AgreementView>()({
    summary:
      "Drafts the year's agreement of the community and one paired unit (`unitId`, the secretary's choice; a unit admin's own), edits a draft nobody has signed (`agreementId`, `version`), or revises a signed one (`revises`: a new draft that supersedes it once both sides sign). An edit or a new version is of the agreement's own unit and year, read from it (no `unitId` needed; another `unitId` or `year`: INVALID_INPUT). Projects: the pair's of that year. The other side is told.",
    input: z
      .object({
        agreementId: id.optional(),
        revises: id.optional(),
        version: version.optional(),
        unitId: id.optional(),
        year: year.optional(),
        projectIds: ids('项目', 50),
        duties: z
          .object({
            community: text(AGREEMENT_DUTIES.min, AGREEMENT_DUTIES.max),
            unit: text(AGREEMENT_DUTIES.min, AGREEMENT_DUTIES.max),
          })
          .strict(),
        period: z.object({ from: day, to: day }).strict(),
      })
      .strict()
      .refine(periodInOrder, { message: '协议期限的结束日期须不早于开始日期', path: ['period', 'to'] })
      .refine((p) => p.agreementId === undefined || p.version !== undefined, {
        message: '修改须带上读到的版本',
        path: ['version'],
      })
      .refine((p) => !(p.agreementId && p.revises), { message: '修改草稿与新版本不能同时进行', path: ['revises'] }),
    roles: ['secretary', 'unitAdmin'],
  }),
  signAgreement: defineAction<AgreementView>()({
    summary:
      'Signs a draft agreement for the caller’s side (the secretary for the community, the unit admin for the unit): who and when. Signing twice counts once; when both sides have signed it is read-only and supersedes the version it revises.',
    input: z.object({ agreementId: id }).strict(),
    roles: ['secretary', 'unitAdmin'],
  }),
  counts: defineAction<CobuildCounts>()({
    summary:
      "The year's lists in counts for the hub: the secretary's community (the county admin names one with `communityId`) from its tally — needs, resources, projects by state and agreements signed; a unit admin's own resources and the projects the unit is part of, by state. Another community: FORBIDDEN.",
    input: z.object({ year: year.optional(), communityId: id.optional() }).strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  countyOverview: defineAction<CobuildOverview>()({
    summary:
      "The county admin's co-building overview of a year: per community needs, resources and projects by state, agreements signed, joint meetings held per quarter and chair months.",
    input: z.object({ year: year.optional() }).strict(),
    roles: ['countyAdmin'],
  }),
} satisfies ActionMap;
