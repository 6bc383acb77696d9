import { z } from 'zod';
import { defineAction } from '../action';
import { day, id, personName, phone, queueQuery, text } from '../fields';
import { REASON, USER_QUERY } from '../limits';
import type { MessageView, TemplateKey } from '../notifications';
import { ROLES, type Role, type RoleGrant } from '../roles';
import type { ContactCardView } from './directory';

/** Where a resident lives: the micro-grid (小区/楼栋) decides the grid. */
export interface ResidentAddress {
  communityId: string;
  residentGroupId: string;
  gridId: string;
  microGridId: string;
  /** Unit and room, free text (e.g. 2单元301). */
  building: string;
}

/** What `account.me` answers: the caller's own profile, unmasked (it is theirs). */
export interface Me {
  openid: string;
  name: string | null;
  /** Nickname shown when no real name was given. */
  displayName: string;
  phone: string | null;
  address: ResidentAddress | null;
  roles: RoleGrant[];
  /** Version of the privacy guide (用户隐私保护指引) the user accepted, or null. */
  privacyAcceptedVersion: string | null;
  /** The member's report (双报到) awaiting the secretary, if any. */
  pendingReport: { id: string; communityId: string; communityName: string; createdAt: string } | null;
  /** True when this call registered the caller. */
  isNew: boolean;
  createdAt: string;
  /**
   * The subscribe-message template ids configured for this environment (one source: the
   * functions' environment), for `requestSubscribeMessage` at the tap that starts a wait.
   */
  templates: Partial<Record<TemplateKey, string>>;
}

/** A page of the caller's 消息 list, newest first, with the unread count. */
export interface MessagePage {
  items: MessageView[];
  /** Where the next page starts (null: none). */
  next: number | null;
  unread: number;
}

/** "My grid": the card a resident sees for the grid of their address. */
export interface MyGrid {
  community: { id: string; name: string };
  grid: { id: string; name: string };
  microGrid: { id: string; name: string };
  /** Grid head first, then grid workers: only what each agreed to publish. */
  cards: ContactCardView[];
  /** 1+1带N: the party member and grid worker linked to the resident's building. */
  pair: { memberName: string; gridWorkerName: string; households: number } | null;
}

export const REPORT_STATUSES = ['pending', 'verified', 'rejected', 'superseded'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A member's report to a community (双报到). Name and phone masked unless the viewer is the member or staff in scope. */
export interface MemberReportView {
  id: string;
  openid: string;
  name: string;
  phone: string;
  unit: { id: string; name: string };
  partyBranch: string;
  joinedAt: string;
  community: { id: string; name: string };
  status: ReportStatus;
  reason: string | null;
  createdAt: string;
  reviewedAt: string | null;
}

/** A member as a secretary or unit admin sees them. */
export interface MemberView {
  openid: string;
  name: string;
  phone: string;
  unit: { id: string; name: string };
  community: { id: string; name: string } | null;
  /** `verified`: reported and verified there; `pending`: a report awaits; `none`: not reported. */
  status: 'verified' | 'pending' | 'none';
  partyBranch: string | null;
}

/** A user as the county admin finds them to grant roles. */
export interface UserSummary {
  openid: string;
  name: string;
  phone: string;
  roles: RoleGrant[];
}

/**
 * A staff grant as 角色授权 lists it: who holds it (name, phone masked) and the grant with its
 * scope — one row per grant, so a person holding two roles appears twice.
 */
export interface RoleHolder {
  openid: string;
  name: string;
  phone: string;
  grant: Extract<RoleGrant, { role: 'gridWorker' | 'secretary' | 'department' | 'unitAdmin' | 'countyAdmin' }>;
}

const roleGrant = z.discriminatedUnion('role', [
  z.object({ role: z.literal('gridWorker'), communityId: id, gridIds: z.array(id).min(1).max(20) }).strict(),
  z.object({ role: z.literal('secretary'), communityId: id }).strict(),
  z.object({ role: z.literal('department'), departmentId: id }).strict(),
  z.object({ role: z.literal('unitAdmin'), unitId: id }).strict(),
  z.object({ role: z.literal('countyAdmin') }).strict(),
]);
export type StaffGrant = z.infer<typeof roleGrant>;

/** A to-do on the staff workbench (工作台): each opens its queue. */
export const TODO_KEYS = [
  'caseQueue',
  'caseInbox',
  'extensions',
  'wishReview',
  'wishAwaiting',
  'reports',
  'records',
  'unitReports',
] as const;
export type TodoKey = (typeof TODO_KEYS)[number];

/** 工作台: for each staff role held, its to-dos — how many wait, how many of them past their deadline. */
export interface WorkbenchView {
  roles: Array<{
    role: Exclude<Role, 'resident' | 'member'>;
    /** The grant's community, department or unit (a grid worker's first grid); null for the county admin. */
    scopeId: string | null;
    todos: Array<{ key: TodoKey; count: number; overdue: number }>;
  }>;
}

export const account = {
  me: defineAction<Me>()({
    summary: "The caller's profile and roles; registers a first-time caller as a resident.",
    input: z.object({}).strict(),
    roles: 'anyone',
  }),
  acceptPrivacy: defineAction<Me>()({
    summary: 'Records that the caller accepted this version of the privacy guide (用户隐私保护指引).',
    input: z.object({ version: z.string().min(1).max(32) }).strict(),
    roles: 'anyone',
  }),
  updateProfile: defineAction<Me>()({
    summary:
      "Fills or edits the caller's profile: name, phone (typed in h5; in weapp a phone-number button code), address. Needs the privacy guide accepted.",
    input: z
      .object({
        name: personName,
        phone: phone.optional(),
        /** weapp: the `code` of `<button open-type="getPhoneNumber">`, exchanged on the server. */
        phoneCode: z.string().min(1).max(128).optional(),
        address: z
          .object({ communityId: id, residentGroupId: id, microGridId: id, building: text(0, 30).default('') })
          .strict(),
      })
      .strict()
      .refine((p) => p.phone !== undefined || p.phoneCode !== undefined, { message: '请填写手机号', path: ['phone'] }),
    roles: 'anyone',
  }),
  myGrid: defineAction<MyGrid>()({
    summary: "The contact card of the caller's grid and the 1+1带N pair of their building.",
    input: z.object({}).strict(),
    roles: ['resident'],
  }),
  registerMember: defineAction<MemberReportView>()({
    summary:
      "Registers the caller as an in-service party member and reports to a community (双报到): by default the unit's paired community. The secretary verifies.",
    input: z
      .object({
        unitId: id,
        partyBranch: text(2, 50),
        joinedAt: day,
        communityId: id.optional(),
      })
      .strict(),
    roles: ['resident'],
  }),
  myReports: defineAction<MemberReportView[]>()({
    summary: "The caller's reports, newest first (history is kept).",
    input: z.object({}).strict(),
    roles: ['resident'],
  }),
  workbench: defineAction<WorkbenchView>()({
    summary:
      'The staff workbench: for each staff role of the caller, the to-dos of its scope with how many wait and how many are overdue (counts, one round trip).',
    input: z.object({}).strict(),
    roles: ['gridWorker', 'secretary', 'department', 'unitAdmin', 'countyAdmin', 'propertyLiaison'],
  }),
  reportQueue: defineAction<MemberReportView[]>()({
    summary:
      "Member reports to the secretary's community by status (default pending; pending oldest first, the others newest first), at most 200. `q` narrows them to reports whose member or unit has every word; a whole mobile number finds the member's phone (only whole).",
    input: z.object({ status: z.enum(REPORT_STATUSES).default('pending'), q: queueQuery }).strict(),
    roles: ['secretary'],
  }),
  reviewReport: defineAction<MemberReportView>()({
    summary:
      'Verifies or rejects (with a reason) a pending member report of the secretary’s community; never the secretary’s own (FORBIDDEN).',
    input: z
      .object({ reportId: id, decision: z.enum(['verify', 'reject']), reason: text(REASON.min, REASON.max).optional() })
      .strict()
      .refine((p) => p.decision === 'verify' || p.reason !== undefined, {
        message: '驳回须说明理由',
        path: ['reason'],
      }),
    roles: ['secretary'],
  }),
  communityMembers: defineAction<MemberView[]>()({
    summary: 'Verified members of a community with their units (secretary: their own; county admin: any).',
    input: z.object({ communityId: id.optional() }).strict(),
    roles: ['secretary', 'countyAdmin'],
  }),
  unitMembers: defineAction<MemberView[]>()({
    summary:
      "A unit's members: where they reported, verified or not (unit admin: their own; county admin: any); those awaiting verification first, longest waiting first, then by name.",
    input: z.object({ unitId: id.optional() }).strict(),
    roles: ['unitAdmin', 'countyAdmin'],
  }),
  findUsers: defineAction<UserSummary[]>()({
    summary: 'Finds users by name or phone to grant roles (county admin; secretary within their community).',
    input: z.object({ query: text(USER_QUERY.min, USER_QUERY.max) }).strict(),
    roles: ['countyAdmin', 'secretary'],
  }),
  roleHolders: defineAction<RoleHolder[]>()({
    summary:
      'The current holders of the staff roles the caller may grant and revoke, one row per grant, by role, scope and name: the county admin every staff grant; a secretary the grid workers of their own community.',
    input: z.object({}).strict(),
    roles: ['countyAdmin', 'secretary'],
  }),
  grantRole: defineAction<UserSummary>()({
    summary:
      'Grants a staff role with its scope. County admin: any; a secretary: grid worker of grids of their own community. Audited.',
    input: z.object({ openid: id, grant: roleGrant }).strict(),
    roles: ['countyAdmin', 'secretary'],
  }),
  messages: defineAction<MessagePage>()({
    summary: "The caller's 消息 list, newest first, 20 a page from `from`, with the unread count.",
    input: z.object({ from: z.number().int().min(0).max(10_000).default(0) }).strict(),
    roles: 'anyone',
  }),
  unreadCount: defineAction<{ unread: number }>()({
    summary: "How many of the caller's messages are unread (the badge on 我的).",
    input: z.object({}).strict(),
    roles: 'anyone',
  }),
  markRead: defineAction<{ unread: number }>()({
    summary: "Marks some of the caller's messages read (`ids`), or all of them (`all: true`).",
    input: z
      .object({ ids: z.array(id).min(1).max(50).optional(), all: z.literal(true).optional() })
      .strict()
      .refine((p) => (p.ids === undefined) !== (p.all === undefined), {
        message: '请指定要标记的消息，或全部标记',
        path: ['ids'],
      }),
    roles: 'anyone',
  }),
  revokeRole: defineAction<UserSummary>()({
    summary: 'Revokes a staff role (same scope rules as grantRole). Audited.',
    input: z
      .object({
        openid: id,
        // A property liaison's grant follows the directory (directory.save, propertyCompany): not revoked here.
        role: z.enum(ROLES).exclude(['resident', 'member', 'propertyLiaison']),
        scopeId: id.optional(),
      })
      .strict(),
    roles: ['countyAdmin', 'secretary'],
  }),
} as const;
