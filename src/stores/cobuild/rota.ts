import '../configure';
import { makeAutoObservable } from 'mobx';
import type { RotaMonthView, RotaView } from '../../../contract';
import { CHAIR_THEME } from '../../../contract/limits';
import { call } from '../../services/cloud';
import { currentYear } from '../../utils/activityTimes';
import { checkText } from '../../utils/fields';
import { Loadable, Pending } from '../loadable';

/** What a month's chair may be set to in the edit: a paired unit's id, or NONE. */
export const NONE = 'none';

/** A month the secretary can still give to another unit: not past, and no activity planned by its chair. */
export const rotaEditable = (m: RotaMonthView): boolean => !m.past && m.activity === null;

/**
 * 轮值主席: a community's rota for a year. The secretary edits the chairs of the months still open
 * and saves them on the version read (CONFLICT: someone saved in between — the latest is shown);
 * the chair unit's admin proposes the theme of a month it chairs.
 */
class RotaStore {
  /** The county admin's pick (others: their own community, from the server). */
  communityId: string | null = null;
  year = currentYear();
  readonly view = new Loadable<RotaView>(() =>
    call('meeting', 'rota', {
      ...(this.communityId ? { communityId: this.communityId } : {}),
      year: this.year,
    }),
  );

  /** The secretary's edit: month → unit id or NONE, for the months changed. */
  editing = false;
  draft: Record<number, string> = {};
  readonly saving = new Pending();
  /** Said above the months after a save, or when someone else's save came first. */
  notice: string | null = null;

  /** The month whose theme the chair's admin is writing. */
  themeMonth: number | null = null;
  theme = '';
  themeError: string | null = null;
  readonly proposing = new Pending();

  constructor() {
    makeAutoObservable(this, { view: false, saving: false, proposing: false }, { autoBind: true, deep: false });
  }

  open(communityId: string | null, year?: number): void {
    this.communityId = communityId;
    this.year = year ?? currentYear();
    this.reset();
    this.view.clear();
    void this.view.load();
  }

  showYear(year: number): void {
    if (year === this.year) return;
    this.year = year;
    this.reset();
    void this.view.load();
  }

  private reset(): void {
    this.editing = false;
    this.draft = {};
    this.saving.clear();
    this.notice = null;
    this.closeTheme();
  }

  /** The years the page offers: this one and the next (the rota is set before the year begins). */
  get years(): number[] {
    const now = currentYear();
    return [now, now + 1];
  }

  /** The months the caller's unit chairs, in the server's order (the current or next one first). */
  get mine(): RotaMonthView[] {
    const v = this.view.value;
    if (!v) return [];
    return v.mine.map((n) => v.months.find((m) => m.month === n)).filter((m): m is RotaMonthView => Boolean(m));
  }

  startEdit(): void {
    this.editing = true;
    this.draft = {};
    this.notice = null;
    this.saving.clear();
  }

  cancelEdit(): void {
    if (this.saving.busy) return;
    this.editing = false;
    this.draft = {};
    this.saving.clear();
  }

  /** The chair shown in the edit for a month: the draft's, else the saved one. */
  chosen(m: RotaMonthView): string {
    return this.draft[m.month] ?? m.chair?.id ?? NONE;
  }

  pick(month: number, unitId: string): void {
    this.draft = { ...this.draft, [month]: unitId };
  }

  /** The months whose chair the edit changes, as setRota takes them. */
  get changes(): Array<{ month: number; unitId: string | null }> {
    const v = this.view.value;
    if (!v) return [];
    return v.months
      .filter((m) => rotaEditable(m) && this.draft[m.month] !== undefined)
      .filter((m) => this.draft[m.month] !== (m.chair?.id ?? NONE))
      .map((m) => ({ month: m.month, unitId: this.draft[m.month] === NONE ? null : this.draft[m.month] }));
  }

  /** Saves the months changed; on CONFLICT reads the rota again and says so. */
  async save(): Promise<boolean> {
    const v = this.view.value;
    if (!v || this.saving.busy) return false;
    const months = this.changes;
    if (months.length === 0) {
      this.editing = false;
      this.draft = {};
      this.notice = '轮值安排没有改动';
      return true;
    }
    const saved = await this.saving.run(() => call('meeting', 'setRota', { year: v.year, version: v.version, months }));
    if (saved) {
      this.view.value = saved;
      this.editing = false;
      this.draft = {};
      this.notice = `已保存 ${months.length} 个月的轮值主席`;
      return true;
    }
    if (this.saving.error?.code === 'CONFLICT') {
      this.editing = false;
      this.draft = {};
      this.saving.clear();
      this.notice = '轮值安排刚被他人修改，下面是最新安排，请核对后再编辑';
      await this.view.load();
    }
    return false;
  }

  openTheme(month: number): void {
    const m = this.view.value?.months.find((x) => x.month === month);
    this.themeMonth = month;
    this.theme = m?.theme ?? '';
    this.themeError = null;
    this.proposing.clear();
  }

  closeTheme(): void {
    if (this.proposing.busy) return;
    this.themeMonth = null;
    this.theme = '';
    this.themeError = null;
    this.proposing.clear();
  }

  setTheme(value: string): void {
    this.theme = value;
    this.themeError = null;
  }

  /** The chair's admin proposes the month's theme (cobuild.proposeTheme); the rota as it is then. */
  async submitTheme(): Promise<boolean> {
    const v = this.view.value;
    const month = this.themeMonth;
    if (!v || month === null || this.proposing.busy) return false;
    const theme = this.theme.trim();
    this.themeError = theme === '' ? '请填写本月主题' : checkText(theme, CHAIR_THEME.min, CHAIR_THEME.max);
    if (this.themeError) return false;
    const saved = await this.proposing.run(() => call('meeting', 'proposeTheme', { year: v.year, month, theme }));
    if (!saved) {
      const e = this.proposing.error;
      if (e?.code === 'INVALID_INPUT') {
        this.themeError = e.message;
        this.proposing.clear();
      }
      return false;
    }
    this.view.value = saved;
    this.themeMonth = null;
    this.theme = '';
    this.notice = `已提交${month}月主题：${theme}`;
    return true;
  }
}

export const rota = new RotaStore();
