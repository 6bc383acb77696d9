/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 报到审核 of the built weapp, as the secretary of 潋江社区 (demo-secretary), through the real
 * cloud functions (local CloudBase): the queue lists a member's report in full, 驳回 needs a
 * reason before anything is sent, 通过 verifies the member. Needs `npm run build:weapp` first.
 */
import type { Me, MemberReportView } from '../../contract';
import { formatDay } from '../../src/utils/date';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const REPORTS_PAGE = 'packages/staff/pages/reports/index';
const PENDING_MEMBER = 'demo-member-pending';
const REPORT_ID = `report-${PENDING_MEMBER}`;

const { open, invoke } = useLocalCloud();

const pendingQueue = () =>
  invoke<MemberReportView[]>('account', 'reportQueue', { status: 'pending' }, 'demo-secretary');

const openQueue = (calls?: CallEvent[]) => open(REPORTS_PAGE, 'demo-secretary', { calls });

test('the secretary’s queue lists 黄丽萍’s pending report with her phone, unit, party branch and join date', async () => {
  const report = (await pendingQueue()).find((r) => r.id === REPORT_ID);
  if (!report) throw new Error(`${REPORT_ID} is not pending in the seed`);

  const queue = await openQueue();
  await queue.waitForText(report.name);

  const text = queue.text();
  expect(text).toContain('待审核');
  for (const shown of [
    report.phone,
    report.unit.name,
    report.partyBranch,
    formatDay(report.joinedAt),
    report.community.name,
  ]) {
    expect(text).toContain(shown);
  }
  // A date as people write it (1989年3月4日), never the stored 1989-03-04.
  expect(text).not.toContain(report.joinedAt);
  expect(queue.has(`#verify-${REPORT_ID}`)).toBe(true);
  expect(queue.has(`#reject-${REPORT_ID}`)).toBe(true);
});

test('搜索 finds 黄丽萍’s report by her whole phone or her name, not by part of the phone', async () => {
  const report = (await pendingQueue()).find((r) => r.id === REPORT_ID)!;
  const queue = await openQueue();
  await queue.waitForText(report.name);
  const shown = () => queue.page.querySelectorAll('.staff-reports__card').map((n) => n.dom.textContent ?? '');
  expect(shown().length).toBeGreaterThan(1);

  queue.type('.search-bar__input .nut-input-native', report.phone);
  await queue.tap('.search-bar__go');
  await queue.waitFor(() => shown().length === 1 && shown()[0].includes(report.name), 5000);

  const part = report.phone.slice(0, 7);
  queue.type('.search-bar__input .nut-input-native', part);
  await queue.tap('.search-bar__go');
  await queue.waitForText(`没有找到与“${part}”有关的报到`, 5000);
  expect(queue.text()).toContain('换个词试试');

  queue.type('.search-bar__input .nut-input-native', `${report.name} ${report.unit.name}`);
  await queue.tap('.search-bar__go');
  await queue.waitFor(() => shown().length > 0 && shown().every((t) => t.includes(report.name)), 5000);
});

test('驳回 without a reason is refused before anything is sent, and the report stays pending', async () => {
  const calls: CallEvent[] = [];
  const queue = await openQueue(calls);
  await queue.waitFor(() => queue.has(`#reject-${REPORT_ID}`));

  await queue.tap(`#reject-${REPORT_ID}`);
  await queue.waitForText('确认驳回');
  await queue.tap('#staff-confirm-ok');
  await queue.waitForText('请填写驳回理由（2–200 字）');

  // One character is not a reason either.
  queue.type('.staff-reports__reason .nut-textarea-textarea', '否');
  await queue.tap('#staff-confirm-ok');
  await queue.waitForText('请填写驳回理由（2–200 字）');

  expect(calls.filter((c) => c.action === 'reviewReport')).toEqual([]);
  expect((await pendingQueue()).map((r) => r.id)).toContain(REPORT_ID);

  await queue.tap('#staff-confirm-cancel');
  await queue.waitFor(() => !queue.text().includes('确认驳回'));
});

test('通过 asks first, then verifies the report: it leaves the queue and the member is verified', async () => {
  const calls: CallEvent[] = [];
  const queue = await openQueue(calls);
  await queue.waitFor(() => queue.has(`#verify-${REPORT_ID}`));

  await queue.tap(`#verify-${REPORT_ID}`);
  await queue.waitForText('确认通过');
  // Nothing is sent until the secretary confirms.
  expect(calls.filter((c) => c.action === 'reviewReport')).toEqual([]);

  await queue.tap('#staff-confirm-ok');
  await queue.waitFor(() => !queue.has(`#report-${REPORT_ID}`));

  expect(calls.filter((c) => c.action === 'reviewReport')).toEqual([
    { action: 'reviewReport', payload: { reportId: REPORT_ID, decision: 'verify' } },
  ]);
  expect(queue.navigation).toContainEqual({ api: 'showToast', options: expect.objectContaining({ title: '已通过' }) });

  const member = await invoke<Me>('account', 'me', {}, PENDING_MEMBER);
  expect(member.roles).toContainEqual(expect.objectContaining({ role: 'member', communityId: 'c01', verified: true }));
  expect(member.pendingReport).toBeNull();

  // 已通过 now lists her.
  await queue.tap('.staff-segmented__item--verified');
  await queue.waitFor(() => queue.has(`#report-${REPORT_ID}`));
  expect(queue.text()).toContain('审核时间');
});

test('驳回 with a reason rejects a report; 已驳回 shows it with the reason', async () => {
  const [other] = await pendingQueue();
  if (!other) throw new Error('no pending report left in c01');
  const reason = '所在单位与报到信息不符，请核对后重新报到';

  const queue = await openQueue();
  await queue.waitFor(() => queue.has(`#reject-${other.id}`));
  await queue.tap(`#reject-${other.id}`);
  await queue.waitForText('确认驳回');
  queue.type('.staff-reports__reason .nut-textarea-textarea', reason);
  await queue.tap('#staff-confirm-ok');
  await queue.waitFor(() => !queue.has(`#report-${other.id}`));

  await queue.tap('.staff-segmented__item--rejected');
  await queue.waitFor(() => queue.has(`#report-${other.id}`));
  expect(queue.text()).toContain(reason);
  expect((await pendingQueue()).map((r) => r.id)).not.toContain(other.id);
});
