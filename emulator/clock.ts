import { nowMs } from '../server/platform/clock';

/**
 * The emulator's movable clock. The offset lives in the process environment
 * (TXY_CLOCK_OFFSET_MS) because the function code reads it there through server/platform/clock,
 * the same module the emulator reads "now" from: one clock for documents, rules and timers.
 */
export const emulatorClock = {
  nowMs,
  offsetMs(): number {
    return Number(process.env.TXY_CLOCK_OFFSET_MS ?? 0) || 0;
  },
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    process.env.TXY_CLOCK_OFFSET_MS = String(this.offsetMs() + ms);
    return this.offsetMs();
  },
  reset(): void {
    delete process.env.TXY_CLOCK_OFFSET_MS;
  },
};
