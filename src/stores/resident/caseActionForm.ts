import '../configure';
import { ASSIST_DEPARTMENTS_MAX } from '../../../contract/limits';
import { makeAutoObservable } from 'mobx';
import type { CaseView } from '../../../contract';
import {
  DEADLINES,
  DEPARTMENT_GRADES,
  RESIDENT_GRADES,
  WHISTLE_CLASSES,
  WHISTLE_REASONS,
  type WhistleClass,
  type WhistleReason,
} from '../../../contract/caseLabels';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { CASE_PHOTOS_MAX } from './caseSubmit';
import { PhotoSet } from '../photos';
import { addDays, dayValue, instantAt, shanghai } from '../../utils/date';

/** An action a case's viewer may take (`CaseView.can`), each with its own form. */
export type CaseAction = CaseView['can'][number];

export type ActionField = 'text' | 'grade' | 'photos' | 'lead' | 'assist' | 'reason' | 'class' | 'date' | 'approve';

export const ASSIST_MAX = ASSIST_DEPARTMENTS_MAX;

/** The free text of each action as the contract takes it: length, and what to say when it is missing. */
const TEXT: Record<CaseAction, { min: number; max: number; missing?: string }> = {
  withdraw: { min: 0, max: 200 },
  rate: { min: 0, max: 200 },
  accept: { min: 0, max: 200 },
  reply: { min: 2, max: 200, missing: '请填写回复内容' },
  resolve: { min: 2, max: 500, missing: '请填写办理情况' },
  escalate: { min: 2, max: 200, missing: '请填写上报社区的原因' },
  whistle: { min: 0, max: 200 },
  reportIn: { min: 0, max: 200 },
  requestExtension: { min: 4, max: 200, missing: '请填写申请延期的原因' },
  decideExtension: { min: 0, max: 200 },
  deptResolve: { min: 4, max: 500, missing: '请填写办理结果' },
  assist: { min: 4, max: 500, missing: '请填写协办情况' },
  rateDepartment: { min: 0, max: 200 },
};

export const textLimit = (action: CaseAction) => TEXT[action].max;

/** The toast after each action. */
export const DONE_TEXT: Record<CaseAction, string> = {
  withdraw: '已撤回',
  rate: '感谢您的评价',
  accept: '已受理',
  reply: '已回复',
  resolve: '已办结',
  escalate: '已上报社区',
  whistle: '已吹哨',
  reportIn: '已报到',
  requestExtension: '已申请延期',
  decideExtension: '已审批',
  deptResolve: '已办结',
  assist: '已提交',
  rateDepartment: '已评价',
};

const MIN_MS = 60_000;
/** The day in Shanghai (`YYYY-MM-DD`) of an instant. */
export const dayOf = dayValue;

/**
 * A picked day as the instant the contract takes, at the time of day it is now: the default
 * day (`now + N days`) then gives exactly the default deadline.
 */
export function instantOn(date: string, now = Date.now()): string {
  return instantAt(date, shanghai(now).format('HH:mm'));
}

/** The default 办结期限 of a whistle of this class (DEADLINES.deptResolve), as a day. */
export const defaultDeadlineDay = (cls: WhistleClass, now = Date.now()) =>
  dayOf(now + DEADLINES.deptResolve[cls] * MIN_MS);

/** The day after `date`. */
export const nextDay = (date: string) => addDays(date, 1);

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Server issue paths → the form's fields. */
function fieldOf(action: CaseAction, path: string): ActionField | undefined {
  if (path.startsWith('photos')) return 'photos';
  if (path === 'leadDepartmentId') return 'lead';
  if (path.startsWith('assistDepartmentIds')) return 'assist';
  if (path === 'class') return 'class';
  if (path === 'deadline' || path === 'until') return 'date';
  if (path === 'grade') return 'grade';
  if (path === 'approve') return 'approve';
  if (path === 'reason') return action === 'whistle' ? 'reason' : 'text';
  if (path === 'note' || path === 'comment' || path === 'outcome') return 'text';
  return undefined;
}

/**
 * The form of the one action being taken on a case: its fields, checked as the contract checks
 * them before anything is sent, and the server's field errors put next to their fields.
 *
 * - withdraw (reason), accept, reportIn, decideExtension (approve or not), rate and
 *   rateDepartment (a grade) take an optional note;
 * - resolve, escalate, requestExtension (a later day), deptResolve (1–6 photos) and assist a
 *   required one;
 * - whistle: the lead department, up to 5 assisting ones, one of the three reasons, the class,
 *   and the 办结期限 (by default the class's: DEADLINES.deptResolve).
 */
export class CaseActionForm {
  action: CaseAction | null = null;
  text = '';
  grade: string | null = null;
  approve: boolean | null = null;
  leadId = '';
  assistIds: string[] = [];
  reason: WhistleReason | null = null;
  cls: WhistleClass = '日常';
  /** 办结期限 (whistle) or 延期至 (requestExtension), `YYYY-MM-DD` in Shanghai. */
  date = '';
  /** requestExtension: the deadline the new one must be later than. */
  currentDeadline: string | null = null;
  readonly photos = new PhotoSet(CASE_PHOTOS_MAX);

  errors: FieldErrors<ActionField> = {};
  busy = false;
  error: CloudError | null = null;

  constructor() {
    makeAutoObservable(this, { photos: false }, { autoBind: true, deep: false });
  }

  /** A blank form for `action` on `view`, with its defaults. */
  start(action: CaseAction, view: CaseView, now = Date.now()): void {
    this.action = action;
    this.text = '';
    this.grade = null;
    this.approve = null;
    this.leadId = '';
    this.assistIds = [];
    this.reason = null;
    this.cls = view.urgency === 'urgent' ? '紧急' : '日常';
    this.date = '';
    this.currentDeadline = view.whistle?.deadline ?? null;
    this.photos.clear();
    this.errors = {};
    this.error = null;
    if (action === 'whistle') this.date = defaultDeadlineDay(this.cls, now);
    if (action === 'requestExtension' && this.currentDeadline) this.date = addDays(dayOf(this.currentDeadline), 7);
  }

  cancel(): void {
    if (this.busy) return;
    this.action = null;
    this.errors = {};
    this.error = null;
    this.photos.clear();
  }

  setText(value: string): void {
    this.text = value;
    if (this.errors.text) this.errors = withoutError(this.errors, 'text');
  }

  setGrade(grade: string): void {
    const grades: readonly string[] = this.action === 'rateDepartment' ? DEPARTMENT_GRADES : RESIDENT_GRADES;
    if (!grades.includes(grade)) return;
    this.grade = grade;
    this.errors = withoutError(this.errors, 'grade');
  }

  setApprove(approve: boolean): void {
    this.approve = approve;
    this.errors = withoutError(this.errors, 'approve');
  }

  setLead(id: string): void {
    this.leadId = id;
    // A lead department cannot assist itself.
    this.assistIds = this.assistIds.filter((a) => a !== id);
    this.errors = withoutError<ActionField>(withoutError<ActionField>(this.errors, 'lead'), 'assist');
  }

  toggleAssist(id: string): void {
    if (id === this.leadId) return;
    if (this.assistIds.includes(id)) this.assistIds = this.assistIds.filter((a) => a !== id);
    else if (this.assistIds.length < ASSIST_MAX) this.assistIds = [...this.assistIds, id];
    else {
      this.errors = { ...this.errors, assist: `协办部门最多 ${ASSIST_MAX} 个` };
      return;
    }
    this.errors = withoutError(this.errors, 'assist');
  }

  setReason(reason: string): void {
    if (!(WHISTLE_REASONS as readonly string[]).includes(reason)) return;
    this.reason = reason as WhistleReason;
    this.errors = withoutError(this.errors, 'reason');
  }

  /** Another class: its default deadline (重大 15 days, otherwise 7). */
  setClass(cls: string, now = Date.now()): void {
    if (!(WHISTLE_CLASSES as readonly string[]).includes(cls)) return;
    this.cls = cls as WhistleClass;
    this.date = defaultDeadlineDay(this.cls, now);
    this.errors = withoutError<ActionField>(withoutError<ActionField>(this.errors, 'class'), 'date');
  }

  setDate(date: string): void {
    this.date = date;
    this.errors = withoutError(this.errors, 'date');
  }

  /** The form's errors, as the contract (and, for days, the server) would find them. */
  check(now = Date.now()): FieldErrors<ActionField> {
    const action = this.action;
    const errors: FieldErrors<ActionField> = {};
    if (!action) return errors;
    const spec = TEXT[action];
    if (spec.missing && this.text.trim() === '') errors.text = spec.missing;
    else errors.text = checkText(this.text, spec.min, spec.max) ?? undefined;

    if ((action === 'rate' || action === 'rateDepartment') && !this.grade) errors.grade = '请选择评价';
    // 不满意 reopens the case: its handler needs to know why (as the contract requires).
    if (action === 'rate' && this.grade === '不满意' && this.text.trim().length < 2)
      errors.text = '请说明哪里不满意（至少 2 个字），以便重新办理';
    if (action === 'decideExtension' && this.approve === null) errors.approve = '请选择是否批准';

    if (action === 'resolve' || action === 'deptResolve' || action === 'assist') {
      const photos = this.photos.problem(action === 'deptResolve' ? '请上传至少 1 张办理凭证照片' : undefined);
      if (photos) errors.photos = photos;
    }

    if (action === 'whistle') {
      if (!this.leadId) errors.lead = '请选择牵头部门';
      if (this.assistIds.includes(this.leadId)) errors.assist = '牵头部门不能同时是协办部门';
      if (!this.reason) errors.reason = '请选择吹哨事由';
      if (!DAY_RE.test(this.date)) errors.date = '请选择办结期限';
      else if (Date.parse(instantOn(this.date, now)) <= now) errors.date = '办结期限须在今天之后';
    }
    if (action === 'requestExtension') {
      if (!DAY_RE.test(this.date)) errors.date = '请选择延期后的期限';
      else if (this.currentDeadline && Date.parse(instantOn(this.date, now)) <= Date.parse(this.currentDeadline))
        errors.date = `须晚于当前期限 ${dayOf(this.currentDeadline)}`;
    }
    for (const key of Object.keys(errors) as ActionField[]) if (!errors[key]) delete errors[key];
    return errors;
  }

  /** Checks, then sends the action on `caseId`; resolves with the case as it is now, or null. */
  async send(caseId: string, now = Date.now()): Promise<CaseView | null> {
    const action = this.action;
    if (!action || this.busy) return null;
    this.error = null;
    this.errors = this.check(now);
    if (Object.keys(this.errors).length > 0) return null;
    this.busy = true;
    try {
      const view = await this.request(action, caseId, now);
      this.sent();
      return view;
    } catch (e) {
      this.failed(action, toCloudError(e));
      return null;
    }
  }

  private request(action: CaseAction, caseId: string, now: number): Promise<CaseView> {
    const text = this.text.trim();
    const optional = (key: string) => (text ? { [key]: text } : {});
    switch (action) {
      case 'withdraw':
        return call('complaint', 'withdraw', { caseId, ...optional('reason') });
      case 'rate':
        return call('complaint', 'rate', {
          caseId,
          grade: this.grade as (typeof RESIDENT_GRADES)[number],
          ...optional('comment'),
        });
      case 'accept':
        return call('complaint', 'accept', { caseId, ...optional('note') });
      case 'reply':
        return call('complaint', 'reply', { caseId, note: text });
      case 'resolve':
        return call('complaint', 'resolve', { caseId, note: text, photos: this.photos.fileIds });
      case 'escalate':
        return call('complaint', 'escalate', { caseId, reason: text });
      case 'whistle':
        return call('complaint', 'whistle', {
          caseId,
          leadDepartmentId: this.leadId,
          assistDepartmentIds: this.assistIds,
          reason: this.reason!,
          class: this.cls,
          deadline: instantOn(this.date, now),
          ...optional('note'),
        });
      case 'reportIn':
        return call('complaint', 'reportIn', { caseId, ...optional('note') });
      case 'requestExtension':
        return call('complaint', 'requestExtension', { caseId, until: instantOn(this.date, now), reason: text });
      case 'decideExtension':
        return call('complaint', 'decideExtension', { caseId, approve: this.approve!, ...optional('note') });
      case 'deptResolve':
        return call('complaint', 'deptResolve', { caseId, outcome: text, photos: this.photos.fileIds });
      case 'assist':
        return call('complaint', 'assist', { caseId, note: text, photos: this.photos.fileIds });
      case 'rateDepartment':
        return call('complaint', 'rateDepartment', {
          caseId,
          grade: this.grade as (typeof DEPARTMENT_GRADES)[number],
          ...optional('note'),
        });
    }
  }

  private sent(): void {
    this.busy = false;
    this.action = null;
    this.errors = {};
    this.photos.clear();
  }

  private failed(action: CaseAction, error: CloudError): void {
    this.busy = false;
    this.error = error;
    this.errors = withFieldIssues(this.errors, error.details, (path) => fieldOf(action, path));
  }
}
