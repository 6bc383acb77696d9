import '../configure';
import { WISH_DOOR } from '../../../contract/limits';
import { makeAutoObservable } from 'mobx';
import type { RoleGrant, WishView } from '../../../contract';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { directory } from '../directory';
import { session } from '../session';
import { wishes } from '../wishes';
import { beneficiaryErrors, WishContent } from '../wishContent';

/** contract wish.submit: on behalf of a resident, the door within the building (2–100 characters). */
export const DOOR_MIN = WISH_DOOR.min;
export const DOOR_MAX = WISH_DOOR.max;

export type OnBehalfField = 'name' | 'phone' | 'building' | 'door';

/** A building (micro-grid) of one of the grid worker's grids. */
export interface Building {
  id: string;
  name: string;
  gridName: string;
}

type GridWorkerGrant = Extract<RoleGrant, { role: 'gridWorker' }>;

/** Server issue paths → the form's fields. */
const SERVER_PATHS: Record<string, OnBehalfField> = {
  'beneficiary.name': 'name',
  'beneficiary.phone': 'phone',
  'beneficiary.address': 'door',
  'onBehalf.microGridId': 'building',
};

/**
 * 代居民提交心愿 (wish.submit with `onBehalf`): a grid worker writes down the wish of a resident
 * without a phone — the resident's name, phone if any, building (one of the worker's own grids'
 * micro-grids, from the directory) and door, category, description, up to 3 photos. Checked
 * here first, so a bad form never reaches the server; the server checks the building is the
 * worker's.
 */
class WishOnBehalfStore {
  readonly content = new WishContent('请描述居民的心愿');
  name = '';
  phone = '';
  microGridId = '';
  door = '';

  errors: FieldErrors<OnBehalfField> = {};
  saving = false;
  error: CloudError | null = null;
  /** The wish just submitted: the page shows 已代为提交. */
  submitted: WishView | null = null;

  constructor() {
    makeAutoObservable(this, { content: false }, { autoBind: true, deep: false });
  }

  /** The grid worker's grants (one per community they serve). */
  get grants(): GridWorkerGrant[] {
    return (session.me?.roles ?? []).filter((g): g is GridWorkerGrant => g.role === 'gridWorker');
  }

  get isGridWorker(): boolean {
    return this.grants.length > 0;
  }

  /** The buildings of the worker's grids, as the directory lists them (read with `start`). */
  get buildings(): Building[] {
    return this.grants.flatMap((g) =>
      (directory.community(g.communityId).value?.grids ?? [])
        .filter((grid) => g.gridIds.includes(grid.id))
        .flatMap((grid) => grid.microGrids.map((m) => ({ id: m.id, name: m.name, gridName: grid.name }))),
    );
  }

  /** The directory of the worker's communities: still reading, or failed. */
  get buildingsLoading(): boolean {
    return this.grants.some((g) => {
      const detail = directory.community(g.communityId);
      return detail.value === null && (detail.loading || detail.error === null);
    });
  }

  get buildingsError(): CloudError | null {
    for (const g of this.grants) {
      const error = directory.community(g.communityId).error;
      if (error) return error;
    }
    return null;
  }

  /** A blank form (each time the page opens), and the worker's buildings read. */
  start(): void {
    this.content.reset();
    this.name = '';
    this.phone = '';
    this.microGridId = '';
    this.door = '';
    this.errors = {};
    this.error = null;
    this.saving = false;
    this.submitted = null;
    this.loadBuildings();
  }

  /** Reads (or reads again after a failure) the directory of the worker's communities. */
  loadBuildings(): void {
    for (const g of this.grants) {
      const detail = directory.community(g.communityId);
      if (detail.error) void detail.load();
      else detail.ensure();
    }
  }

  get building(): Building | null {
    return this.buildings.find((b) => b.id === this.microGridId) ?? null;
  }

  setName(value: string): void {
    this.name = value;
    this.clearError('name');
  }

  setPhone(value: string): void {
    this.phone = value.replace(/\s+/g, '');
    this.clearError('phone');
  }

  chooseBuilding(id: string): void {
    this.microGridId = id;
    this.clearError('building');
  }

  setDoor(value: string): void {
    this.door = value;
    this.clearError('door');
  }

  validate(): boolean {
    // Residents without a phone are why this form exists: the phone is optional.
    const content = this.content.validate();
    const errors: FieldErrors<OnBehalfField> = beneficiaryErrors(this.name, this.phone);
    if (!this.building) errors.building = '请选择受助人所在的小区或楼栋';
    if (this.door.trim() === '') errors.door = '请填写单元、门牌号';
    else {
      const door = checkText(this.door, DOOR_MIN, DOOR_MAX);
      if (door) errors.door = door;
    }
    this.errors = errors;
    return content && Object.keys(errors).length === 0;
  }

  /** Submits the wish; true when it was submitted (`submitted` holds it). */
  async submit(): Promise<boolean> {
    this.error = null;
    if (this.saving || !this.validate()) return false;
    this.saving = true;
    try {
      const wish = await call('wish', 'submit', {
        ...this.content.input,
        beneficiary: {
          name: this.name.trim(),
          ...(this.phone ? { phone: this.phone } : {}),
          address: this.door.trim(),
        },
        onBehalf: { microGridId: this.microGridId },
      });
      this.done(wish);
      return true;
    } catch (e) {
      this.failed(toCloudError(e));
      return false;
    }
  }

  private done(wish: WishView): void {
    this.saving = false;
    this.submitted = wish;
    this.content.photos.clear();
    wishes.invalidate();
  }

  private failed(error: CloudError): void {
    this.saving = false;
    this.error = error;
    this.content.showIssues(error.details);
    this.errors = withFieldIssues(this.errors, error.details, (path) => SERVER_PATHS[path]);
  }

  private clearError(field: OnBehalfField): void {
    this.errors = withoutError(this.errors, field);
  }
}

export const wishOnBehalf = new WishOnBehalfStore();
