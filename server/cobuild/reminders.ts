import { COBUILD_MEETING_PAGES } from '../../contract/functions/cobuild/meetings';
import type { TemplateKey } from '../../contract/notifications';
import { directory } from '../directory/cache';
import { notifyAll, type Notice } from '../notify';
import { isDuplicate } from '../platform/errors';
import type { JobContext } from '../platform/router';
import { readAll } from '../platform/read';
import { local } from '../platform/time';
import { countyAdmins, staffFor, type DecisionDoc, type MeetingDoc, type RotaDoc } from './meetingModel';

/**
 * 结对共建 reminders (scheduler job `cobuildReminders`, daily 09:00). Each reminder is sent once:
 * before sending, its mark — a `reminders` document with an id naming the reminder (`chair-…`,
 * `topics-…`) — is inserted; a duplicate means another run (an overlapping one, or today's
 * second) sent it, so nothing is sent twice. Every condition is a window, not a day, so a job
 * missed while the service was down (the router runs it at the next tick) still sends what
 * became due meanwhile, once. A crash between a mark and its notice loses that one notice
 * (the mark says sent); the rota, meeting and decision pages still show where things stand.
 */

interface Sent {
  chairMonth: number;
  chairSoon: number;
  topicsClosing: number;
  decisionDue: number;
  decisionOverdue: number;
  quarterSoon: number;
  quarterMissed: number;
  decisionsRepaired: number;
}

/** Inserts the reminder's mark; false when it exists (sent before). */
async function mark(ctx: JobContext, id: string, fields: Record<string, unknown>): Promise<boolean> {
  try {
    await ctx.db.collection('reminders').add({ data: { _id: id, kind: 'cobuild', ...fields, createdAt: ctx.now } });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

const notice = (to: string[], key: TemplateKey, content: Notice['content'], page: string): Notice => ({
  to,
  key,
  content,
  page,
});

export async function cobuildReminders(ctx: JobContext): Promise<Sent> {
  const sent: Sent = {
    chairMonth: 0,
    chairSoon: 0,
    topicsClosing: 0,
    decisionDue: 0,
    decisionOverdue: 0,
    quarterSoon: 0,
    quarterMissed: 0,
    decisionsRepaired: 0,
  };
  const out: Notice[] = [];
  const today = local(ctx.now);
  const _ = ctx.db.command;

  // ---- 轮值主席: the chair's admins in their month (from its first day), the secretary in the
  // week before a chair month.
  const thisMonth = today.startOf('month');
  const nextMonth = thisMonth.add(1, 'month');
  const rotas = await readAll<RotaDoc>(ctx.db, 'rotas', { year: _.in([thisMonth.year(), nextMonth.year()]) });
  const chairNow = rotas
    .filter((r) => r.year === thisMonth.year())
    .map((r) => ({ r, m: r.months[thisMonth.month()] }))
    .filter(({ m }) => m?.unitId);
  const soon = today.add(7, 'day').isAfter(nextMonth) || today.add(7, 'day').isSame(nextMonth);
  const chairNext = soon
    ? rotas
        .filter((r) => r.year === nextMonth.year())
        .map((r) => ({ r, m: r.months[nextMonth.month()] }))
        .filter(({ m }) => m?.unitId)
    : [];
  const unitAdmins = await staffFor(ctx, 'unitAdmin', [
    ...new Set([...chairNow.map(({ m }) => m.unitId!), ...(await decisionOwners(ctx))]),
  ]);
  const communities = await directory(ctx, 'communities');
  const secretaries = await staffFor(
    ctx,
    'secretary',
    communities.map((c) => c._id),
  );
  const secretariesOf = (communityId: string) =>
    secretaries.filter((s) => s.scopeId === communityId).map((s) => s.openid);
  const adminsOf = (unitId: string) => unitAdmins.filter((a) => a.scopeId === unitId).map((a) => a.openid);

  for (const { r, m } of chairNow) {
    const key = `chair-${r.communityId}-${thisMonth.format('YYYYMM')}-${m.unitId}`;
    if (!(await mark(ctx, key, { communityId: r.communityId }))) continue;
    out.push(
      notice(
        adminsOf(m.unitId!),
        'chairMonth',
        {
          subject: `${thisMonth.month() + 1}月轮值主席`,
          status: '本月轮值',
          note: `本单位轮值${r.communityName}，请提出主题并策划活动`,
          time: thisMonth.toDate(),
        },
        COBUILD_MEETING_PAGES.rota,
      ),
    );
    sent.chairMonth += 1;
  }
  for (const { r, m } of chairNext) {
    const key = `chairSoon-${r.communityId}-${nextMonth.format('YYYYMM')}`;
    if (!(await mark(ctx, key, { communityId: r.communityId }))) continue;
    out.push(
      notice(
        secretariesOf(r.communityId),
        'chairMonth',
        {
          subject: `${nextMonth.month() + 1}月轮值主席`,
          status: '下月轮值',
          note: `下月轮值单位：${m.unitName ?? ''}`,
          time: nextMonth.toDate(),
        },
        COBUILD_MEETING_PAGES.rota,
      ),
    );
    sent.chairSoon += 1;
  }

  // ---- 议题征集: the day before the window closes, the paired units that have not submitted.
  const closing = await readAll<MeetingDoc>(ctx.db, 'meetings', {
    status: 'called',
    topicsBy: _.and(_.gt(ctx.now), _.lt(today.add(2, 'day').startOf('day').toDate())),
  });
  const units = await directory(ctx, 'units');
  const topicUnits = closing.flatMap((m) =>
    units.filter((u) => u.pairedCommunityId === m.communityId && !m.topics.some((t) => t.fromId === u._id)),
  );
  const topicAdmins = await staffFor(
    ctx,
    'unitAdmin',
    topicUnits.map((u) => u._id),
  );
  for (const m of closing) {
    const waiting = units
      .filter((u) => u.pairedCommunityId === m.communityId && !m.topics.some((t) => t.fromId === u._id))
      .map((u) => u._id);
    const to = topicAdmins.filter((a) => waiting.includes(a.scopeId)).map((a) => a.openid);
    if (!(await mark(ctx, `topics-${m._id}`, { communityId: m.communityId }))) continue;
    if (to.length)
      out.push(
        notice(
          to,
          'topicsClosing',
          {
            subject: m.subject || '联席会议议题征集',
            status: '即将截止',
            time: new Date(m.topicsBy),
            note: '贵单位尚未提交议题',
          },
          COBUILD_MEETING_PAGES.meeting(m._id),
        ),
      );
    sent.topicsClosing += 1;
  }

  // ---- 议定事项: the owner the day before it is due, and once when overdue.
  const tomorrow = today.add(1, 'day').format('YYYY-MM-DD');
  const todayDay = today.format('YYYY-MM-DD');
  const due = await readAll<DecisionDoc>(ctx.db, 'meetingDecisions', {
    status: 'open',
    dueAt: _.lt(today.add(2, 'day').startOf('day').toDate()),
  });
  for (const d of due) {
    const overdue = d.dueDay < todayDay;
    if (!overdue && d.dueDay > tomorrow) continue;
    const key = `${overdue ? 'decisionOverdue' : 'decisionDue'}-${d._id}`;
    if (!(await mark(ctx, key, { communityId: d.communityId }))) continue;
    const to = d.ownerUnitId ? adminsOf(d.ownerUnitId) : secretariesOf(d.communityId);
    out.push(
      notice(
        to,
        'decisionNotice',
        {
          subject: d.title,
          status: overdue ? '已逾期' : '明天到期',
          time: d.dueAt,
          note: overdue ? '请尽快落实并报告进展' : '请按期落实并报告进展',
        },
        COBUILD_MEETING_PAGES.meeting(d.meetingId),
      ),
    );
    if (overdue) sent.decisionOverdue += 1;
    else sent.decisionDue += 1;
  }

  // ---- 季度联席会议: 14 days before a quarter ends with none called or held; once after it
  // ended with none held. To the secretary and the county admins.
  const qStart = today.startOf('month').subtract(today.month() % 3, 'month');
  const qEnd = qStart.add(3, 'month');
  const prevStart = qStart.subtract(3, 'month');
  const quarterOf = (t: typeof today) => ({ year: t.year(), quarter: Math.floor(t.month() / 3) + 1 });
  const cur = quarterOf(qStart);
  const prev = quarterOf(prevStart);
  const [curMeetings, prevMeetings, county] = await Promise.all([
    readAll<MeetingDoc>(ctx.db, 'meetings', { year: cur.year, quarter: cur.quarter }),
    readAll<MeetingDoc>(ctx.db, 'meetings', { year: prev.year, quarter: prev.quarter }),
    countyAdmins(ctx),
  ]);
  const ending = !today.add(14, 'day').isBefore(qEnd);
  for (const c of communities) {
    if (ending && !curMeetings.some((m) => m.communityId === c._id && m.status !== 'cancelled')) {
      const label = `${cur.year}年第${cur.quarter}季度`;
      if (await mark(ctx, `quarterSoon-${c._id}-${cur.year}Q${cur.quarter}`, { communityId: c._id })) {
        out.push(
          notice(
            [...secretariesOf(c._id), ...county],
            'meetingMissing',
            {
              subject: `${c.name}${label}联席会议`,
              status: '尚未召集',
              note: `${label}即将结束，尚未召集联席会议`,
              time: qEnd.toDate(),
            },
            COBUILD_MEETING_PAGES.meetings,
          ),
        );
        sent.quarterSoon += 1;
      }
    }
    // The quarter before this one (a community whose pairing started later still gets it once).
    if (!prevMeetings.some((m) => m.communityId === c._id && m.status === 'held')) {
      const label = `${prev.year}年第${prev.quarter}季度`;
      if (await mark(ctx, `quarterMissed-${c._id}-${prev.year}Q${prev.quarter}`, { communityId: c._id })) {
        out.push(
          notice(
            [...secretariesOf(c._id), ...county],
            'meetingMissing',
            {
              subject: `${c.name}${label}联席会议`,
              status: '未召开',
              note: `${label}未召开联席会议`,
              time: qStart.toDate(),
            },
            COBUILD_MEETING_PAGES.meetings,
          ),
        );
        sent.quarterMissed += 1;
      }
    }
  }

  // ---- Repair: decisions a crash left out after their meeting was recorded (recordMeeting).
  const recent = await readAll<MeetingDoc>(ctx.db, 'meetings', {
    status: 'held',
    heldAt: _.gte(today.subtract(7, 'day').toDate()),
  });
  const stored = new Set(
    recent.length
      ? (await readAll<DecisionDoc>(ctx.db, 'meetingDecisions', { meetingId: _.in(recent.map((m) => m._id)) })).map(
          (d) => d._id,
        )
      : [],
  );
  for (const m of recent) {
    for (const d of (m.recordedDecisions ?? []).filter((x) => !stored.has(x._id))) {
      try {
        await ctx.db.collection('meetingDecisions').add({ data: d });
        sent.decisionsRepaired += 1;
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
    }
  }

  await notifyAll(ctx, out);
  return sent;
}

/** Units owning open decisions (their admins may be reminded). */
async function decisionOwners(ctx: JobContext): Promise<string[]> {
  const open = await readAll<DecisionDoc>(ctx.db, 'meetingDecisions', { status: 'open' });
  return [...new Set(open.map((d) => d.ownerUnitId).filter((id): id is string => id !== null))];
}
