import '../configure';
import { makeAutoObservable, runInAction } from 'mobx';
import type { DirectoryEntityInput, DirectoryKind } from '../../../contract';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { fieldIssues } from '../../utils/fields';
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
} from './directoryKinds';
import { directoryAdmin } from './directoryAdmin';
import { Pending } from './load';
import { directoryNames } from './names';
import type { Polygon } from './rules';

/**
 * What the reads know about an entry, to fill its form. Directory reads answer summaries (a
 * community without its location, a unit without its party organisation, a grid without its
 * boundary); the entry's last audit entry holds its whole document as saved by directory.save.
 * Entries never saved since the seed have no audit entry: their missing fields stay empty.
 */
async function storedEntry(
  kind: DirectoryKind,
  id: string,
  communityId: string | null,
): Promise<{ doc: Record<string, unknown>; audited: boolean }> {
  const [audits, summary] = await Promise.all([
    call('directory', 'audit', { entityId: id, limit: 1 }),
    summaryOf(kind, id, communityId),
  ]);
  const last = audits.find((a) => a.entity === kind);
  const after =
    last && typeof last.after === 'object' && last.after !== null ? (last.after as Record<string, unknown>) : null;
  // The summary is read now; the audit entry may be older (a unit's pairing is mirrored on communities).
  return { doc: { ...(after ?? {}), ...summary }, audited: after !== null };
}

async function summaryOf(
  kind: DirectoryKind,
  id: string,
  communityId: string | null,
): Promise<Record<string, unknown>> {
  switch (kind) {
    case 'community':
      return { ...(await directoryNames.communities.get())?.find((c) => c.id === id) };
    case 'unit':
      return { ...(await directoryNames.units.get())?.find((u) => u.id === id) };
    case 'department':
      return { ...(await directoryNames.departments.get())?.find((d) => d.id === id) };
    case 'station':
      return { ...(await call('directory', 'stations', {})).find((s) => s.id === id) };
    case 'grid':
    case 'microGrid': {
      if (!communityId) return {};
      const detail = await directoryNames.community(communityId).get();
      for (const grid of detail?.grids ?? []) {
        if (kind === 'grid' && grid.id === id) return { name: grid.name, communityId };
        const micro = grid.microGrids.find((m) => m.id === id);
        if (kind === 'microGrid' && micro) return { name: micro.name, gridId: grid.id };
      }
      return {};
    }
    case 'propertyCompany':
      return {};
  }
}

/** A community's pairings as the units say them (each unit names its paired community). */
async function pairedUnitsOf(communityId: string): Promise<string[]> {
  const units = await call('directory', 'units', { communityId });
  return units.map((u) => u.id);
}

/**
 * The county admin's form for one directory entry (new or existing), checked against the
 * contract's fields before directory.save. An existing grid or micro-grid keeps its boundary;
 * when no read answers it, the form cannot be saved (it would replace the boundary).
 */
class DirectoryEntryForm {
  /** False until a page opened the form for a kind (a page opened with no known kind stays so). */
  opened = false;
  kind: DirectoryKind = 'community';
  id: string | null = null;
  /** For grids and micro-grids: the community they are in. */
  communityId: string | null = null;
  values: FormValues = {};
  errors: Record<string, string> = {};
  /** Fields of an existing entry that no read answered: the admin fills them in. */
  unknown: string[] = [];
  boundary: Polygon | null = null;
  pairedUnitIds: string[] = [];
  propertyCompanyId: string | null = null;

  loading = false;
  loadError: CloudError | null = null;
  readonly saving = new Pending();

  constructor() {
    makeAutoObservable(this, { saving: false }, { autoBind: true, deep: false });
  }

  get isNew(): boolean {
    return this.id === null;
  }

  get fields() {
    return KIND_FIELDS[this.kind].filter((f) => fieldApplies(this.kind, f.key, this.values));
  }

  /** An existing grid or micro-grid whose boundary no read answered: editing would lose it. */
  get boundaryMissing(): boolean {
    return !this.isNew && HAS_BOUNDARY.has(this.kind) && this.boundary === null;
  }

  get needsCorners(): boolean {
    return this.isNew && HAS_BOUNDARY.has(this.kind);
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
    this.unknown = [];
    this.boundary = null;
    this.pairedUnitIds = [];
    this.propertyCompanyId = null;
    this.loadError = null;
    this.saving.clear();
    if (!id) return;
    this.loading = true;
    try {
      const [{ doc }, paired] = await Promise.all([
        storedEntry(kind, id, communityId),
        kind === 'community' ? pairedUnitsOf(id) : Promise.resolve([]),
      ]);
      runInAction(() => {
        this.pairedUnitIds = paired;
        this.filled(doc);
      });
    } catch (e) {
      runInAction(() => {
        this.loadError = toCloudError(e);
        this.loading = false;
      });
    }
  }

  set(key: string, value: FieldValue): void {
    this.values = { ...this.values, [key]: value };
    if (this.errors[key]) {
      const { [key]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  toggle(key: string, option: string): void {
    const current = Array.isArray(this.values[key]) ? (this.values[key] as string[]) : [];
    this.set(key, current.includes(option) ? current.filter((o) => o !== option) : [...current, option]);
  }

  /** Checks and saves; the saved id, or null (errors are on the fields or in `saving.error`). */
  async save(): Promise<string | null> {
    if (this.saving.busy || this.loading || this.loadError || this.boundaryMissing) return null;
    const errors: Record<string, string> = {};
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
    directoryNames.invalidate();
    directoryAdmin.invalidate();
    this.id = saved.id;
    this.boundary = boundary;
    return saved.id;
  }

  private filled(doc: Record<string, unknown>): void {
    const known = valuesFromStored(this.kind, doc);
    this.values = { ...this.values, ...known };
    this.unknown = KIND_FIELDS[this.kind]
      .filter((f) => f.type !== 'switch' && f.type !== 'multi' && !(f.key in known))
      .filter((f) => fieldApplies(this.kind, f.key, this.values))
      .map((f) => f.key);
    this.boundary = boundaryFromStored(doc);
    this.propertyCompanyId = typeof doc.propertyCompanyId === 'string' ? doc.propertyCompanyId : null;
    this.loading = false;
  }

  private serverIssues(): void {
    const errors = { ...this.errors };
    for (const issue of fieldIssues(this.saving.error?.details)) {
      const key = issue.path.replace(/^data\./, '').split('.')[0];
      if (key) errors[key] = issue.message;
    }
    this.errors = errors;
  }
}

export const directoryEntryForm = new DirectoryEntryForm();
