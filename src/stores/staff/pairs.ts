import '../configure';
import { makeAutoObservable } from 'mobx';
import type { PairGridView, PairMicroGridView, UserSummary } from '../../../contract';
import { call } from '../../services/cloud';
import { parseNumber, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { Loadable, Pending } from '../loadable';
import { UserSearch } from './userSearch';

export type PairField = 'member' | 'gridWorker' | 'households';

/** The most N may be: the building's households, or the contract's bound when the directory has no count. */
export const maxHouseholds = (micro: Pick<PairMicroGridView, 'householdCount'>) =>
  micro.householdCount > 0 ? micro.householdCount : 5000;

/** The edit of one building's 1+1带N: the member (found among those reported to the community), the grid worker, N. */
export class PairForm {
  memberOpenid: string | null;
  memberName: string;
  gridWorkerOpenid: string;
  households: string;
  /** The member search, open or not. */
  choosingMember = false;
  readonly search: UserSearch;
  errors: FieldErrors<PairField> = {};
  readonly saving = new Pending();

  constructor(
    readonly grid: PairGridView,
    readonly micro: PairMicroGridView,
  ) {
    this.memberOpenid = micro.pair?.memberOpenid ?? null;
    this.memberName = micro.pair?.memberName ?? '';
    this.gridWorkerOpenid = micro.pair?.gridWorkerOpenid ?? '';
    this.households = micro.pair ? String(micro.pair.households) : '';
    this.search = new UserSearch((query) => call('directory', 'pairMembers', { microGridId: micro.id, query }));
    makeAutoObservable(
      this,
      { grid: false, micro: false, search: false, saving: false },
      { autoBind: true, deep: false },
    );
  }

  openMemberSearch(): void {
    this.choosingMember = true;
    this.search.clear();
  }

  closeMemberSearch(): void {
    this.choosingMember = false;
    this.search.clear();
  }

  pickMember(user: UserSummary): void {
    this.memberOpenid = user.openid;
    this.memberName = user.name;
    this.errors = withoutError(this.errors, 'member');
    this.closeMemberSearch();
  }

  pickGridWorker(openid: string): void {
    this.gridWorkerOpenid = openid;
    this.errors = withoutError(this.errors, 'gridWorker');
  }

  setHouseholds(value: string): void {
    this.households = value;
    this.errors = withoutError(this.errors, 'households');
  }

  /** Checks as the contract does and saves; the building as saved, or null (errors on the fields or in `saving.error`). */
  async save(): Promise<PairMicroGridView | null> {
    if (this.saving.busy) return null;
    const max = maxHouseholds(this.micro);
    const n = parseNumber(this.households, 1, max);
    const errors: FieldErrors<PairField> = {
      member: this.memberOpenid ? undefined : '请选择已到本社区报到的党员',
      gridWorker: this.grid.workers.some((w) => w.openid === this.gridWorkerOpenid)
        ? undefined
        : '请选择本网格的网格员',
      households: n !== null && Number.isInteger(n) ? undefined : `请输入 1–${max} 之间的整数`,
    };
    this.errors = errors;
    if (Object.values(errors).some(Boolean) || !this.memberOpenid || n === null) return null;
    const memberOpenid = this.memberOpenid;
    const saved = await this.saving.run(() =>
      call('directory', 'savePair', {
        microGridId: this.micro.id,
        memberOpenid,
        gridWorkerOpenid: this.gridWorkerOpenid,
        households: n,
        version: this.micro.version,
      }),
    );
    if (!saved) {
      this.errors = withFieldIssues(this.errors, this.saving.error?.details, (path) =>
        path === 'memberOpenid'
          ? 'member'
          : path === 'gridWorkerOpenid'
            ? 'gridWorker'
            : path === 'households'
              ? 'households'
              : undefined,
      );
    }
    return saved ?? null;
  }
}

/**
 * 1+1带N 联系户: the grids the caller keeps (a grid worker's own, a secretary's community), the
 * chosen grid's buildings with their pairs, and the one being edited.
 */
class HouseholdPairsStore {
  readonly list = new Loadable<PairGridView[]>(() => call('directory', 'householdPairs', {}));
  gridId: string | null = null;
  editing: PairForm | null = null;
  /** Said above the buildings after a save, or when another keeper's edit came first. */
  notice: { microGridId: string; text: string } | null = null;

  constructor() {
    makeAutoObservable(this, { list: false }, { autoBind: true, deep: false });
  }

  get grid(): PairGridView | null {
    const grids = this.list.value ?? [];
    return grids.find((g) => g.id === this.gridId) ?? grids[0] ?? null;
  }

  async open(): Promise<void> {
    this.editing = null;
    this.notice = null;
    await this.list.load();
  }

  pick(gridId: string): void {
    this.gridId = gridId;
    this.editing = null;
    this.notice = null;
  }

  edit(microGridId: string): void {
    const grid = this.grid;
    const micro = grid?.microGrids.find((m) => m.id === microGridId);
    if (!grid || !micro) return;
    this.editing = new PairForm(grid, micro);
    this.notice = null;
  }

  cancel(): void {
    this.editing = null;
  }

  /** Saves the edit: the building shows the pair as saved; when someone else saved first, their pair, to edit again. */
  async save(): Promise<boolean> {
    const form = this.editing;
    if (!form) return false;
    const saved = await form.save();
    if (saved) {
      this.replace(form.grid.id, saved);
      this.editing = null;
      this.notice = { microGridId: saved.id, text: `已保存${saved.name}的1+1带N，居民在“我的网格”中可以看到` };
      return true;
    }
    if (form.saving.error?.code === 'CONFLICT') {
      this.editing = null;
      this.notice = {
        microGridId: form.micro.id,
        text: `${form.micro.name}的1+1带N刚被他人修改，下面是最新内容，请核对后再编辑`,
      };
      await this.list.load();
    }
    return false;
  }

  private replace(gridId: string, micro: PairMicroGridView): void {
    const grids = this.list.value;
    if (!grids) return;
    this.list.value = grids.map((g) =>
      g.id === gridId ? { ...g, microGrids: g.microGrids.map((m) => (m.id === micro.id ? micro : m)) } : g,
    );
  }
}

export const householdPairs = new HouseholdPairsStore();
