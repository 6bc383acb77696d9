/**
 * 民情诉求 seed: cases, department tasks and metric counters, as the live actions and the
 * scheduler would have left them.
 *
 * Every case is played through a small model of the live code: each step sets the very fields
 * the action sets (server/complaints/ (resident.ts, grid.ts, community.ts, department.ts): submit, accept, withdraw, resolve, escalate,
 * whistle, reportIn, assist, requestExtension, decideExtension, deptResolve, rateDepartment,
 * rate) and the scheduler (server/complaints/jobs.ts, every 5 minutes) steps in whenever a
 * deadline passes before the handler acts — an unanswered or unresolved grid case goes to the
 * community, a case without a grid unanswered by its response deadline is flagged (counted due a
 * response), a department not reported in by the report deadline is flagged late, a resolved case
 * unrated for 7 days closes as 未评价. Nothing happens at or after the anchor, so recent cases
 * are still open, in whatever state their story reached. The counters are then derived from the
 * cases with the live rules (countersFrom).
 *
 * The demo story comes first, scripted the same way at every scale: demo-resident's cases in
 * every state, and cases in demo-grid-worker's grid queue, demo-secretary's community queue and
 * demo-department's inbox. Then `count` minus those, random, over `spanDays` back from the anchor.
 */
import {
  CASE_CATEGORIES,
  DEADLINES,
  PROPERTY_CATEGORIES,
  WHISTLE_REASONS,
  type CaseCategory,
  type CaseStatus,
  type DepartmentGrade,
  type ResidentGrade,
  type Urgency,
  type WhistleClass,
  type WhistleReason,
} from '../../contract/caseLabels';
import { countersFrom, type CounterDoc } from '../complaints/metrics';
import type { CaseDoc, DeptTaskDoc, StoredDepartmentPart } from '../complaints/model';
import { taskId } from '../complaints/model';
import type { Rng } from './rng';
import { localMonthOf } from './sixOnes';
import type {
  CommunityDoc,
  DepartmentDoc,
  GridsCollectionDoc,
  MicroGridDoc,
  PropertyCompanyDoc,
} from '../directory/model';
import type { SeedUserDoc } from './types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** The scheduler's period (caseDeadlines runs every 5 minutes). */
const TICK = 5 * MIN;
/** The first scheduler run that finds `ms` passed (`dueAt < now`). */
const tickAfter = (ms: number) => Math.floor(ms / TICK) * TICK + TICK;

const TEXTS: Record<CaseCategory, string[]> = {
  环境卫生: ['小区门口垃圾堆积多日无人清理', '楼道里堆满杂物影响通行', '下水道堵塞污水外溢'],
  停车: ['消防通道被私家车长期占用', '小区门口乱停车堵住出入口', '电动车在楼道充电存在隐患'],
  噪音: ['夜间广场舞音响声音太大', '楼下餐馆油烟机噪音扰民', '工地夜间施工影响休息'],
  物业: ['物业长期不修电梯', '小区绿化无人养护', '物业收费不公开'],
  设施维修: ['路灯坏了晚上很黑', '人行道地砖松动容易绊倒', '健身器材损坏存在危险'],
  治安: ['小区门禁坏了外来人员随意进出', '夜间有人在楼道逗留', '车棚电动车电瓶被盗'],
  邻里纠纷: ['楼上漏水到我家协商不成', '邻居在公共区域种菜占地', '宠物狗经常吠叫扰民'],
  其他: ['希望增设公交站点', '社区活动室开放时间太短', '希望增加便民服务点'],
};
const ACCEPT_NOTES = [null, null, '已电话联系居民，马上到现场查看', '已联系，今天下午上门'];
const GRID_RESOLVED = ['已现场处理，问题解决', '已协调相关住户整改完毕', '已联系物业处理，居民确认'];
const COMMUNITY_RESOLVED = ['社区协调相关单位处理完毕', '已召开协商会，双方达成一致', '社区已安排专人处理完毕'];
const ESCALATE_REASONS = ['网格力量无法解决，上报社区', '涉及多个小区，需社区协调', '需社区协调物业和业委会'];
const DEPT_RESOLVED = ['已会同相关部门处理完毕', '已依法查处并整改到位', '已完成维修，恢复正常'];
const ASSIST_NOTES = ['已派人配合现场处置', '已提供相关资料并配合执法', '已配合完成整改'];
const EXTENSION_REASONS = ['需等待材料到货', '涉及多方协调，需要更多时间', '天气原因无法施工'];
const POINT_LABELS = ['沿江路口', '菜市场门口', '公交站旁', '学校后门'];
const WITHDRAW_NOTES = [null, '问题已自行解决', '已与邻居协商好了'];

// ---------------------------------------------------------------- what handlers do

/** The scheduler's moves (jobs.ts caseDeadlines). */
type SystemMove = 'escalate' | 'flagUnanswered' | 'flagLate' | 'autoClose';

export type Act =
  | { kind: 'accept'; note?: string | null }
  | { kind: 'withdraw'; note?: string | null }
  | { kind: 'escalate'; note?: string }
  | { kind: 'resolve'; note?: string }
  | { kind: 'whistle'; lead: string; assist: string[]; cls: WhistleClass; reason: WhistleReason }
  | { kind: 'reportIn'; dept: string }
  | { kind: 'assist'; dept: string; note?: string }
  | { kind: 'deptResolve'; note?: string }
  | { kind: 'requestExtension'; days: number; reason?: string }
  | { kind: 'decideExtension'; approve: boolean; note?: string | null }
  | { kind: 'rateDepartment'; grade: DepartmentGrade }
  | { kind: 'rate'; grade: ResidentGrade; comment?: string | null };

/** What the case model needs of the county. */
interface World {
  anchor: number;
  nameOf: Map<string, string>;
  communities: Map<string, CommunityDoc>;
  grids: Map<string, GridsCollectionDoc>;
  departments: Map<string, DepartmentDoc>;
  companies: Map<string, PropertyCompanyDoc>;
  /** The staff account of each department (the one that reports in and resolves). */
  deptStaff: Map<string, string>;
}

interface Placement {
  location: CaseDoc['location'];
  communityId: string;
  grid: GridsCollectionDoc | null;
  micro: MicroGridDoc | null;
}

function centre(m: MicroGridDoc) {
  const ring = m.boundary.coordinates[0].slice(0, -1);
  return {
    lat: Math.round((ring.reduce((s, p) => s + p[1], 0) / ring.length) * 1e6) / 1e6,
    lng: Math.round((ring.reduce((s, p) => s + p[0], 0) / ring.length) * 1e6) / 1e6,
  };
}

/** The building's label as assign.ts gives it ("凤凰名苑2栋", not "凤凰名苑凤凰名苑2栋"). */
const buildingLabel = (m: MicroGridDoc) => (m.name.startsWith(m.compound) ? m.name : `${m.compound}${m.name}`);

/**
 * One case played step by step: `apply` does what the live action does, `valid` what it checks,
 * `systemNext` what the scheduler would do next and when.
 */
class CaseSim {
  readonly c: CaseDoc;
  readonly tasks = new Map<string, DeptTaskDoc>();
  /** Now, in the case's story. */
  t: number;
  /** The grid worker who acts on the case (the building's 1+1带N worker). */
  private readonly gridWorker: string;
  private readonly secretary: string;

  constructor(
    private readonly w: World,
    id: string,
    resident: SeedUserDoc,
    where: Placement,
    spec: { category: CaseCategory; description: string; urgency: Urgency; anonymous: boolean; created: number },
  ) {
    const community = w.communities.get(where.communityId)!;
    const { grid, micro } = where;
    const at = new Date(spec.created);
    const respondBy = new Date(spec.created + DEADLINES.respond[spec.urgency] * MIN);
    const level = grid ? 'grid' : 'community';
    const name = resident.name ?? resident.nickname;
    this.t = spec.created;
    this.gridWorker = micro?.pair.gridWorkerOpenid ?? (grid?.level === 'grid' ? grid.gridHeadOpenid : 'system');
    this.secretary = community.secretaryOpenid;
    const submit = {
      at,
      by: resident._id,
      byName: name,
      role: 'resident',
      action: 'submit',
      from: null,
      to: 'assigned' as const,
      note: null,
      photos: [],
    };
    const assign = {
      ...submit,
      by: 'system',
      byName: '系统',
      role: 'system',
      action: 'assign',
      from: 'assigned' as const,
      note: grid ? `分派至${grid.name}` : `分派至${community.name}社区待办`,
    };
    this.c = {
      _id: id,
      category: spec.category,
      description: spec.description,
      photos: [],
      location: where.location,
      urgency: spec.urgency,
      anonymous: spec.anonymous,
      complainant: { openid: resident._id, name, phone: resident.phone ?? '' },
      communityId: community._id,
      communityName: community.name,
      gridId: grid?._id ?? null,
      gridName: grid?.name ?? null,
      microGridId: micro?._id ?? null,
      propertyCompanyId: micro?.propertyCompanyId ?? null,
      status: 'assigned',
      level,
      queue: grid ? `grid:${grid._id}` : `community:${community._id}`,
      openCommunityId: community._id,
      dueAt: respondBy,
      dueKind: 'respond',
      month: localMonthOf(spec.created),
      respondBy,
      respondedAt: null,
      whistle: null,
      departmentIds: [],
      resolution: null,
      rating: null,
      reopened: false,
      counted: { resolved: false, communityLevel: level === 'community', respondOverdue: false },
      timeline: [submit, assign],
      createdAt: at,
      updatedAt: at,
      createdBy: resident._id,
    };
    const company = micro?.propertyCompanyId ? w.companies.get(micro.propertyCompanyId) : undefined;
    if (PROPERTY_CATEGORIES.includes(spec.category) && company)
      this.c.timeline.push({
        ...assign,
        action: 'notifyProperty',
        note: `已通知${company.name}联系人${company.liaisonName}`,
      });
  }

  private step(at: number, by: string, role: string, action: string, to: CaseStatus, note: string | null = null) {
    if (at < this.t) throw new Error(`seed: ${this.c._id} ${action} goes back in time`);
    this.c.timeline.push({
      at: new Date(at),
      by,
      byName: by === 'system' ? '系统' : (this.w.nameOf.get(by) ?? ''),
      role,
      action,
      from: this.c.status,
      to,
      note,
      photos: [],
    });
    this.c.status = to;
    this.c.updatedAt = new Date(at);
    this.t = at;
  }

  private part(dept: string): StoredDepartmentPart | undefined {
    return this.c.whistle?.departments.find((d) => d.departmentId === dept);
  }

  private lead(): StoredDepartmentPart {
    return this.c.whistle!.departments.find((d) => d.role === 'lead')!;
  }

  private task(dept: string, at: number, changes: Partial<DeptTaskDoc>) {
    Object.assign(this.tasks.get(dept)!, changes, { updatedAt: new Date(at) });
  }

  /** The checks of the live action (the state it requires). */
  valid(a: Act): boolean {
    const c = this.c;
    const s = c.status;
    const working = s === 'accepted' || s === 'escalated' || s === 'reopened';
    const deptOpen = s === 'whistled' || s === 'reported' || s === 'reopened';
    switch (a.kind) {
      case 'accept':
      case 'withdraw':
        return s === 'assigned';
      case 'escalate':
        return c.level === 'grid' && (s === 'accepted' || s === 'reopened');
      case 'resolve':
        return c.level !== 'department' && working;
      case 'whistle':
        return c.level === 'community' && working && c.whistle === null;
      case 'reportIn': {
        const part = this.part(a.dept);
        return deptOpen && part !== undefined && part.reportedAt === null;
      }
      case 'assist': {
        const part = this.part(a.dept);
        return deptOpen && part?.role === 'assist' && part.reportedAt !== null && part.doneAt === null;
      }
      case 'deptResolve':
        return c.level === 'department' && (s === 'reported' || s === 'reopened');
      case 'requestExtension':
        return deptOpen && c.whistle !== null && c.whistle.extension === null && this.lead().reportedAt !== null;
      case 'decideExtension':
        return c.whistle?.extension?.status === 'pending';
      case 'rateDepartment':
        return c.whistle !== null && c.resolution?.level === 'department' && c.whistle.rating === null;
      case 'rate':
        return s === 'resolved';
    }
  }

  /** The live action's changes and timeline step. */
  apply(a: Act, at: number): void {
    const c = this.c;
    const now = new Date(at);
    switch (a.kind) {
      case 'accept': {
        const grid = c.level === 'grid';
        c.respondedAt = now;
        c.dueAt = grid ? new Date(c.createdAt.getTime() + DEADLINES.gridResolve * MIN) : null;
        c.dueKind = grid ? 'gridResolve' : null;
        this.step(
          at,
          grid ? this.gridWorker : this.secretary,
          grid ? 'gridWorker' : 'secretary',
          'accept',
          'accepted',
          a.note ?? null,
        );
        return;
      }
      case 'withdraw':
        Object.assign(c, { queue: null, openCommunityId: null, dueAt: null, dueKind: null });
        this.step(at, c.complainant.openid, 'resident', 'withdraw', 'withdrawn', a.note ?? null);
        return;
      case 'escalate':
        this.escalation(at, this.gridWorker, 'gridWorker', a.note ?? ESCALATE_REASONS[0]);
        return;
      case 'resolve': {
        const grid = c.level === 'grid';
        const note = a.note ?? (grid ? GRID_RESOLVED[0] : COMMUNITY_RESOLVED[0]);
        const by = grid ? this.gridWorker : this.secretary;
        c.resolution = { note, photos: [], at: now, level: c.level, by };
        Object.assign(c, { queue: null, dueAt: new Date(at + DEADLINES.autoClose * MIN), dueKind: 'rate' });
        c.counted.resolved = true;
        this.step(at, by, grid ? 'gridWorker' : 'secretary', 'resolve', 'resolved', note);
        return;
      }
      case 'whistle': {
        const ids = [a.lead, ...a.assist];
        const reportBy = new Date(at + DEADLINES.reportIn[a.cls] * MIN);
        const deadline = new Date(at + DEADLINES.deptResolve[a.cls] * MIN);
        const names = ids.map((id) => this.w.departments.get(id)!.name);
        c.whistle = {
          reason: a.reason,
          class: a.cls,
          deadline,
          reportBy,
          whistledAt: now,
          whistledBy: this.secretary,
          departments: ids.map((id, i) => ({
            departmentId: id,
            departmentName: names[i],
            role: i === 0 ? 'lead' : 'assist',
            reportedAt: null,
            late: false,
            note: null,
            photos: [],
            doneAt: null,
          })),
          extension: null,
          rating: null,
        };
        Object.assign(c, {
          level: 'department',
          departmentIds: ids,
          queue: null,
          dueAt: reportBy,
          dueKind: 'reportIn',
          resolution: null,
        });
        this.step(
          at,
          this.secretary,
          'secretary',
          'whistle',
          'whistled',
          `${a.reason}（${a.cls}）→ ${names.join('、')}`,
        );
        for (const part of c.whistle.departments)
          this.tasks.set(part.departmentId, {
            _id: taskId(c._id, part.departmentId),
            caseId: c._id,
            departmentId: part.departmentId,
            role: part.role,
            status: 'open',
            summary: {
              category: c.category,
              description: c.description,
              urgency: c.urgency,
              class: a.cls,
              reason: a.reason,
              communityId: c.communityId,
              communityName: c.communityName,
              location: c.location.label,
              complainantName: c.anonymous ? null : c.complainant.name,
            },
            reportBy,
            reportedAt: null,
            late: false,
            deadline,
            whistledAt: now,
            updatedAt: now,
          });
        return;
      }
      case 'reportIn': {
        const part = this.part(a.dept)!;
        const onTime = at <= c.whistle!.reportBy.getTime();
        const lead = part.role === 'lead';
        part.reportedAt = now;
        part.late = part.late || !onTime;
        if (lead) Object.assign(c, { dueAt: c.whistle!.deadline, dueKind: 'deptResolve' });
        this.step(
          at,
          this.w.deptStaff.get(a.dept)!,
          'department',
          'reportIn',
          lead && c.status === 'whistled' ? 'reported' : c.status,
          `${part.departmentName}报到${onTime ? '' : '（超时）'}`,
        );
        this.task(a.dept, at, { reportedAt: now, late: part.late });
        return;
      }
      case 'assist': {
        const part = this.part(a.dept)!;
        const note = a.note ?? ASSIST_NOTES[0];
        Object.assign(part, { doneAt: now, note, photos: [] });
        this.step(at, this.w.deptStaff.get(a.dept)!, 'department', 'assist', c.status, note);
        this.task(a.dept, at, { status: 'done' });
        return;
      }
      case 'deptResolve': {
        const lead = this.lead();
        const note = a.note ?? DEPT_RESOLVED[0];
        const by = this.w.deptStaff.get(lead.departmentId)!;
        c.resolution = { note, photos: [], at: now, level: 'department', by };
        lead.doneAt = now;
        lead.note = note;
        Object.assign(c, { dueAt: new Date(at + DEADLINES.autoClose * MIN), dueKind: 'rate' });
        c.counted.resolved = true;
        this.step(at, by, 'department', 'deptResolve', 'resolved', note);
        for (const d of c.whistle!.departments) this.task(d.departmentId, at, { status: 'done' });
        return;
      }
      case 'requestExtension': {
        const reason = a.reason ?? EXTENSION_REASONS[0];
        const until = new Date(c.whistle!.deadline.getTime() + a.days * DAY);
        c.whistle!.extension = { until, reason, status: 'pending', note: null, requestedAt: now };
        this.step(
          at,
          this.w.deptStaff.get(this.lead().departmentId)!,
          'department',
          'requestExtension',
          c.status,
          reason,
        );
        return;
      }
      case 'decideExtension': {
        const w = c.whistle!;
        const ext = w.extension!;
        w.extension = { ...ext, status: a.approve ? 'approved' : 'refused', note: a.note ?? null };
        if (a.approve) {
          w.deadline = ext.until;
          if (c.dueKind === 'deptResolve') c.dueAt = ext.until;
        }
        this.step(
          at,
          this.secretary,
          'secretary',
          a.approve ? 'approveExtension' : 'refuseExtension',
          c.status,
          a.note ?? null,
        );
        if (a.approve) for (const d of w.departments) this.task(d.departmentId, at, { deadline: ext.until });
        return;
      }
      case 'rateDepartment':
        c.whistle!.rating = a.grade;
        this.step(at, this.secretary, 'secretary', 'rateDepartment', c.status, a.grade);
        return;
      case 'rate': {
        const rating = { grade: a.grade, comment: a.comment ?? null, at: now };
        const comment = a.comment ? `：${a.comment}` : '';
        if (a.grade === '不满意' && !c.reopened) {
          // Back to the last handler, with a fresh deadline (resident.ts reopenTo).
          const level = c.resolution?.level ?? c.level;
          const back =
            level === 'grid'
              ? { queue: `grid:${c.gridId}`, dueAt: new Date(at + DEADLINES.gridResolve * MIN), dueKind: 'gridResolve' }
              : level === 'department'
                ? {
                    queue: null,
                    dueAt: new Date(at + DEADLINES.deptResolve[c.whistle!.class] * MIN),
                    dueKind: 'deptResolve',
                  }
                : { queue: `community:${c.communityId}`, dueAt: null, dueKind: null };
          Object.assign(c, back, { level, reopened: true, openCommunityId: c.communityId, rating });
          this.step(at, c.complainant.openid, 'resident', 'rate', 'reopened', `不满意${comment}，重新办理`);
          if (level === 'department') this.task(this.lead().departmentId, at, { status: 'open', deadline: c.dueAt! });
          return;
        }
        Object.assign(c, { rating, queue: null, openCommunityId: null, dueAt: null, dueKind: null });
        this.step(at, c.complainant.openid, 'resident', 'rate', 'closed', `${a.grade}${comment}`);
        return;
      }
    }
  }

  private escalation(at: number, by: string, role: string, note: string) {
    Object.assign(this.c, { level: 'community', queue: `community:${this.c.communityId}`, dueAt: null, dueKind: null });
    this.c.counted.communityLevel = true;
    this.step(at, by, role, 'escalate', 'escalated', note);
  }

  /** The scheduler's next move on this case (jobs.ts caseDeadlines), if any: when, and which. */
  systemNext(): { at: number; kind: SystemMove } | null {
    const c = this.c;
    const first = tickAfter(this.t);
    if (
      c.level === 'grid' &&
      (c.dueKind === 'respond' || c.dueKind === 'gridResolve') &&
      (c.status === 'assigned' || c.status === 'accepted' || c.status === 'reopened')
    )
      return { at: Math.max(first, tickAfter(c.dueAt!.getTime())), kind: 'escalate' };
    if (c.level === 'community' && c.dueKind === 'respond' && c.status === 'assigned' && !c.counted.respondOverdue)
      return { at: Math.max(first, tickAfter(c.dueAt!.getTime())), kind: 'flagUnanswered' };
    const w = c.whistle;
    if (
      w &&
      (c.dueKind === 'reportIn' || c.dueKind === 'deptResolve') &&
      w.departments.some((x) => x.reportedAt === null && !x.late)
    )
      return { at: Math.max(first, tickAfter(w.reportBy.getTime())), kind: 'flagLate' };
    if (c.status === 'resolved' && c.dueKind === 'rate')
      return { at: Math.max(first, tickAfter(c.dueAt!.getTime())), kind: 'autoClose' };
    return null;
  }

  /** The scheduler's move (systemNext) at `at`. */
  runSystem(kind: SystemMove, at: number): void {
    const c = this.c;
    if (kind === 'escalate') {
      const note = c.dueKind === 'respond' ? '超时未响应，自动上报社区' : '网格超时未办结，自动上报社区';
      // Unanswered: counted due a response (late) as it goes.
      if (c.dueKind === 'respond') c.counted.respondOverdue = true;
      this.escalation(at, 'system', 'system', note);
    } else if (kind === 'flagUnanswered') {
      c.counted.respondOverdue = true;
      this.step(at, 'system', 'system', 'flagUnanswered', c.status, '超过响应期限仍未响应');
    } else if (kind === 'flagLate') {
      const late = c.whistle!.departments.filter((x) => x.reportedAt === null && !x.late);
      for (const part of late) {
        part.late = true;
        this.task(part.departmentId, at, { late: true });
      }
      const names = late.map((x) => x.departmentName).join('、');
      this.step(at, 'system', 'system', 'flagLate', c.status, `超时未报到：${names}`);
    } else {
      Object.assign(c, {
        rating: { grade: '未评价', comment: null, at: new Date(at) },
        queue: null,
        openCommunityId: null,
        dueAt: null,
        dueKind: null,
      });
      this.step(at, 'system', 'system', 'autoClose', 'closed', '7天未评价，自动办结（未评价）');
    }
  }

  /** Runs the scheduler up to `until` (exclusive). */
  runSystemUntil(until: number): void {
    for (let s = this.systemNext(); s && s.at < until; s = this.systemNext()) this.runSystem(s.kind, s.at);
  }
}

// ---------------------------------------------------------------- random handlers

interface Planned {
  at: number;
  act: Act;
  seq: number;
  /** The level the case was at when the move was planned: moved on since, the move is void. */
  level: CaseDoc['level'];
}

/**
 * How handlers behave, drawn step by step: what they do after each step, and when. Their next
 * moves compete with the scheduler's: whichever comes first happens, the other is dropped if the
 * state no longer allows it (as the live action would answer CONFLICT).
 */
class Handlers {
  private seq = 0;
  private level: CaseDoc['level'] = 'grid';
  readonly pending: Planned[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly departments: DepartmentDoc[],
  ) {}

  private plan(at: number, act: Act) {
    this.pending.push({ at, act, seq: this.seq++, level: this.level });
  }

  /** The next planned move, removed from the plan. */
  take(): Planned | undefined {
    if (this.pending.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.pending.length; i++) {
      const p = this.pending[i];
      const b = this.pending[best];
      if (p.at < b.at || (p.at === b.at && p.seq < b.seq)) best = i;
    }
    return this.pending.splice(best, 1)[0];
  }

  peek(): Planned | undefined {
    let best: Planned | undefined;
    for (const p of this.pending) if (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    return best;
  }

  /** `lo`–`hi` minutes after `t` (at least a minute). */
  private inMin(t: number, lo: number, hi: number): number {
    const from = Math.max(1, Math.round(lo));
    return t + this.rng.int(from, Math.max(from, Math.round(hi))) * MIN;
  }

  /** At the grid: resolved there (小事不出网格), mostly in time; or taken to the community. */
  private grid(c: CaseDoc, t: number): void {
    const { rng } = this;
    const window = (c.dueAt!.getTime() - t) / MIN;
    if (rng.chance(0.85))
      this.plan(rng.chance(0.95) ? this.inMin(t, 30, window - 10) : this.inMin(t, window + 10, window + 24 * 60), {
        kind: 'resolve',
        note: rng.pick(GRID_RESOLVED),
      });
    else
      this.plan(this.inMin(t, 30, Math.min(48 * 60, window - 10)), {
        kind: 'escalate',
        note: rng.pick(ESCALATE_REASONS),
      });
  }

  /** At the community: the secretary resolves it, or blows the whistle (about 3 in 10). */
  private community(c: CaseDoc, t: number): void {
    const { rng } = this;
    if (c.whistle === null && rng.chance(0.3)) {
      const lead = rng.pick(this.departments);
      let assist: string[] = [];
      if (rng.chance(0.25)) {
        const other = this.departments[rng.int(0, this.departments.length - 2)];
        assist = [other._id === lead._id ? this.departments[this.departments.length - 1]._id : other._id];
      }
      const cls: WhistleClass = rng.chance(0.1) ? '紧急' : rng.chance(0.22) ? '重大' : '日常';
      this.plan(this.inMin(t, 30, 48 * 60), {
        kind: 'whistle',
        lead: lead._id,
        assist,
        cls,
        reason: rng.pick(WHISTLE_REASONS),
      });
    } else this.plan(this.inMin(t, 60, 5 * 24 * 60), { kind: 'resolve', note: rng.pick(COMMUNITY_RESOLVED) });
  }

  /** The lead department resolves, mostly before the deadline running (the whistle's, or a reopened case's). */
  private deptResolve(c: CaseDoc, t: number): void {
    const window = (c.dueAt!.getTime() - t) / MIN;
    this.plan(
      this.rng.chance(0.88) ? this.inMin(t, 120, window * 0.9) : this.inMin(t, window + 60, window + 5 * 24 * 60),
      { kind: 'deptResolve', note: this.rng.pick(DEPT_RESOLVED) },
    );
  }

  /** What the handlers will do after `done` happened to the case. */
  after(s: CaseSim, done: Act['kind'] | 'submit' | 'system', dept?: string): void {
    const { rng } = this;
    const c = s.c;
    const t = s.t;
    this.level = c.level;
    switch (done) {
      case 'submit': {
        const window = DEADLINES.respond[c.urgency];
        if (rng.chance(0.04)) this.plan(this.inMin(t, 5, 240), { kind: 'withdraw', note: rng.pick(WITHDRAW_NOTES) });
        const note = rng.pick(ACCEPT_NOTES);
        // At the grid, a few are not answered in time (the scheduler escalates them); the
        // secretary answers a case of the community queue, sometimes late.
        if (c.level === 'grid') {
          if (rng.chance(0.93)) this.plan(this.inMin(t, 5, window - 10), { kind: 'accept', note });
        } else
          this.plan(rng.chance(0.8) ? this.inMin(t, 10, window - 10) : this.inMin(t, window + 30, window + 48 * 60), {
            kind: 'accept',
            note,
          });
        return;
      }
      case 'accept':
        if (c.level === 'grid') this.grid(c, t);
        else this.community(c, t);
        return;
      case 'escalate':
        this.community(c, t);
        return;
      case 'system':
        if (c.status === 'escalated') this.community(c, t);
        return;
      case 'whistle': {
        const w = c.whistle!;
        const window = DEADLINES.reportIn[w.class];
        for (const part of w.departments)
          this.plan(rng.chance(0.85) ? this.inMin(t, 5, window - 1) : this.inMin(t, window + 10, window + 600), {
            kind: 'reportIn',
            dept: part.departmentId,
          });
        return;
      }
      case 'reportIn': {
        const part = c.whistle!.departments.find((x) => x.departmentId === dept)!;
        if (part.role === 'assist') {
          if (rng.chance(0.85))
            this.plan(this.inMin(t, 60, 72 * 60), { kind: 'assist', dept: dept!, note: rng.pick(ASSIST_NOTES) });
          return;
        }
        if (rng.chance(0.06))
          this.plan(this.inMin(t, 60, ((c.whistle!.deadline.getTime() - t) / MIN) * 0.7), {
            kind: 'requestExtension',
            days: rng.int(3, 10),
            reason: rng.pick(EXTENSION_REASONS),
          });
        this.deptResolve(c, t);
        return;
      }
      case 'requestExtension':
        this.plan(this.inMin(t, 30, 24 * 60), { kind: 'decideExtension', approve: rng.chance(0.8), note: null });
        return;
      case 'resolve':
      case 'deptResolve': {
        if (c.resolution?.level === 'department' && c.whistle!.rating === null && rng.chance(0.85)) {
          const r = rng.float();
          const grade: DepartmentGrade = r < 0.45 ? '好' : r < 0.75 ? '较好' : r < 0.95 ? '一般' : '差';
          this.plan(this.inMin(t, 60, 72 * 60), { kind: 'rateDepartment', grade });
        }
        // Most residents rate within the week; the others' cases close unrated (未评价).
        if (rng.chance(0.85)) {
          const r = rng.float();
          const grade: ResidentGrade = r < 0.6 ? '满意' : r < 0.85 ? '基本满意' : '不满意';
          this.plan(this.inMin(t, 30, 6 * 24 * 60), { kind: 'rate', grade, comment: null });
        }
        return;
      }
      case 'rate':
        if (c.status !== 'reopened') return;
        if (c.level === 'grid') this.grid(c, t);
        else if (c.level === 'community') this.community(c, t);
        else this.deptResolve(c, t);
        return;
      default:
        return;
    }
  }
}

// ---------------------------------------------------------------- the demo story

type Where =
  | { kind: 'address' }
  | { kind: 'building'; microGridId: string }
  | { kind: 'point'; communityId: string; label: string };

export interface Scripted {
  resident: string;
  where?: Where;
  category: CaseCategory;
  description: string;
  urgency?: Urgency;
  anonymous?: boolean;
  /** Submitted this long before the anchor (minutes). */
  ago: number;
  /** Each step this many minutes after the one before. */
  steps: Array<[number, Act]>;
}

const h = (n: number) => n * 60;
const d = (n: number) => n * 24 * 60;

/**
 * The demo story (the same at every scale), relative to the anchor: demo-resident's cases in
 * every state; open cases in demo-grid-worker's grid (c01-g01), demo-secretary's community (c01)
 * and demo-department's (d01) inbox. `npm start` anchors the seed at today's midnight (UTC), so
 * no grid deadline of the story passes within a day of it: the scheduler escalates none of them
 * on the day of the seed, and c01's counters move by what the user does alone (flagging a late
 * report-in moves no counter).
 */
const STORY: Scripted[] = [
  // demo-resident (c01-g01-m1)
  {
    resident: 'demo-resident',
    category: '噪音',
    description: '楼下餐馆油烟机噪音扰民，晚上十点后还在响',
    ago: 10,
    steps: [],
  },
  {
    resident: 'demo-resident',
    category: '环境卫生',
    description: '小区门口垃圾堆积多日无人清理',
    ago: h(26),
    steps: [[h(2), { kind: 'accept', note: '已电话联系居民，马上到现场查看' }]],
  },
  {
    resident: 'demo-resident',
    category: '停车',
    description: '消防通道被私家车长期占用，多次劝离无效',
    ago: d(2),
    steps: [
      [h(1), { kind: 'accept' }],
      [h(5), { kind: 'escalate', note: '车主不配合，需社区协调交警' }],
    ],
  },
  {
    resident: 'demo-resident',
    where: { kind: 'building', microGridId: 'c01-g01-m2' },
    category: '设施维修',
    description: '路灯坏了晚上很黑，老人出门容易摔倒',
    ago: d(3),
    steps: [
      [h(1), { kind: 'accept' }],
      [h(20), { kind: 'escalate', note: '路灯属城管维护，网格无法处理' }],
      [h(50), { kind: 'whistle', lead: 'd01', assist: [], cls: '日常', reason: '群众反映突出而社区解决不了' }],
    ],
  },
  {
    resident: 'demo-resident',
    category: '治安',
    description: '车棚电动车电瓶接连被盗',
    ago: d(6),
    steps: [
      [30, { kind: 'accept' }],
      [h(10), { kind: 'escalate', note: '涉及治安案件，上报社区' }],
      [h(24), { kind: 'whistle', lead: 'd01', assist: ['d02'], cls: '重大', reason: '需要综合执法' }],
      [h(3), { kind: 'reportIn', dept: 'd01' }],
      [h(2), { kind: 'reportIn', dept: 'd02' }],
    ],
  },
  {
    resident: 'demo-resident',
    category: '环境卫生',
    description: '楼道里堆满杂物影响通行',
    ago: d(4),
    steps: [
      [h(1), { kind: 'accept' }],
      [h(30), { kind: 'resolve', note: '已协调相关住户清理完毕' }],
    ],
  },
  {
    resident: 'demo-resident',
    category: '噪音',
    description: '工地夜间施工影响休息',
    ago: d(4),
    steps: [
      [h(2), { kind: 'accept' }],
      [h(20), { kind: 'resolve', note: '已要求工地晚十点后停工' }],
      [h(50), { kind: 'rate', grade: '不满意', comment: '晚上还在施工' }],
    ],
  },
  {
    resident: 'demo-resident',
    category: '设施维修',
    description: '健身器材损坏存在危险',
    ago: d(20),
    steps: [
      [h(1), { kind: 'accept' }],
      [h(26), { kind: 'resolve', note: '已联系物业更换损坏部件' }],
      [h(10), { kind: 'rate', grade: '满意', comment: '处理很及时' }],
    ],
  },
  {
    resident: 'demo-resident',
    category: '邻里纠纷',
    description: '邻居在公共区域种菜占地',
    ago: d(30),
    steps: [
      [h(3), { kind: 'accept' }],
      [h(40), { kind: 'resolve', note: '已上门调解，邻居同意清理' }],
    ],
  },
  {
    resident: 'demo-resident',
    category: '其他',
    description: '希望社区活动室周末也开放',
    ago: d(12),
    steps: [[40, { kind: 'withdraw', note: '已了解开放时间' }]],
  },
  {
    resident: 'demo-resident',
    category: '物业',
    description: '物业长期不修电梯，老人上下楼困难',
    ago: d(45),
    steps: [
      [h(2), { kind: 'accept' }],
      [h(8), { kind: 'escalate', note: '物业拒不维修，需社区协调' }],
      [h(20), { kind: 'whistle', lead: 'd01', assist: [], cls: '日常', reason: '群众反映突出而社区解决不了' }],
      [h(2), { kind: 'reportIn', dept: 'd01' }],
      [d(3), { kind: 'deptResolve', note: '已督促物业完成电梯维修并通过检测' }],
      [d(1), { kind: 'rateDepartment', grade: '较好' }],
      [h(20), { kind: 'rate', grade: '基本满意', comment: null }],
    ],
  },
  {
    resident: 'demo-resident',
    category: '停车',
    description: '小区门口乱停车堵住出入口',
    ago: d(9),
    steps: [
      [h(1), { kind: 'accept' }],
      [h(6), { kind: 'escalate', note: '需执法部门处理' }],
      [h(10), { kind: 'whistle', lead: 'd01', assist: [], cls: '日常', reason: '需要综合执法' }],
      [h(1), { kind: 'reportIn', dept: 'd01' }],
      [d(3), { kind: 'deptResolve', note: '已对违停车辆依法处理，并增设禁停标识' }],
    ],
  },
  // demo-resident-2 (c01-g01-m2) and a passer-by: more of the same queues
  {
    resident: 'demo-resident-2',
    category: '治安',
    description: '小区门禁坏了外来人员随意进出',
    urgency: 'urgent',
    ago: h(5),
    steps: [[30, { kind: 'accept', note: '已联系物业，马上派人维修' }]],
  },
  {
    resident: 'demo-resident-2',
    category: '环境卫生',
    description: '下水道堵塞污水外溢',
    ago: h(40),
    steps: [[h(3), { kind: 'accept' }]],
  },
  {
    resident: 'demo-resident-2',
    category: '邻里纠纷',
    description: '宠物狗经常吠叫扰民',
    ago: h(30),
    // Nobody answers: the scheduler takes it to the community after 24 h.
    steps: [],
  },
  {
    resident: 'demo-resident-2',
    category: '环境卫生',
    description: '河道漂浮垃圾发臭',
    ago: h(4),
    steps: [
      [20, { kind: 'accept' }],
      [20, { kind: 'escalate', note: '河道不属网格范围' }],
      [30, { kind: 'whistle', lead: 'd12', assist: ['d01'], cls: '紧急', reason: '应急处置' }],
      // The environment bureau reports in; d01 (assisting) does not, and is flagged late.
      [20, { kind: 'reportIn', dept: 'd12' }],
    ],
  },
  {
    resident: 'demo-resident-2',
    category: '设施维修',
    description: '人行道地砖松动容易绊倒',
    ago: d(8),
    steps: [
      [h(1), { kind: 'accept' }],
      [h(4), { kind: 'escalate', note: '需市政维修' }],
      [h(6), { kind: 'whistle', lead: 'd01', assist: [], cls: '重大', reason: '群众反映突出而社区解决不了' }],
      [h(2), { kind: 'reportIn', dept: 'd01' }],
      [d(2), { kind: 'requestExtension', days: 7, reason: '地砖材料需定制，等待到货' }],
    ],
  },
  {
    resident: 'seed-resident-0001',
    where: { kind: 'point', communityId: 'c01', label: '沿江路口' },
    category: '其他',
    description: '希望增设公交站点',
    ago: h(5),
    steps: [],
  },
];

// ---------------------------------------------------------------- the seed

export interface CaseSeed {
  cases: CaseDoc[];
  tasks: DeptTaskDoc[];
  counters: CounterDoc[];
}

export interface CaseSeedInput {
  users: SeedUserDoc[];
  grids: GridsCollectionDoc[];
  communities: CommunityDoc[];
  departments: DepartmentDoc[];
  propertyCompanies: PropertyCompanyDoc[];
  /** Cases in all, the demo story's included. */
  count: number;
  /** The random cases are submitted over this many days before the anchor. */
  spanDays: number;
  anchor: Date;
  /**
   * More scripted cases, each with its own id, played after the random ones (so they take no
   * draw of the random cases' generator): 红色物业's property cases (server/seed/cobuild-property.ts).
   */
  extraStory?: Array<Scripted & { id: string }>;
}

/**
 * The cases, their department tasks and the metric counters: the demo story, then random cases
 * of the seeded residents (`seed-resident-*`) over `spanDays` back from `anchor`.
 */
export function buildCases(rng: Rng, input: CaseSeedInput): CaseSeed {
  const { users, grids, communities, departments, anchor } = input;
  const usersById = new Map(users.map((u) => [u._id, u]));
  const deptStaff = new Map<string, string>();
  for (const u of users)
    for (const g of u.roles)
      if (g.role === 'department' && !deptStaff.has(g.departmentId)) deptStaff.set(g.departmentId, u._id);
  for (const dpt of departments) if (!deptStaff.has(dpt._id)) throw new Error(`seed: no staff for ${dpt._id}`);
  const w: World = {
    anchor: anchor.getTime(),
    nameOf: new Map(users.map((u) => [u._id, u.name ?? u.nickname])),
    communities: new Map(communities.map((c) => [c._id, c])),
    grids: new Map(grids.map((g) => [g._id, g])),
    departments: new Map(departments.map((x) => [x._id, x])),
    companies: new Map(input.propertyCompanies.map((p) => [p._id, p])),
    deptStaff,
  };
  const micros = grids.filter((g): g is MicroGridDoc => g.level === 'microGrid');
  const microsOf = new Map<string, MicroGridDoc[]>();
  for (const m of micros) microsOf.set(m.communityId, [...(microsOf.get(m.communityId) ?? []), m]);
  // Outside every grid: just south or north of the town, nearest to a community (assign.ts).
  const lats = grids.flatMap((g) => g.boundary.coordinates[0].map((p) => p[1]));
  const [south, north] = [Math.min(...lats), Math.max(...lats)];

  const inBuilding = (m: MicroGridDoc, source: 'address' | 'building'): Placement => ({
    location: { ...centre(m), label: buildingLabel(m), source },
    communityId: m.communityId,
    grid: w.grids.get(m.parentId)!,
    micro: m,
  });
  const place = (resident: SeedUserDoc, where: Where): Placement => {
    if (where.kind === 'address')
      return inBuilding(w.grids.get(resident.address!.microGridId) as MicroGridDoc, 'address');
    if (where.kind === 'building') return inBuilding(w.grids.get(where.microGridId) as MicroGridDoc, 'building');
    const home = w.communities.get(where.communityId)!;
    const lat = home.location.lat < (south + north) / 2 ? south - 0.005 : north + 0.005;
    const at = { lat: Math.round(lat * 1e6) / 1e6, lng: home.location.lng };
    const nearest = [...communities].sort(
      (a, b) =>
        (a.location.lat - at.lat) ** 2 +
        (a.location.lng - at.lng) ** 2 -
        ((b.location.lat - at.lat) ** 2 + (b.location.lng - at.lng) ** 2),
    )[0];
    return {
      location: { ...at, label: where.label, source: 'point' },
      communityId: nearest._id,
      grid: null,
      micro: null,
    };
  };

  const cases: CaseDoc[] = [];
  const tasks: DeptTaskDoc[] = [];
  const done = (s: CaseSim) => {
    const last = s.c.timeline[s.c.timeline.length - 1].at.getTime();
    if (last >= w.anchor) throw new Error(`seed: ${s.c._id} has a step at or after the anchor`);
    cases.push(s.c);
    tasks.push(...s.tasks.values());
  };
  const idOf = (n: number) => `seed-case-${String(n + 1).padStart(6, '0')}`;

  // The demo story: each step as scripted, the scheduler acting in between as it would.
  const play = (story: Scripted, id: string) => {
    const resident = usersById.get(story.resident);
    if (!resident) throw new Error(`seed: no resident ${story.resident}`);
    const s = new CaseSim(w, id, resident, place(resident, story.where ?? { kind: 'address' }), {
      category: story.category,
      description: story.description,
      urgency: story.urgency ?? 'normal',
      anonymous: story.anonymous ?? false,
      created: w.anchor - story.ago * MIN,
    });
    for (const [delay, act] of story.steps) {
      const at = s.t + delay * MIN;
      s.runSystemUntil(at);
      if (!s.valid(act)) throw new Error(`seed: the demo case ${s.c._id} cannot ${act.kind} when ${s.c.status}`);
      s.apply(act, at);
    }
    s.runSystemUntil(w.anchor);
    done(s);
  };
  STORY.forEach((story, n) => play(story, idOf(n)));

  // Random cases: the seeded residents', each played until the anchor.
  const residents = users.filter((u) => u.address && u._id.startsWith('seed-resident'));
  const handlers = new Handlers(rng, departments);
  // The extra story counts in `count` too: the random cases are as many fewer (the last ones drawn).
  const extra = input.extraStory ?? [];
  for (let n = STORY.length; n < input.count - extra.length; n++) {
    const resident = rng.pick(residents);
    const r = rng.float();
    const where: Where =
      r < 0.9
        ? { kind: 'address' }
        : r < 0.97
          ? { kind: 'building', microGridId: rng.pick(microsOf.get(resident.address!.communityId)!)._id }
          : { kind: 'point', communityId: resident.address!.communityId, label: rng.pick(POINT_LABELS) };
    const category = rng.pick(CASE_CATEGORIES);
    const created = w.anchor - 1 - Math.floor(rng.float() * input.spanDays * DAY);
    const s = new CaseSim(w, idOf(n), resident, place(resident, where), {
      category,
      description: rng.pick(TEXTS[category]),
      urgency: rng.chance(0.1) ? 'urgent' : 'normal',
      anonymous: rng.chance(0.2),
      created: Math.floor(created / 1000) * 1000,
    });
    handlers.pending.length = 0;
    handlers.after(s, 'submit');
    for (;;) {
      const sys = s.systemNext();
      const next = handlers.peek();
      if (sys && (!next || sys.at <= next.at)) {
        if (sys.at >= w.anchor) break;
        s.runSystem(sys.kind, sys.at);
        handlers.after(s, 'system');
        continue;
      }
      if (!next || next.at >= w.anchor) break;
      handlers.take();
      if (next.level !== s.c.level || !s.valid(next.act)) continue;
      s.apply(next.act, next.at);
      handlers.after(s, next.act.kind, 'dept' in next.act ? next.act.dept : undefined);
    }
    done(s);
  }
  for (const story of extra) play(story, story.id);
  return { cases, tasks, counters: countersFrom(cases) };
}
