/**
 * The seed's deterministic randomness: mulberry32 streams seeded by a fixed number and a label,
 * so changing one part of the county does not reshuffle the rest.
 */
const SEED = 0x1a2b3c4d;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to turn a stream label into a seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(label: string) {
    this.next = mulberry32(SEED ^ hashLabel(label));
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  /** Each item with probability p, at least `min` of them, in the source order. */
  subset<T>(items: readonly T[], p: number, min: number): T[] {
    const keep = items.map(() => this.chance(p));
    for (let i = 0; keep.filter(Boolean).length < min; i++) keep[i] = true;
    return items.filter((_, i) => keep[i]);
  }
  /**
   * `k` distinct items of `pool`, drawn by a partial Fisher–Yates shuffle of `pool` in place
   * (O(k); the pool's order is part of the stream's state).
   */
  sample<T>(pool: T[], k: number): T[] {
    const n = Math.min(k, pool.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, n);
  }
}
