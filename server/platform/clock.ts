/**
 * The one clock. Production reads the machine's time; the local CloudBase may move time forward
 * (for deadline tests and demos) by setting TXY_CLOCK_OFFSET_MS, which the emulator's
 * `serverDate` honours too, so documents and rules agree on "now".
 */
export function nowMs(): number {
  const offset = Number(process.env.TXY_CLOCK_OFFSET_MS ?? 0);
  return Date.now() + (Number.isFinite(offset) ? offset : 0);
}

export function now(): Date {
  return new Date(nowMs());
}
