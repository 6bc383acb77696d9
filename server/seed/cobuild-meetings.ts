import type { DecisionStatus } from '../../contract/cobuild';
import type { CommunityDoc, UnitDoc } from '../directory/model';
import {
  quarterOf,
  rotaId,
  rotaMonthKey,
  type DecisionDoc,
  type MeetingDoc,
  type RotaDoc,
  type RotaMonth,
  type TopicDoc,
} from '../cobuild/meetingModel';
import { local } from '../platform/time';
import { chairActivityId, type ActivityDoc } from '../sixOnes/model';
import { Rng } from './rng';

/**
 * 轮值主席 and 联席会议 of every community (deterministic, dated from the anchor): a rota for
 * each seeded year (chairs rotating among the paired units; themes up to next month; a chair
 * activity in the past months and the current one), held meetings about every 90 days back from
 * the anchor with minutes and decisions in every status, one cancelled meeting, and one called
 * meeting ahead with topics and an agenda. In c01 the demo unit chairs the anchor's month.
 * `years`: 1 (demo) or 3 (`--scale county`).
 */
export interface CobuildMeetingsSeed {
  rotas: RotaDoc[];
  meetings: MeetingDoc[];
  meetingDecisions: DecisionDoc[];
  /** Chair units' activities (hosted; they join the 六个一 activities). */
  activities: ActivityDoc[];
}

const DAY = 86_400_000;
const THEMES = ['垃圾分类进社区', '关爱空巢老人', '青少年暑期课堂', '文明城市创建', '政策宣讲进小区', '邻里守望'];
const TOPICS = [
  ['老旧小区楼道照明改造', '楼道灯损坏多，夜间出行不便'],
  ['困难群众帮扶名单', '梳理需要结对帮扶的困难家庭'],
  ['暑期青少年托管', '双职工家庭孩子暑期无人照看'],
  ['小区环境卫生整治', '部分楼栋堆放杂物'],
  ['助老助残志愿服务', '为高龄独居老人提供上门服务'],
] as const;
const DECISIONS = ['更换楼道灯', '建立帮扶台账', '开设暑期课堂', '清理楼道杂物', '组织上门服务', '开展政策宣讲'];

export function buildCobuildMeetings(opts: {
  communities: CommunityDoc[];
  units: UnitDoc[];
  anchor: Date;
  years: number;
  /** The demo unit (chairs c01's month of the anchor). */
  demoUnitId: string;
  /** Each unit's admin (who plans its chair activities), and a user's name. */
  unitAdmins: Map<string, string>;
  nameOf: (openid: string) => string;
}): CobuildMeetingsSeed {
  const rng = new Rng('cobuild-meetings');
  const out: CobuildMeetingsSeed = {
    rotas: [],
    meetings: [],
    meetingDecisions: [],
    activities: [],
  };
  const a = local(opts.anchor);
  const secretaryOf = (c: CommunityDoc) => c.secretaryOpenid ?? 'seed';

  for (const c of opts.communities) {
    const units = opts.units.filter((u) => u.pairedCommunityId === c._id).sort((x, y) => x._id.localeCompare(y._id));
    if (units.length === 0) continue;

    // ---- rotas: the anchor's year and the years before it.
    for (let back = 0; back < opts.years; back++) {
      const year = a.year() - back;
      const shift = units.findIndex((u) => u._id === opts.demoUnitId);
      const months: RotaMonth[] = Array.from({ length: 12 }, (_, i) => {
        // In c01 the demo unit chairs the anchor's month; elsewhere the units take turns.
        const k =
          c._id === 'c01' && shift >= 0 ? (shift + i - a.month() + 12 * units.length) % units.length : i % units.length;
        const unit = units[k];
        const themed = year < a.year() || i <= a.month() + 1;
        return {
          month: i + 1,
          unitId: unit._id,
          unitName: unit.name,
          theme: themed ? THEMES[(i + rng.int(0, 5)) % THEMES.length] : null,
          themedAt: themed
            ? local(new Date(Date.UTC(year, i, 1)))
                .subtract(5, 'day')
                .toDate()
            : null,
          themedBy: themed ? 'seed' : null,
        };
      });
      const first = local(new Date(Date.UTC(year, 0, 1)));
      out.rotas.push({
        _id: rotaId(c._id, year),
        communityId: c._id,
        communityName: c.name,
        year,
        version: 1,
        months,
        createdAt: first.subtract(20, 'day').toDate(),
        updatedAt: first.subtract(20, 'day').toDate(),
        updatedBy: secretaryOf(c),
      });
      // Chair activities: the last two past months, and in c01 the anchor's month (ahead of the anchor).
      const planned = months.filter((m) =>
        year < a.year() ? m.month % 4 === 0 : m.month - 1 < a.month() && m.month - 1 >= a.month() - 2,
      );
      if (c._id === 'c01' && year === a.year()) planned.push(months[a.month()]);
      for (const m of planned) {
        const current = year === a.year() && m.month - 1 === a.month();
        const day = current
          ? a.add(2, 'day').month() === a.month()
            ? a.add(2, 'day')
            : a.add(3, 'hour')
          : local(new Date(`${year}-${String(m.month).padStart(2, '0')}-15T09:00:00+08:00`));
        // The anchor's month's activity: two days ahead (it may fall in the next month near a month's end; still the chair's).
        const startAt = day.hour(9).minute(0).second(0).millisecond(0).toDate();
        const key = rotaMonthKey(c._id, year, m.month);
        // Planned by the chair unit's admin (the secretary where the unit has none), ten days ahead.
        const by = opts.unitAdmins.get(m.unitId!) ?? secretaryOf(c);
        const planned = new Date(startAt.getTime() - 10 * DAY);
        out.activities.push({
          _id: chairActivityId(key),
          communityId: c._id,
          communityName: c.name,
          type: 'volunteer',
          title: `${m.theme ?? '轮值'}志愿服务`,
          description: `${m.unitName}轮值主席月活动`,
          startAt,
          endAt: new Date(startAt.getTime() + 2 * 3_600_000),
          signUpBy: new Date(startAt.getTime() - 15 * 3_600_000),
          place: { name: `${c.name}党群服务中心`, address: c.address, phone: null, ...c.location, radius: 300 },
          capacity: 30,
          signedUp: 0,
          status: 'open',
          cancelReason: null,
          host: { unitId: m.unitId!, unitName: m.unitName!, rotaMonth: key },
          rotaId: rotaId(c._id, year),
          history: [
            { at: planned, by, byName: opts.nameOf(by), action: 'publish', note: `轮值主席单位：${m.unitName}` },
          ],
          createdAt: planned,
          updatedAt: planned,
          createdBy: by,
        });
      }
    }

    // ---- meetings: held every ~90 days back from the anchor, one cancelled, one called ahead.
    const held = Math.max(2, opts.years * 4);
    const chain: MeetingDoc[] = [];
    for (let i = held; i >= 1; i--) {
      const startAt = a
        .subtract(i * 90 - 70 + rng.int(0, 6), 'day')
        .hour(15)
        .minute(0)
        .second(0)
        .millisecond(0)
        .toDate();
      chain.push(meeting(c, units, startAt, 'held', rng));
    }
    const cancelled = meeting(
      c,
      units,
      a.subtract(50, 'day').hour(9).minute(30).second(0).millisecond(0).toDate(),
      'cancelled',
      rng,
    );
    const called = meeting(
      c,
      units,
      a.add(10, 'day').hour(15).minute(0).second(0).millisecond(0).toDate(),
      'called',
      rng,
    );
    let previous: MeetingDoc | null = null;
    for (const m of [...chain, cancelled, called].sort((x, y) => x.startAt.getTime() - y.startAt.getTime())) {
      m.previousId = previous?._id ?? null;
      m.previousStartAt = previous ? previous.startAt : new Date(0);
      if (m.status === 'held') {
        previous = m;
        const latest = m === chain[chain.length - 1];
        const n = latest ? 4 : 2;
        const decisions: DecisionDoc[] = [];
        for (let k = 0; k < n; k++) {
          // The latest meeting's decisions in every status (one open overdue); older ones done.
          const status: DecisionStatus = latest ? (['open', 'open', 'done', 'dropped'] as const)[k] : 'done';
          const owner = k === n - 1 && latest ? null : units[k % units.length];
          const due =
            latest && k === 1 ? a.subtract(3, 'day') : local(m.startAt).add(k === 0 && latest ? 40 : 30, 'day');
          decisions.push({
            _id: `${m._id}-${k + 1}`,
            meetingId: m._id,
            meetingStartAt: m.startAt,
            meetingSubject: m.subject,
            communityId: c._id,
            communityName: c.name,
            title: DECISIONS[(k + rng.int(0, 5)) % DECISIONS.length],
            ownerKind: owner ? 'unit' : 'community',
            ownerUnitId: owner?._id ?? null,
            ownerId: owner?._id ?? c._id,
            ownerName: owner?.name ?? c.name,
            dueDay: due.format('YYYY-MM-DD'),
            dueAt: due.startOf('day').toDate(),
            status,
            progress:
              status === 'open'
                ? [
                    {
                      at: new Date(m.startAt.getTime() + 7 * DAY),
                      by: 'seed',
                      byName: '',
                      note: '已启动，正在推进',
                      status: null,
                    },
                  ]
                : [
                    {
                      at: new Date(m.startAt.getTime() + 20 * DAY),
                      by: 'seed',
                      byName: '',
                      note: status === 'done' ? '已完成' : '并入其他事项',
                      status,
                    },
                  ],
            version: 2,
            createdAt: m.heldAt!,
            updatedAt: m.heldAt!,
          });
        }
        m.decisionCount = decisions.length;
        out.meetingDecisions.push(...decisions);
      }
      out.meetings.push(m);
    }
  }
  return out;
}

function meeting(c: CommunityDoc, units: UnitDoc[], startAt: Date, status: MeetingDoc['status'], rng: Rng): MeetingDoc {
  const { year, quarter } = quarterOf(startAt);
  const id = `mtg-${c._id}-${local(startAt).format('YYYYMMDD')}`;
  const topicsBy = new Date(startAt.getTime() - 3 * DAY);
  const topics: TopicDoc[] = units.slice(0, 3).map((u, i) => ({
    id: `${id}-t${i + 1}`,
    title: TOPICS[(i + rng.int(0, 4)) % TOPICS.length][0],
    description: TOPICS[(i + rng.int(0, 4)) % TOPICS.length][1],
    fromKind: 'unit',
    fromId: u._id,
    fromName: u.name,
    by: 'seed',
    byName: '',
    submittedAt: new Date(topicsBy.getTime() - (i + 1) * DAY),
  }));
  const by = c.secretaryOpenid ?? 'seed';
  const calledAt = new Date(startAt.getTime() - 14 * DAY);
  const heldAt = status === 'held' ? new Date(startAt.getTime() + 2 * 3_600_000) : null;
  return {
    _id: id,
    communityId: c._id,
    communityName: c.name,
    status,
    startAt,
    year,
    quarter,
    place: `${c.name}党群服务中心会议室`,
    subject: `${year}年第${quarter}季度联席会议`,
    topicsBy,
    topics,
    topicCount: topics.length,
    agenda: status === 'cancelled' ? [] : topics.map((t) => t.id),
    presentUnitIds: status === 'held' ? units.map((u) => u._id) : null,
    minutes:
      status === 'held' ? '会议通报了上次议定事项的落实情况，听取了各结对单位的意见，议定了本季度共建事项。' : null,
    heldAt,
    decisionCount: 0,
    cancelReason: status === 'cancelled' ? '与县委中心组学习时间冲突，改期召开' : null,
    previousId: null,
    previousStartAt: new Date(0),
    version: status === 'called' ? 2 : 3,
    history: [
      { at: calledAt, by, byName: '', action: 'call', note: null },
      ...(status === 'held' ? [{ at: heldAt!, by, byName: '', action: 'record', note: null }] : []),
      ...(status === 'cancelled'
        ? [{ at: new Date(startAt.getTime() - DAY), by, byName: '', action: 'cancel', note: null }]
        : []),
    ],
    createdAt: calledAt,
    updatedAt: heldAt ?? calledAt,
    createdBy: by,
  };
}
