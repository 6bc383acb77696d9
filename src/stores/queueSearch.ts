import './configure';
import { makeAutoObservable } from 'mobx';

/**
 * The search of a staff queue: what the box holds (`typed`) and the words searched (`q`, applied
 * with 搜索). A queue store holds one and reads its list again when `run` changes the words; the
 * request carries `param` (`{ q }`, or nothing when no words are searched).
 */
export class QueueSearch {
  /** The words searched (applied with 搜索); '' for none. */
  q = '';
  /** What the search box holds, searched on 搜索. */
  typed = '';

  constructor(private readonly changed: () => void) {
    makeAutoObservable<this, 'changed'>(this, { changed: false }, { autoBind: true });
  }

  get param(): { q?: string } {
    return this.q ? { q: this.q } : {};
  }

  setTyped(words: string): void {
    this.typed = words;
  }

  /** Searches what was typed; the same words again read nothing. */
  run(): void {
    const q = this.typed.trim();
    if (q === this.q) return;
    this.q = q;
    this.changed();
  }

  /** Nothing typed, nothing searched (a page opened afresh); reads nothing itself. */
  clear(): void {
    this.q = '';
    this.typed = '';
  }
}
