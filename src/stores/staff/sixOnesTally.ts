import '../configure';
import { makeAutoObservable, when, type IReactionDisposer } from 'mobx';
import type { ProgressRow, TallyView } from '../../../contract';
import { call } from '../../services/cloud';
import { directory } from '../directory';
import { Loadable } from '../loadable';
import { session } from '../session';
import { currentYear } from '../../utils/activityTimes';
import { PagedList } from '../paged';

export type TallyScope = 'community' | 'unit';

export const isTallyScope = (s: string | undefined): s is TallyScope => s === 'community' || s === 'unit';

/** The years a tally may be read for: this one and the last. */
export const tallyYears = (now = Date.now()): number[] => [currentYear(now), currentYear(now) - 1];

/**
 * 六个一统计 of one community or unit (sixOnes.tally) and who is missing what (sixOnes.progress,
 * by name, 20 a page). The scope is the one in the URL (the county admin, from the overview),
 * else — once the session says who this is — the caller's own: a secretary's community, a unit
 * admin's unit.
 */
class SixOnesTallyStore {
  scope: TallyScope | null = null;
  scopeId: string | null = null;
  year = currentYear();
  /** No scope in the URL and none held (the county admin opening it bare). */
  noScope = false;

  readonly tally = new Loadable<TallyView>(() =>
    call('sixOnes', 'tally', { scope: this.scope!, scopeId: this.scopeId!, year: this.year }),
  );
  readonly progress = new PagedList<ProgressRow>((from) =>
    call('sixOnes', 'progress', { scope: this.scope!, scopeId: this.scopeId!, year: this.year, from }),
  );
  private waiting: IReactionDisposer | null = null;

  constructor() {
    makeAutoObservable<SixOnesTallyStore, 'waiting'>(
      this,
      { tally: false, progress: false, waiting: false },
      { autoBind: true, deep: false },
    );
  }

  /** The scope's name once the directory has answered; its id until then. */
  get scopeName(): string {
    if (!this.scope || !this.scopeId) return '';
    const name = this.scope === 'community' ? directory.communityName(this.scopeId) : directory.unitName(this.scopeId);
    return name ?? this.scopeId;
  }

  enter(scope: string | undefined, scopeId: string | undefined): void {
    this.waiting?.();
    this.waiting = null;
    this.year = currentYear();
    this.noScope = false;
    this.tally.clear();
    this.progress.clear();
    if (isTallyScope(scope) && scopeId) {
      this.open(scope, scopeId);
      return;
    }
    this.scope = null;
    this.scopeId = null;
    this.waiting = when(
      () => session.me !== null,
      () => this.openOwn(),
    );
  }

  private openOwn(): void {
    for (const g of session.staffGrants) {
      if (g.role === 'secretary') return this.open('community', g.communityId);
      if (g.role === 'unitAdmin') return this.open('unit', g.unitId);
    }
    this.noScope = true;
  }

  private open(scope: TallyScope, scopeId: string): void {
    this.scope = scope;
    this.scopeId = scopeId;
    if (scope === 'community') directory.communities.ensure();
    else directory.units.ensure();
    this.reload();
  }

  setYear(year: number): void {
    if (year === this.year) return;
    this.year = year;
    this.reload();
  }

  reload(): void {
    if (!this.scope || !this.scopeId) return;
    void this.tally.load();
    void this.progress.load();
  }
}

export const sixOnesTally = new SixOnesTallyStore();
