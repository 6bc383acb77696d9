import '../configure';
import { makeAutoObservable } from 'mobx';
import type { MeetingView } from '../../../contract';
import {
  AGENDA_MAX,
  DECISION_TITLE,
  DECISIONS_MAX,
  MEETING_MINUTES,
  TOPIC_DESCRIPTION,
  TOPIC_TITLE,
} from '../../../contract/limits';
import { call } from '../../services/cloud';
import type { CloudError } from '../../services/CloudError';
import { addDays, today } from '../../utils/date';
import { checkText, fieldIssues, type FieldErrors } from '../../utils/fields';
import { checkReason } from '../../utils/reason';
import { Loadable, Pending } from '../loadable';

/** A decision's owner in the record form: a paired unit's id, or COMMUNITY (the community itself). */
export const COMMUNITY = 'community';

export interface DecisionDraft {
  /** Names the row (classes, keys); stays when rows above it are removed. */
  key: number;
  title: string;
  owner: string;
  /** `YYYY-MM-DD` */
  dueAt: string;
}

const CONFLICT_NOTICE = '会议刚被他人修改，下面是最新内容，请核对后再操作';

/**
 * One 联席会议: topics (submitted by a unit admin or the secretary while the window is open), the
 * agenda the secretary orders, recording the meeting (units present, minutes, decisions with owner
 * and due day), cancelling it. Every change is sent on the version read; CONFLICT reads it again.
 */
class MeetingStore {
  meetingId = '';
  readonly view = new Loadable<MeetingView>(() => call('meeting', 'meeting', { meetingId: this.meetingId }));
  /** Said at the top after a change, or when someone else's came first. */
  notice: string | null = null;

  topicTitle = '';
  topicDescription = '';
  topicErrors: FieldErrors<'title' | 'description'> = {};
  readonly submitting = new Pending();

  editingAgenda = false;
  agenda: string[] = [];
  readonly agendaSaving = new Pending();

  recording = false;
  present: string[] = [];
  minutes = '';
  decisions: DecisionDraft[] = [];
  private nextKey = 1;
  /** `present`, `minutes`, `decisions`, `<key>-title`, `<key>-owner`, `<key>-dueAt`. */
  recordErrors: Record<string, string> = {};
  readonly recordSaving = new Pending();

  cancelOpen = false;
  cancelReason = '';
  cancelReasonError: string | null = null;
  readonly cancelling = new Pending();

  constructor() {
    makeAutoObservable<MeetingStore, 'nextKey'>(
      this,
      { view: false, submitting: false, agendaSaving: false, recordSaving: false, cancelling: false, nextKey: false },
      { autoBind: true, deep: false },
    );
  }

  open(meetingId: string): void {
    this.meetingId = meetingId;
    this.notice = null;
    this.resetTopic();
    this.closeAgenda();
    this.closeRecord();
    this.closeCancel();
    this.view.clear();
    void this.view.load();
  }

  private takes(saved: MeetingView, notice: string): void {
    this.view.value = saved;
    this.notice = notice;
  }

  /** A change refused because someone else changed the meeting first: the latest, and say so. */
  private async conflicted(error: CloudError | null): Promise<boolean> {
    if (error?.code !== 'CONFLICT') return false;
    this.notice = CONFLICT_NOTICE;
    this.closeAgenda();
    this.closeCancel();
    await this.view.load();
    return true;
  }

  // 议题

  private resetTopic(): void {
    this.topicTitle = '';
    this.topicDescription = '';
    this.topicErrors = {};
    this.submitting.clear();
  }

  setTopicTitle(value: string): void {
    this.topicTitle = value;
    this.topicErrors = { ...this.topicErrors, title: undefined };
  }

  setTopicDescription(value: string): void {
    this.topicDescription = value;
    this.topicErrors = { ...this.topicErrors, description: undefined };
  }

  async submitTopic(): Promise<boolean> {
    const v = this.view.value;
    if (!v || this.submitting.busy) return false;
    const title = this.topicTitle.trim();
    const description = this.topicDescription.trim();
    const errors: FieldErrors<'title' | 'description'> = {};
    const titleError = title === '' ? '请填写议题' : checkText(title, TOPIC_TITLE.min, TOPIC_TITLE.max);
    const descriptionError = checkText(description, TOPIC_DESCRIPTION.min, TOPIC_DESCRIPTION.max);
    if (titleError) errors.title = titleError;
    if (descriptionError) errors.description = descriptionError;
    this.topicErrors = errors;
    if (titleError || descriptionError) return false;
    const saved = await this.submitting.run(() =>
      call('meeting', 'submitTopic', { meetingId: v.id, title, description }),
    );
    if (!saved) {
      const e = this.submitting.error;
      if (e?.code === 'INVALID_INPUT') {
        const errors: FieldErrors<'title' | 'description'> = { ...this.topicErrors };
        for (const issue of fieldIssues(e.details))
          if (issue.path === 'title' || issue.path === 'description') errors[issue.path] = issue.message;
        this.topicErrors = errors;
      }
      return false;
    }
    this.resetTopic();
    this.takes(saved, `已提交议题：${title}`);
    return true;
  }

  // 议程

  startAgenda(): void {
    const v = this.view.value;
    if (!v) return;
    this.agenda = [...v.agenda];
    this.editingAgenda = true;
    this.agendaSaving.clear();
    this.notice = null;
  }

  closeAgenda(): void {
    this.editingAgenda = false;
    this.agenda = [];
    this.agendaSaving.clear();
  }

  /** Puts a topic on the agenda (last) or takes it off. */
  toggleAgenda(topicId: string): void {
    if (this.agenda.includes(topicId)) this.agenda = this.agenda.filter((id) => id !== topicId);
    else if (this.agenda.length < AGENDA_MAX) this.agenda = [...this.agenda, topicId];
  }

  /** Moves a topic on the agenda one place up (-1) or down (+1). */
  move(topicId: string, by: -1 | 1): void {
    const i = this.agenda.indexOf(topicId);
    const j = i + by;
    if (i < 0 || j < 0 || j >= this.agenda.length) return;
    const next = [...this.agenda];
    [next[i], next[j]] = [next[j], next[i]];
    this.agenda = next;
  }

  async saveAgenda(): Promise<boolean> {
    const v = this.view.value;
    if (!v || this.agendaSaving.busy) return false;
    const topicIds = [...this.agenda];
    const saved = await this.agendaSaving.run(() =>
      call('meeting', 'setAgenda', { meetingId: v.id, version: v.version, topicIds }),
    );
    if (!saved) {
      await this.conflicted(this.agendaSaving.error);
      return false;
    }
    this.closeAgenda();
    this.takes(saved, topicIds.length > 0 ? `已保存议程（${topicIds.length} 项），已通知各共建单位` : '已清空议程');
    return true;
  }

  // 会议记录

  startRecord(): void {
    this.recording = true;
    this.present = [];
    this.minutes = '';
    this.decisions = [];
    this.recordErrors = {};
    this.recordSaving.clear();
    this.notice = null;
  }

  closeRecord(): void {
    this.recording = false;
    this.present = [];
    this.minutes = '';
    this.decisions = [];
    this.recordErrors = {};
    this.recordSaving.clear();
  }

  private clearRecordError(key: string): void {
    if (!this.recordErrors[key]) return;
    const rest = { ...this.recordErrors };
    delete rest[key];
    this.recordErrors = rest;
  }

  togglePresent(unitId: string): void {
    this.present = this.present.includes(unitId)
      ? this.present.filter((id) => id !== unitId)
      : [...this.present, unitId];
    this.clearRecordError('present');
  }

  setMinutes(value: string): void {
    this.minutes = value;
    this.clearRecordError('minutes');
  }

  /** A new decision row: no owner yet, due in a month. */
  addDecision(): void {
    if (this.decisions.length >= DECISIONS_MAX) return;
    this.decisions = [...this.decisions, { key: this.nextKey++, title: '', owner: '', dueAt: addDays(today(), 30) }];
    this.clearRecordError('decisions');
  }

  removeDecision(key: number): void {
    this.decisions = this.decisions.filter((d) => d.key !== key);
    for (const f of ['title', 'owner', 'dueAt']) this.clearRecordError(`${key}-${f}`);
  }

  updateDecision(key: number, change: Partial<Omit<DecisionDraft, 'key'>>): void {
    this.decisions = this.decisions.map((d) => (d.key === key ? { ...d, ...change } : d));
    for (const f of Object.keys(change)) this.clearRecordError(`${key}-${f}`);
  }

  /** The record form checked as the contract checks it: errors by key. */
  checkRecord(): Record<string, string> {
    const errors: Record<string, string> = {};
    const minutes = this.minutes.trim();
    const minutesError =
      minutes === '' ? '请填写会议纪要' : checkText(minutes, MEETING_MINUTES.min, MEETING_MINUTES.max);
    if (minutesError) errors.minutes = minutesError;
    const todayValue = today();
    for (const d of this.decisions) {
      const title = d.title.trim();
      const titleError = title === '' ? '请填写议定事项' : checkText(title, DECISION_TITLE.min, DECISION_TITLE.max);
      if (titleError) errors[`${d.key}-title`] = titleError;
      if (!d.owner) errors[`${d.key}-owner`] = '请选择责任方';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d.dueAt)) errors[`${d.key}-dueAt`] = '请选择完成期限';
      else if (d.dueAt < todayValue) errors[`${d.key}-dueAt`] = '完成期限不能早于今天';
    }
    return errors;
  }

  async saveRecord(): Promise<boolean> {
    const v = this.view.value;
    if (!v || this.recordSaving.busy) return false;
    this.recordErrors = this.checkRecord();
    if (Object.keys(this.recordErrors).length > 0) return false;
    const decisions = this.decisions.map((d) => ({
      title: d.title.trim(),
      ownerUnitId: d.owner === COMMUNITY ? null : d.owner,
      dueAt: d.dueAt,
    }));
    const saved = await this.recordSaving.run(() =>
      call('meeting', 'recordMeeting', {
        meetingId: v.id,
        version: v.version,
        presentUnitIds: v.units.map((u) => u.id).filter((id) => this.present.includes(id)),
        minutes: this.minutes.trim(),
        decisions,
      }),
    );
    if (!saved) {
      const e = this.recordSaving.error;
      if (e?.code === 'INVALID_INPUT') this.recordErrors = this.issuesOf(e.details);
      else if (await this.conflicted(e)) this.closeRecord();
      return false;
    }
    this.closeRecord();
    this.takes(saved, decisions.length > 0 ? `会议已记录，${decisions.length} 项议定事项已通知责任单位` : '会议已记录');
    return true;
  }

  /** The server's field issues on the record form (`decisions.0.title` → the first row's title). */
  private issuesOf(details: unknown): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const { path, message } of fieldIssues(details)) {
      const [top, index, field] = path.split('.');
      if (top === 'minutes') errors.minutes = message;
      else if (top === 'presentUnitIds') errors.present = message;
      else if (top === 'decisions' && index !== undefined) {
        const row = this.decisions[Number(index)];
        const key = field === 'ownerUnitId' ? 'owner' : field;
        if (row && (key === 'title' || key === 'owner' || key === 'dueAt')) errors[`${row.key}-${key}`] = message;
        else errors.decisions = message;
      }
    }
    return errors;
  }

  // 取消会议

  askCancel(): void {
    this.cancelOpen = true;
    this.cancelReason = '';
    this.cancelReasonError = null;
    this.cancelling.clear();
  }

  closeCancel(): void {
    if (this.cancelling.busy) return;
    this.cancelOpen = false;
    this.cancelReasonError = null;
    this.cancelling.clear();
  }

  setCancelReason(value: string): void {
    this.cancelReason = value;
    if (this.cancelReasonError) this.cancelReasonError = checkReason(value);
  }

  async confirmCancel(): Promise<boolean> {
    const v = this.view.value;
    if (!v || this.cancelling.busy) return false;
    this.cancelReasonError = checkReason(this.cancelReason);
    if (this.cancelReasonError) return false;
    const saved = await this.cancelling.run(() =>
      call('meeting', 'cancelMeeting', { meetingId: v.id, version: v.version, reason: this.cancelReason.trim() }),
    );
    if (!saved) {
      await this.conflicted(this.cancelling.error);
      return false;
    }
    this.cancelOpen = false;
    this.takes(saved, '会议已取消，已通知各共建单位');
    return true;
  }
}

export const meeting = new MeetingStore();

/** Decisions the record form may hold at most. */
export { DECISIONS_MAX };
