import { statSync } from 'node:fs';

/**
 * Notices a data folder (or database file) deleted or replaced while the server runs. SQLite
 * keeps writing to a file it has open even after it is unlinked — writes that silently vanish —
 * so the server compares the identity (device and inode) of each path with the one it started
 * with, and refuses to go on when they differ.
 */
export class PathWatch {
  private readonly ids = new Map<string, string>();

  constructor(paths: string[]) {
    for (const p of paths) this.ids.set(p, identity(p) ?? 'missing');
  }

  /** Why the paths are no longer the ones the server opened, or null while they are. */
  problem(): string | null {
    for (const [p, id] of this.ids) {
      const now = identity(p);
      if (now === null) return `${p} was deleted while the server runs`;
      if (now !== id) return `${p} was replaced while the server runs`;
    }
    return null;
  }
}

function identity(p: string): string | null {
  try {
    const s = statSync(p);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}
