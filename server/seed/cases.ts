import {
  CASE_CATEGORIES,
  DEADLINES,
  DEPARTMENT_GRADES,
  PROPERTY_CATEGORIES,
  WHISTLE_REASONS,
  type CaseCategory,
  type CaseStatus,
  type ResidentGrade,
  type WhistleClass,
} from '../../contract/caseLabels';
import { countersFrom, type CounterDoc } from '../complaints/metrics';
import type { CaseDoc, DeptTaskDoc, StoredCaseStep } from '../complaints/model';
import { taskId } from '../complaints/model';
import { local } from '../platform/time';
import type { Rng } from './rng';
import type { CommunityDoc, DepartmentDoc, GridsCollectionDoc, MicroGridDoc, SeedUserDoc } from './types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

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

export interface CaseSeed {
  cases: CaseDoc[];
  tasks: DeptTaskDoc[];
  counters: CounterDoc[];
}

function centre(m: MicroGridDoc) {
  const ring = m.boundary.coordinates[0].slice(0, -1);
  return {
    lng: Math.round((ring.reduce((s, p) => s + p[0], 0) / ring.length) * 1e6) / 1e6,
    lat: Math.round((ring.reduce((s, p) => s + p[1], 0) / ring.length) * 1e6) / 1e6,
  };
}

/**
 * Cases of the seeded residents, `count` of them over `spanDays` back from `anchor`, each walked
 * through the same steps the live actions take (timeline, deadlines, queue fields, department
 * tasks); the recent ones are still open. Metric counters are derived from the cases with the
 * live rules (countersFrom), so the seed's metrics are exactly what the actions would show.
 */
export function buildCases(
  rng: Rng,
  users: SeedUserDoc[],
  grids: GridsCollectionDoc[],
  communities: CommunityDoc[],
  departments: DepartmentDoc[],
  count: number,
  spanDays: number,
  anchor: Date,
): CaseSeed {
  const residents = users.filter(
    (u) => u.address && u.name && (u._id === 'demo-resident' || u._id.startsWith('seed-resident')),
  );
  const byId = new Map(grids.map((g) => [g._id, g]));
  const communityName = new Map(communities.map((c) => [c._id, c.name]));
  const staffOfGrid = (gridId: string) => {
    const g = byId.get(gridId);
    return g && g.level === 'grid' ? g.gridHeadOpenid : 'system';
  };
  const secretaryOf = (communityId: string) =>
    communities.find((c) => c._id === communityId)?.secretaryOpenid ?? 'system';
  const nameOf = new Map(users.map((u) => [u._id, u.name ?? u.nickname]));
  // The first department's staff is the demo's; the others' are seeded per department.
  const deptStaff = (id: string) => (id === departments[0]._id ? 'demo-department' : `seed-department-${id}`);
  const cases: CaseDoc[] = [];
  const tasks: DeptTaskDoc[] = [];

  for (let n = 0; n < count; n++) {
    // The first cases are the demo's: the demo resident's, in every state, recent.
    const demo = n < 12;
    const resident = demo ? (residents.find((r) => r._id === 'demo-resident') ?? residents[0]) : rng.pick(residents);
    const micro = byId.get(resident.address!.microGridId) as MicroGridDoc;
    const grid = byId.get(micro.parentId)!;
    const category = demo ? CASE_CATEGORIES[n % CASE_CATEGORIES.length] : rng.pick(CASE_CATEGORIES);
    const urgency = rng.chance(0.1) ? ('urgent' as const) : ('normal' as const);
    const ageDays = demo ? 1 + n : rng.float() * spanDays;
    const created = new Date(anchor.getTime() - Math.round(ageDays * DAY) - rng.int(0, 600) * MIN);
    const respondBy = new Date(created.getTime() + DEADLINES.respond[urgency] * MIN);
    const timeline: StoredCaseStep[] = [];
    let status: CaseStatus = 'assigned';
    let t = created;
    const push = (by: string, role: string, action: string, to: CaseStatus, note: string | null = null) => {
      timeline.push({
        at: t,
        by,
        byName: by === 'system' ? '系统' : (nameOf.get(by) ?? ''),
        role,
        action,
        from: action === 'submit' ? null : status,
        to,
        note,
        photos: [],
      });
      status = to;
    };
    push(resident._id, 'resident', 'submit', 'assigned');
    push('system', 'system', 'assign', 'assigned', `分派至${grid.name}`);
    const c: CaseDoc = {
      _id: `seed-case-${String(n + 1).padStart(6, '0')}`,
      category,
      description: rng.pick(TEXTS[category]),
      photos: [],
      location: { ...centre(micro), label: micro.name, source: 'address' },
      urgency,
      anonymous: rng.chance(0.2),
      complainant: { openid: resident._id, name: resident.name ?? '', phone: resident.phone ?? '' },
      communityId: grid.communityId,
      communityName: communityName.get(grid.communityId) ?? '',
      gridId: grid._id,
      gridName: grid.name,
      microGridId: micro._id,
      propertyCompanyId: micro.propertyCompanyId,
      status,
      level: 'grid',
      queue: `grid:${grid._id}`,
      openCommunityId: grid.communityId,
      dueAt: respondBy,
      dueKind: 'respond',
      month: local(created).format('YYYYMM'),
      respondBy,
      respondedAt: null,
      whistle: null,
      departmentIds: [],
      resolution: null,
      rating: null,
      reopened: false,
      counted: { resolved: false, communityLevel: false },
      timeline,
      createdAt: created,
      updatedAt: created,
      createdBy: resident._id,
    };
    if (PROPERTY_CATEGORIES.includes(category) && micro.propertyCompanyId)
      push('system', 'system', 'notifyProperty', 'assigned', '已通知物业联系人');

    // How far the case got: recent cases may still be open; older ones all finished.
    const open = demo ? n % 6 : ageDays < 6 ? rng.int(0, 6) : 6;
    const path = demo
      ? (['grid', 'community', 'whistle'] as const)[n % 3]
      : rng.pick(['grid', 'grid', 'grid', 'grid', 'community', 'whistle', 'withdraw'] as const);
    const later = (minH: number, maxH: number) => {
      t = new Date(Math.min(t.getTime() + rng.int(minH * 60, maxH * 60) * MIN, anchor.getTime() - MIN));
    };
    const finish = () => {
      c.queue = null;
      c.openCommunityId = null;
      c.dueAt = null;
      c.dueKind = null;
    };

    if (path === 'withdraw' && open > 0) {
      later(0, 2);
      push(resident._id, 'resident', 'withdraw', 'withdrawn', '问题已自行解决');
      finish();
    } else if (open > 0) {
      const gridStaff = staffOfGrid(grid._id);
      const secretary = secretaryOf(grid.communityId);
      later(urgency === 'urgent' ? 0 : 1, rng.chance(0.85) ? (urgency === 'urgent' ? 1 : 20) : 40);
      push(gridStaff, 'gridWorker', 'accept', 'accepted');
      c.respondedAt = t;
      c.dueAt = new Date(created.getTime() + DEADLINES.gridResolve * MIN);
      c.dueKind = 'gridResolve';
      let handlerLevel: 'grid' | 'community' | 'department' = 'grid';
      if (path !== 'grid' && open > 1) {
        later(4, 48);
        push(gridStaff, 'gridWorker', 'escalate', 'escalated', '网格力量无法解决，上报社区');
        Object.assign(c, { level: 'community', queue: `community:${grid.communityId}`, dueAt: null, dueKind: null });
        c.counted.communityLevel = true;
        handlerLevel = 'community';
      }
      if (path === 'whistle' && open > 2) {
        later(2, 24);
        const cls: WhistleClass = rng.chance(0.1) ? '紧急' : rng.chance(0.2) ? '重大' : '日常';
        const lead = rng.pick(departments);
        const assist = rng.chance(0.3) ? departments.find((d) => d._id !== lead._id && rng.chance(0.2)) : undefined;
        const parts = [lead, ...(assist ? [assist] : [])];
        const reportBy = new Date(t.getTime() + DEADLINES.reportIn[cls] * MIN);
        const deadline = new Date(t.getTime() + DEADLINES.deptResolve[cls] * MIN);
        const reason = rng.pick(WHISTLE_REASONS);
        c.whistle = {
          reason,
          class: cls,
          deadline,
          reportBy,
          whistledAt: t,
          whistledBy: secretary,
          departments: parts.map((d, i) => ({
            departmentId: d._id,
            departmentName: d.name,
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
        c.departmentIds = parts.map((d) => d._id);
        push(
          secretary,
          'secretary',
          'whistle',
          'whistled',
          `${reason}（${cls}）→ ${parts.map((d) => d.name).join('、')}`,
        );
        Object.assign(c, { level: 'department', queue: null, dueAt: reportBy, dueKind: 'reportIn' });
        handlerLevel = 'department';
        if (open > 3) {
          for (const [i, part] of c.whistle.departments.entries()) {
            const onTime = rng.chance(0.85);
            const at = onTime
              ? new Date(
                  Math.min(
                    c.whistle.whistledAt.getTime() + rng.int(5, DEADLINES.reportIn[cls] - 1) * MIN,
                    anchor.getTime() - MIN,
                  ),
                )
              : new Date(Math.min(reportBy.getTime() + rng.int(10, 600) * MIN, anchor.getTime() - MIN));
            part.reportedAt = at;
            part.late = at.getTime() > reportBy.getTime();
            t = new Date(Math.max(t.getTime(), at.getTime()));
            push(
              deptStaff(part.departmentId),
              'department',
              'reportIn',
              i === 0 ? 'reported' : status,
              `${part.departmentName}报到${part.late ? '（超时）' : ''}`,
            );
          }
          c.dueAt = deadline;
          c.dueKind = 'deptResolve';
        }
      }
      if (open > 4) {
        later(2, handlerLevel === 'department' ? 120 : 60);
        const by =
          handlerLevel === 'grid'
            ? gridStaff
            : handlerLevel === 'community'
              ? secretary
              : deptStaff(c.departmentIds[0]);
        const note = handlerLevel === 'department' ? '已会同相关部门处理完毕' : '已现场处理，问题解决';
        push(
          by,
          handlerLevel === 'department' ? 'department' : handlerLevel === 'grid' ? 'gridWorker' : 'secretary',
          handlerLevel === 'department' ? 'deptResolve' : 'resolve',
          'resolved',
          note,
        );
        c.resolution = { note, photos: [], at: t, level: handlerLevel, by };
        c.counted.resolved = true;
        if (c.whistle) {
          c.whistle.departments[0].doneAt = t;
          c.whistle.departments.forEach((d) => (d.doneAt = d.doneAt ?? t));
        }
        Object.assign(c, { queue: null, dueAt: new Date(t.getTime() + DEADLINES.autoClose * MIN), dueKind: 'rate' });
        if (c.whistle && rng.chance(0.8)) {
          c.whistle.rating = rng.pick(DEPARTMENT_GRADES);
          push(secretary, 'secretary', 'rateDepartment', status, c.whistle.rating);
        }
      }
      if (open > 5) {
        const unrated = rng.chance(0.15);
        if (unrated && anchor.getTime() - t.getTime() > DEADLINES.autoClose * MIN) {
          t = new Date(t.getTime() + DEADLINES.autoClose * MIN + rng.int(1, 5) * MIN);
          c.rating = { grade: '未评价', comment: null, at: t };
          push('system', 'system', 'autoClose', 'closed', '7天未评价，自动办结（未评价）');
          finish();
        } else if (!unrated) {
          later(1, 72);
          const grade: ResidentGrade = rng.chance(0.65) ? '满意' : rng.chance(0.6) ? '基本满意' : '不满意';
          c.rating = { grade, comment: null, at: t };
          push(resident._id, 'resident', 'rate', 'closed', grade);
          finish();
        }
      }
    }
    c.status = status;
    c.updatedAt = timeline[timeline.length - 1].at;
    if (c.whistle)
      for (const part of c.whistle.departments)
        tasks.push({
          _id: taskId(c._id, part.departmentId),
          caseId: c._id,
          departmentId: part.departmentId,
          role: part.role,
          status: part.doneAt || (status as CaseStatus) === 'closed' ? 'done' : 'open',
          summary: {
            category: c.category,
            description: c.description,
            urgency: c.urgency,
            class: c.whistle.class,
            reason: c.whistle.reason,
            communityId: c.communityId,
            communityName: c.communityName,
            location: c.location.label,
          },
          reportBy: c.whistle.reportBy,
          reportedAt: part.reportedAt,
          late: part.late,
          deadline: c.whistle.deadline,
          whistledAt: c.whistle.whistledAt,
          updatedAt: c.updatedAt,
        });
    cases.push(c);
  }
  return { cases, tasks, counters: countersFrom(cases) };
}
