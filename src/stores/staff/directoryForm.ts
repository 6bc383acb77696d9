import '../configure';
import { makeAutoObservable } from 'mobx';
import type { DirectoryEntityInput, DirectoryKind } from '../../../contract';
import { call } from '../../services/cloud';
import type { CloudError } from '../../services/CloudError';
import { UserSearch } from './userSearch';
import { withFieldIssues, withoutError, type FieldErrors, type Polygon } from '../../utils/fields';
import { directory } from '../directory';
import { Loadable, Pending } from '../loadable';
import {
  boundaryFromStored,
  checkCorners,
  checkField,
  emptyValues,
  fieldApplies,
  HAS_BOUNDARY,
  KIND_FIELDS,
  toSaveData,
  valuesFromStored,
  type FieldValue,
  type FormValues,
} from '../../utils/directoryKinds';
import { directoryAdmin } from './directoryAdmin';

/**
 * The county admin's form for one directory entry (new or existing), checked against the
 * contract's fields before directory.save. An existing entry is filled from directory.entry:
 * its stored fields exactly as save takes them, so an edit keeps what it does not show (a grid's
 * boundary, a community's paired units, a micro-grid's property company).
 */
class DirectoryEntryForm {
  /** False until a page opened the form for a kind (a page opened with no known kind stays so). */
  opened = false;
  /**
   * The values are the ones to show: inputs are created only then, never given a new value before
   * their first render (the h5 Input throws on that: `watchValue` reading `value` of nothing).
   */
  ready = false;
  kind: DirectoryKind = 'community';
  id: string | null = null;
  /** For grids and micro-grids: the community they are in. */
  communityId: string | null = null;
  values: FormValues = {};
  errors: FieldErrors = {};
  boundary: Polygon | null = null;
  pairedUnitIds: string[] = [];
  propertyCompanyId: string | null = null;
  /** Names of the accounts picked in this form (an account field shows who it links). */
  accountNames: Record<string, string> = {};
  /** Finding the person whose account an account field links. */
  readonly accountSearch = new UserSearch();

  /** The existing entry's stored fields (directory.entry). */
  readonly stored = new Loadable(() => call('directory', 'entry', { kind: this.kind, id: this.id ?? '' }));
  readonly saving = new Pending();

  constructor() {
    makeAutoObservable(this, { stored: false, saving: false, accountSearch: false }, { autoBind: true, deep: false });
  }

  get isNew(): boolean {
    return this.id === null;
  }

  get fields() {
    return KIND_FIELDS[this.kind].filter((f) => fieldApplies(this.kind, f.key, this.values));
  }

  /** Still reading the stored entry, or read but not yet in the form's values. */
  get loading(): boolean {
    return this.stored.loading || !this.ready;
  }

  get loadError(): CloudError | null {
    return this.stored.error;
  }

  /** A grid or micro-grid without a boundary yet (a new one): it is drawn from four corners. */
  get needsCorners(): boolean {
    return HAS_BOUNDARY.has(this.kind) && this.boundary === null;
  }

  /** Opens the form: `id` null for a new entry; `communityId` for grids and micro-grids. */
  async open(kind: DirectoryKind, id: string | null, communityId: string | null, parentGridId?: string): Promise<void> {
    this.opened = true;
    this.kind = kind;
    this.id = id;
    this.communityId = communityId;
    this.values = {
      ...emptyValues(kind),
      ...(kind === 'grid' && communityId ? { communityId } : {}),
      ...(kind === 'microGrid' && parentGridId ? { gridId: parentGridId } : {}),
    };
    this.errors = {};
    this.boundary = null;
    this.pairedUnitIds = [];
    this.propertyCompanyId = null;
    this.accountNames = {};
    this.accountSearch.clear();
    this.stored.clear();
    this.saving.clear();
    this.ready = !id;
    if (!id) return;
    const entry = await this.stored.load();
    // Another entry may have been opened meanwhile.
    if (entry && entry.kind === this.kind && entry.id === this.id) this.filled(entry.data);
  }

  set(key: string, value: FieldValue): void {
    this.values = { ...this.values, [key]: value };
    this.errors = withoutError(this.errors, key);
  }

  /** Links an account field to a person found by search ('' and null unlink it). */
  pickAccount(key: string, user: { openid: string; name: string } | null): void {
    if (user) this.accountNames = { ...this.accountNames, [user.openid]: user.name };
    this.set(key, user?.openid ?? '');
  }

  toggle(key: string, option: string): void {
    const current = Array.isArray(this.values[key]) ? (this.values[key] as string[]) : [];
    this.set(key, current.includes(option) ? current.filter((o) => o !== option) : [...current, option]);
  }

  /** Checks and saves; the saved id, or null (errors are on the fields or in `saving.error`). */
  async save(): Promise<string | null> {
    if (this.saving.busy || this.loading || this.loadError) return null;
    const errors: FieldErrors = {};
    for (const spec of this.fields) {
      const problem = checkField(spec, this.values[spec.key]);
      if (problem) errors[spec.key] = problem;
    }
    let boundary = this.boundary;
    if (this.needsCorners) {
      const corners = checkCorners(this.values);
      Object.assign(errors, corners.errors);
      boundary = corners.polygon;
    }
    this.errors = errors;
    if (Object.keys(errors).length > 0) return null;
    const data = toSaveData(this.kind, this.values, {
      boundary,
      pairedUnitIds: this.pairedUnitIds,
      propertyCompanyId: this.propertyCompanyId,
    });
    const input = { kind: this.kind, ...(this.id ? { id: this.id } : {}), data } as DirectoryEntityInput;
    const saved = await this.saving.run(() => call('directory', 'save', input));
    if (!saved) {
      this.serverIssues();
      return null;
    }
    directory.invalidate();
    directoryAdmin.invalidate();
    this.id = saved.id;
    this.boundary = boundary;
    return saved.id;
  }

  private filled(stored: Record<string, unknown>): void {
    this.ready = true;
    this.values = { ...this.values, ...valuesFromStored(this.kind, stored) };
    this.boundary = boundaryFromStored(stored);
    this.pairedUnitIds = Array.isArray(stored.pairedUnitIds) ? (stored.pairedUnitIds as string[]) : [];
    this.propertyCompanyId = typeof stored.propertyCompanyId === 'string' ? stored.propertyCompanyId : null;
  }

  private serverIssues(): void {
    this.errors = withFieldIssues(
      this.errors,
      this.saving.error?.details,
      (path) => path.replace(/^data\./, '').split('.')[0] || undefined,
    );
  }
}

export const directoryEntryForm = new DirectoryEntryForm();
