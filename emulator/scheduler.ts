import { CronExpressionParser } from 'cron-parser';
import type { FunctionHost } from './functions/host';

interface TimerTrigger {
  fn: string;
  name: string;
  cron: string;
  nextAt: number;
}

/**
 * Fires timer triggers as `config.json` declares them: one per function at most, a timer, its
 * name and cron as CloudBase accepts them (else the local CloudBase refuses to start, as a
 * deployment would fail). CloudBase cron has seven fields
 * (second minute hour day month weekday year); the year field is dropped before parsing.
 * Times follow the emulator's movable clock, so moving the clock makes triggers due; a jump
 * over several periods fires once, as a late timer does.
 */
export class Scheduler {
  private triggers: TimerTrigger[] | null = null;
  private interval?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly host: FunctionHost,
    private readonly nowMs: () => number,
    private readonly log: (line: string) => void,
  ) {}

  list(): TimerTrigger[] {
    if (!this.triggers) {
      this.triggers = [];
      for (const fn of this.host.names()) {
        const declared = this.host.config(fn).triggers ?? [];
        // WeChat CloudBase: "triggers 字段是触发器数组，目前仅支持一个触发器" — one per function.
        if (declared.length > 1)
          throw new Error(
            `${fn}/config.json declares ${declared.length} triggers; CloudBase allows one timer trigger per function`,
          );
        for (const t of declared) {
          if (t.type !== 'timer')
            throw new Error(`${fn}/config.json: trigger type ${t.type}; CloudBase has timer only`);
          if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name))
            throw new Error(`${fn}/config.json: trigger name ${t.name} (a letter, then up to 59 of a-z A-Z 0-9 - _)`);
          if (t.config.trim().split(/\s+/).length !== 7)
            throw new Error(`${fn}/config.json: trigger ${t.name} needs a cron of seven fields, got "${t.config}"`);
          const cron = t.config.trim().split(/\s+/).slice(0, 6).join(' ');
          this.triggers.push({ fn, name: t.name, cron, nextAt: this.next(cron, this.nowMs()) });
        }
      }
    }
    return this.triggers;
  }

  private next(cron: string, from: number): number {
    return CronExpressionParser.parse(cron, { currentDate: new Date(from), tz: 'Asia/Shanghai' })
      .next()
      .getTime();
  }

  start(): void {
    this.interval = setInterval(() => {
      this.tick().catch((err: unknown) => this.log(`[scheduler] tick failed: ${(err as Error)?.stack ?? String(err)}`));
    }, 1000);
    this.interval.unref();
  }

  stop(): void {
    clearInterval(this.interval);
  }

  /** Runs every trigger that is due now; returns what ran. */
  async tick(): Promise<Array<{ fn: string; trigger: string; result: unknown }>> {
    if (this.running) return [];
    this.running = true;
    try {
      const ran = [];
      const now = this.nowMs();
      for (const t of this.list()) {
        if (t.nextAt > now) continue;
        t.nextAt = this.next(t.cron, now);
        ran.push({ fn: t.fn, trigger: t.name, result: await this.fire(t.fn, t.name) });
      }
      return ran;
    } finally {
      this.running = false;
    }
  }

  /**
   * Invokes one declared trigger now, as CloudBase's timer does: the Timer event, and
   * `TRIGGER_SRC=timer` in the invocation's environment (nothing else sets it). Tests fire a job
   * with this; calling the function any other way is refused by it (server/platform/router.ts).
   */
  async fire(fn: string, trigger: string): Promise<unknown> {
    if (!this.list().some((t) => t.fn === fn && t.name === trigger))
      throw new Error(`${fn} has no timer trigger ${trigger} in its config.json`);
    const event = { Type: 'Timer', TriggerName: trigger, Time: new Date(this.nowMs()).toISOString() };
    try {
      return await this.host.invoke(fn, event, { source: 'wx_trigger', trigger: 'timer' });
    } catch (err) {
      this.log(`[scheduler] ${fn}/${trigger} failed: ${(err as Error).message}`);
      return { error: (err as Error).message };
    }
  }
}
