import '../configure';
import { makeAutoObservable } from 'mobx';
import type { DecisionStatus, DecisionView } from '../../../contract';
import { DECISION_NOTE } from '../../../contract/limits';
import { call } from '../../services/cloud';
import { checkText } from '../../utils/fields';
import { Pending } from '../loadable';
import { PagedList } from '../paged';

/** What a report on a decision does: a note only (still 推进中), or closes it. */
export type DecisionOutcome = 'progress' | 'done' | 'dropped';

/** Overdue first, then soonest due (the server's order is soonest due; a refresh keeps it). */
export function overdueFirst(items: readonly DecisionView[]): DecisionView[] {
  return [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
}

/** The report being written on one decision: a progress note, and/or 已完成 / 撤销. */
export class DecisionReport {
  note = '';
  outcome: DecisionOutcome = 'progress';
  error: string | null = null;
  readonly saving = new Pending();

  constructor(readonly decision: DecisionView) {
    makeAutoObservable(this, { decision: false, saving: false }, { autoBind: true, deep: false });
  }

  setNote(value: string): void {
    this.note = value;
    this.error = null;
  }

  choose(outcome: string): void {
    if (outcome === 'progress' || outcome === 'done' || outcome === 'dropped') this.outcome = outcome;
    this.error = null;
  }

  /** The report checked as the contract checks it: a note unless it closes the decision. */
  check(): { error: string | null; note: string | undefined; status: 'done' | 'dropped' | undefined } {
    const note = this.note.trim();
    const status = this.outcome === 'progress' ? undefined : this.outcome;
    let error: string | null = null;
    if (note === '' && status === undefined) error = '请填写进展情况';
    else if (note !== '') error = checkText(note, DECISION_NOTE.min, DECISION_NOTE.max);
    return { error, note: note === '' ? undefined : note, status };
  }

  async send(): Promise<DecisionView | null> {
    if (this.saving.busy) return null;
    const { error, note, status } = this.check();
    this.error = error;
    if (error) return null;
    const saved = await this.saving.run(() =>
      call('meeting', 'updateDecision', {
        decisionId: this.decision.id,
        version: this.decision.version,
        ...(note ? { note } : {}),
        ...(status ? { status } : {}),
      }),
    );
    if (!saved && this.saving.error?.code === 'INVALID_INPUT') {
      this.error = this.saving.error.message;
      this.saving.clear();
    }
    return saved ?? null;
  }
}

/**
 * 议定事项: decisions of joint meetings by status (推进中 / 已完成 / 已撤销) — a unit admin's unit's
 * own, a secretary's community's, the county's — overdue first; the report on one of them.
 */
class DecisionListStore {
  communityId: string | null = null;
  status: DecisionStatus = 'open';
  readonly list = new PagedList<DecisionView>(
    (from) =>
      call('meeting', 'decisions', {
        ...(this.communityId ? { communityId: this.communityId } : {}),
        status: this.status,
        from,
      }),
    (d) => d.id,
  );
  reporting: DecisionReport | null = null;
  /** Said above the list after a report, or when someone else's came first. */
  notice: string | null = null;

  constructor() {
    makeAutoObservable(this, { list: false }, { autoBind: true, deep: false });
  }

  get items(): DecisionView[] {
    return overdueFirst(this.list.value ?? []);
  }

  open(communityId: string | null): void {
    this.communityId = communityId;
    this.reporting = null;
    this.notice = null;
    this.list.clear();
    void this.list.load();
  }

  show(status: DecisionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.reporting = null;
    this.notice = null;
    this.list.clear();
    void this.list.load();
  }

  report(decisionId: string): void {
    const d = this.list.value?.find((x) => x.id === decisionId);
    this.reporting = d ? new DecisionReport(d) : null;
    this.notice = null;
  }

  closeReport(): void {
    if (this.reporting?.saving.busy) return;
    this.reporting = null;
  }

  /** Sends the report: the decision as saved (gone from 推进中 when closed); CONFLICT reads the list again. */
  async send(): Promise<boolean> {
    const form = this.reporting;
    if (!form) return false;
    const saved = await form.send();
    if (saved) {
      this.reporting = null;
      const list = this.list.value ?? [];
      this.list.value =
        saved.status === this.status
          ? list.map((d) => (d.id === saved.id ? saved : d))
          : list.filter((d) => d.id !== saved.id);
      this.notice =
        saved.status === 'done'
          ? `「${saved.title}」已标记完成`
          : saved.status === 'dropped'
            ? `「${saved.title}」已撤销`
            : `已报告「${saved.title}」的进展`;
      return true;
    }
    if (form.saving.error?.code === 'CONFLICT') {
      this.reporting = null;
      this.notice = `「${form.decision.title}」刚被他人更新，下面是最新情况，请核对后再报告`;
      await this.list.load();
    }
    return false;
  }
}

export const decisionList = new DecisionListStore();
