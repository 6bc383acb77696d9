import './configure';
import type { TodoKey, WorkbenchView } from '../../contract';
import { call } from '../services/cloud';
import { Loadable } from './loadable';

/** The staff to-do counts of 工作台 (account.workbench), read again whenever a page showing them is shown. */
export const workbench = new Loadable<WorkbenchView>(() => call('account', 'workbench', {}));

/** The to-dos of one role of the caller (its first grant of that role), or none. */
export function todosOf(view: WorkbenchView | null, role: string): WorkbenchView['roles'][number]['todos'] {
  return view?.roles.find((r) => r.role === role)?.todos ?? [];
}

/** Which staff tool (packages/staff/lib) each to-do opens. */
export const TODO_TOOL: Record<TodoKey, string> = {
  caseQueue: 'case-queue',
  caseInbox: 'case-inbox',
  extensions: 'case-queue',
  wishReview: 'wish-review',
  wishAwaiting: 'wish-awaiting',
  reports: 'reports',
  records: 'records',
  unitReports: 'unit-members',
};

/** What each to-do is called on the workbench. */
export const TODO_TITLE: Record<TodoKey, string> = {
  caseQueue: '待办诉求',
  caseInbox: '吹哨待办',
  extensions: '延期待审批',
  wishReview: '心愿待审核',
  wishAwaiting: '心愿待代确认',
  reports: '报到待审核',
  records: '六个一待审核',
  unitReports: '本单位待审核报到',
};
