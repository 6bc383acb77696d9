import '../configure';
import { makeAutoObservable } from 'mobx';
import type { CaseView } from '../../../contract';
import { call } from '../../services/cloud';
import { cases } from '../cases';
import { CaseActionForm, DONE_TEXT, type CaseAction } from './caseActionForm';
import { directory } from '../directory';
import { Loadable } from '../loadable';

/**
 * One case (complaint.detail) for whoever may see it — the complainant or a handler in scope —
 * and the action being taken on it. An action's answer replaces the case shown (and its card in
 * 我的诉求); someone else having acted first (CONFLICT) reads the case again.
 */
class CaseDetailStore {
  caseId = '';
  readonly view = new Loadable<CaseView>(() => call('complaint', 'detail', { caseId: this.caseId }));
  readonly form = new CaseActionForm();

  constructor() {
    makeAutoObservable(this, { view: false, form: false }, { autoBind: true });
  }

  /** The case of this page (never another one still on its way). */
  get item(): CaseView | null {
    const value = this.view.value;
    return value && value.id === this.caseId ? value : null;
  }

  open(caseId: string): void {
    this.form.cancel();
    if (caseId !== this.caseId) {
      this.caseId = caseId;
      this.view.clear();
    }
    void this.view.load();
  }

  /** Opens the form of an action the case allows. */
  ask(action: CaseAction): void {
    const item = this.item;
    if (!item || !item.can.includes(action)) return;
    this.form.start(action, item);
    if (action === 'whistle') directory.departments.ensure();
  }

  /** Sends the open form; resolves with what to toast, or null. */
  async confirm(): Promise<string | null> {
    const action = this.form.action;
    const caseId = this.caseId;
    if (!action) return null;
    const view = await this.form.send(caseId);
    if (view) {
      this.replace(view);
      return DONE_TEXT[action];
    }
    const code = this.form.error?.code;
    if (code === 'CONFLICT' || code === 'NOT_FOUND') void this.view.load();
    return null;
  }

  private replace(view: CaseView): void {
    if (view.id === this.caseId) this.view.value = view;
    cases.replace(view);
  }
}

export const caseDetail = new CaseDetailStore();
