import '../configure';
import { makeAutoObservable } from 'mobx';
import type { SupervisionQuarterView } from '../../../contract/functions/supervision';
import { halfOf, nextQuarter, parseQuarter, previousQuarter, QUARTER_KEY } from '../../../contract/quarters';
import { call } from '../../services/cloud';
import { openWorkbook } from '../../services/document';
import { quarterNow } from '../../utils/date';
import { Loadable, Pending } from '../loadable';
import { FIRST_QUARTER } from './supervisionRanking';

/** What the county admin is about to do, asked in a dialog first. */
export type QuarterStep = 'close' | 'publish';

/**
 * 季度通报 (county admin): a quarter's report — close an ended quarter (figures frozen, 通报
 * drafted), edit the 通报, publish it — one quarter at a time, the last ended one first.
 */
class SupervisionQuarterStore {
  quarter = previousQuarter(quarterNow());
  /** The 通报 as being edited (from the report until saved). */
  title = '';
  text = '';
  asking: QuarterStep | null = null;
  readonly view = new Loadable<SupervisionQuarterView>(() =>
    call('supervision', 'quarterReport', { quarter: this.quarter }),
  );
  readonly sending = new Pending();
  /** The Excel export (this quarter, or the half year it ends). */
  readonly exporting = new Pending();

  constructor() {
    makeAutoObservable(this, { view: false, sending: false, exporting: false }, { autoBind: true, deep: false });
  }

  async enter(params: { quarter?: string }): Promise<void> {
    this.quarter = params.quarter && QUARTER_KEY.test(params.quarter) ? params.quarter : previousQuarter(quarterNow());
    await this.reload();
  }

  async reload(): Promise<void> {
    this.sending.clear();
    const v = await this.view.load();
    if (v) this.take(v);
  }

  private take(v: SupervisionQuarterView): void {
    this.title = v.title;
    this.text = v.bulletin ?? '';
  }

  get canBack(): boolean {
    return this.quarter > FIRST_QUARTER;
  }

  get atCurrent(): boolean {
    return this.quarter >= quarterNow();
  }

  step(by: -1 | 1): void {
    if ((by < 0 && !this.canBack) || (by > 0 && this.atCurrent)) return;
    this.quarter = by < 0 ? previousQuarter(this.quarter) : nextQuarter(this.quarter);
    void this.reload();
  }

  setTitle(v: string): void {
    this.title = v;
  }

  setText(v: string): void {
    this.text = v;
  }

  /** Whether the 通报 differs from the one saved. */
  get edited(): boolean {
    const v = this.view.value;
    return !!v && (v.title !== this.title || (v.bulletin ?? '') !== this.text);
  }

  ask(step: QuarterStep): void {
    this.sending.clear();
    this.asking = step;
  }

  cancel(): void {
    this.asking = null;
  }

  async close(): Promise<boolean> {
    const done = await this.sending.run(() => call('supervision', 'closeQuarter', { quarter: this.quarter }));
    if (!done) return false;
    this.view.value = done;
    this.take(done);
    this.asking = null;
    return true;
  }

  async save(): Promise<boolean> {
    const v = this.view.value;
    if (!v) return false;
    const done = await this.sending.run(() =>
      call('supervision', 'saveBulletin', {
        quarter: v.quarter,
        title: this.title,
        text: this.text,
        version: v.version,
      }),
    );
    if (!done) return false;
    this.view.value = done;
    this.take(done);
    return true;
  }

  /** Saves an edited 通报 first, then publishes the version saved. */
  async publish(): Promise<boolean> {
    if (this.edited && !(await this.save())) return false;
    const v = this.view.value;
    if (!v) return false;
    const done = await this.sending.run(() =>
      call('supervision', 'publishReport', { quarter: v.quarter, version: v.version }),
    );
    if (!done) return false;
    this.view.value = done;
    this.asking = null;
    return true;
  }

  /** The half year this quarter ends, if it ends one (二季度: 上半年, 四季度: 下半年). */
  get half(): { year: number; half: 1 | 2 } | null {
    const q = parseQuarter(this.quarter);
    return q && q.index % 2 === 0 ? halfOf(this.quarter) : null;
  }

  /** Builds the workbook on the server, then opens it (weapp) or downloads it (h5). */
  async exportWorkbook(kind: 'quarter' | 'half'): Promise<boolean> {
    const half = this.half;
    const payload = kind === 'half' && half ? half : { quarter: this.quarter };
    const done = await this.exporting.run(async () => {
      const file = await call('supervisionExport', 'exportReport', payload);
      await openWorkbook(file);
      return file;
    });
    return !!done;
  }
}

export const supervisionQuarter = new SupervisionQuarterStore();
