import '../configure';
import { makeAutoObservable } from 'mobx';
import type { CobuildCategory, Input, MemberView, ResourceStatus, ResourceView } from '../../../contract';
import { COBUILD_CATEGORIES } from '../../../contract/cobuild';
import { COBUILD_DESCRIPTION, COBUILD_QUANTITY_UNIT, COBUILD_TEXT, COBUILD_TITLE } from '../../../contract/limits';
import { call } from '../../services/cloud';
import { checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { checkReason } from '../../utils/reason';
import { Loadable, Pending } from '../loadable';
import { PagedList } from '../paged';
import { checkQuantity } from './needs';
import { fieldErrors, scopeInput } from './side';

export const RESOURCE_TABS = ['all', 'offered', 'committed', 'usedUp', 'withdrawn'] as const;
export type ResourceTab = (typeof RESOURCE_TABS)[number];

/**
 * 资源清单 of the year (cobuild.resources): the unit admin's own unit, the secretary's paired
 * units, by status tab, 50 a page; the unit admin's 撤回 with a reason.
 */
class ResourceListStore {
  /** The county admin's community (its paired units) and year; null: the caller's own, this year. */
  communityId: string | null = null;
  year: number | null = null;
  tab: ResourceTab = 'all';
  readonly list = new PagedList<ResourceView>((from) =>
    call('cobuild', 'resources', {
      ...scopeInput(this),
      ...(this.tab === 'all' ? {} : { status: this.tab as ResourceStatus }),
      from,
    }),
  );
  withdrawing: ResourceView | null = null;
  reason = '';
  reasonError: string | null = null;
  readonly withdrawSend = new Pending();
  notice: string | null = null;
  /** One resource opened by its id (a notification's page): cobuild.resource. */
  oneId: string | null = null;
  readonly one = new Loadable<ResourceView>(() => call('cobuild', 'resource', { resourceId: this.oneId! }));

  constructor() {
    makeAutoObservable(this, { list: false, withdrawSend: false, one: false }, { autoBind: true, deep: false });
  }

  openOne(resourceId: string): void {
    this.oneId = resourceId;
    this.notice = null;
    this.one.clear();
    void this.one.load();
  }

  /** Shown (first, or back from a form): read again; what was said after the last change is old news. */
  refresh(): void {
    this.notice = null;
    void this.list.load();
  }

  show(tab: ResourceTab): void {
    this.tab = tab;
    void this.list.load();
  }

  /** The list of the caller's own units (null) or the county admin's community, of `year` (else this year's). */
  open(communityId: string | null, year?: number): void {
    this.communityId = communityId;
    this.year = year ?? null;
    this.notice = null;
    this.list.clear();
    void this.list.load();
  }

  askWithdraw(resource: ResourceView): void {
    this.withdrawing = resource;
    this.reason = '';
    this.reasonError = null;
    this.withdrawSend.clear();
  }

  cancelWithdraw(): void {
    if (!this.withdrawSend.busy) this.withdrawing = null;
  }

  setReason(value: string): void {
    this.reason = value;
    if (this.reasonError) this.reasonError = checkReason(value);
  }

  async confirmWithdraw(): Promise<ResourceView | null> {
    const r = this.withdrawing;
    if (!r || this.withdrawSend.busy) return null;
    this.reasonError = checkReason(this.reason);
    if (this.reasonError) return null;
    const done = await this.withdrawSend.run(() =>
      call('cobuild', 'withdrawResource', { resourceId: r.id, version: r.version, reason: this.reason.trim() }),
    );
    if (!done) return null;
    this.withdrawing = null;
    this.notice = `已撤回资源「${done.title}」`;
    if (this.one.value?.id === done.id) this.one.value = done;
    void this.list.load();
    return done;
  }
}

export const resourceList = new ResourceListStore();

export type ResourceField =
  | 'category'
  | 'title'
  | 'description'
  | 'amount'
  | 'unit'
  | 'frequency'
  | 'liaison'
  | 'availability';

function resourceFieldOf(path: string): ResourceField | undefined {
  if (path === 'capacity.amount') return 'amount';
  if (path === 'capacity.unit') return 'unit';
  if (path === 'capacity.frequency') return 'frequency';
  if (path === 'liaisonOpenid') return 'liaison';
  return (['category', 'title', 'description', 'availability'] as const).find((f) => f === path);
}

/** 新增资源 / 编辑资源 (unit admin): the liaison picked among the unit's verified members. */
class ResourceFormStore {
  resourceId: string | null = null;
  ready = false;
  readonly original = new Loadable<ResourceView>(() => call('cobuild', 'resource', { resourceId: this.resourceId! }));
  /** The unit's members: the liaison is one of those verified (双报到). */
  readonly members = new Loadable<MemberView[]>(() => call('account', 'unitMembers', {}));
  category: CobuildCategory | '' = '';
  title = '';
  description = '';
  amount = '';
  unit = '';
  frequency = '';
  liaisonOpenid = '';
  availability = '';
  errors: FieldErrors<ResourceField> = {};
  readonly saving = new Pending();

  constructor() {
    makeAutoObservable(this, { original: false, members: false, saving: false }, { autoBind: true, deep: false });
  }

  get isNew(): boolean {
    return this.resourceId === null;
  }

  get locked(): boolean {
    const r = this.original.value;
    return r !== null && !r.can.includes('edit');
  }

  /** Who may be the liaison: the unit's verified members (and the current liaison, whatever their state now). */
  get liaisons(): Array<{ value: string; label: string }> {
    const verified = (this.members.value ?? []).filter((m) => m.status === 'verified');
    const options = verified.map((m) => ({ value: m.openid, label: m.name }));
    const current = this.original.value?.liaison;
    if (current && !options.some((o) => o.value === current.openid))
      options.unshift({ value: current.openid, label: current.name });
    return options;
  }

  openNew(): void {
    this.reset(null);
    this.ready = true;
    void this.members.load();
  }

  async openEdit(resourceId: string): Promise<void> {
    this.reset(resourceId);
    void this.members.load();
    const r = await this.original.load();
    if (!r || this.resourceId !== resourceId) return;
    this.category = r.category;
    this.title = r.title;
    this.description = r.description;
    this.amount = String(r.capacity.amount);
    this.unit = r.capacity.unit;
    this.frequency = r.capacity.frequency;
    this.liaisonOpenid = r.liaison.openid;
    this.availability = r.availability;
    this.ready = true;
  }

  private reset(resourceId: string | null): void {
    this.resourceId = resourceId;
    this.ready = false;
    this.original.clear();
    this.category = '';
    this.title = '';
    this.description = '';
    this.amount = '';
    this.unit = '';
    this.frequency = '';
    this.liaisonOpenid = '';
    this.availability = '';
    this.errors = {};
    this.saving.clear();
  }

  set(field: Exclude<ResourceField, 'category' | 'liaison'>, value: string): void {
    this[field] = value;
    this.errors = withoutError(this.errors, field);
  }

  setCategory(value: string): void {
    if ((COBUILD_CATEGORIES as readonly string[]).includes(value)) this.category = value as CobuildCategory;
    this.errors = withoutError(this.errors, 'category');
  }

  pickLiaison(openid: string): void {
    this.liaisonOpenid = openid;
    this.errors = withoutError(this.errors, 'liaison');
  }

  check(): { errors: FieldErrors<ResourceField>; input: Input<'cobuild', 'saveResource'> | null } {
    const short = (v: string, empty: string) =>
      v.trim() === '' ? empty : checkText(v, COBUILD_TEXT.min, COBUILD_TEXT.max);
    const errors = fieldErrors<ResourceField>({
      category: this.category === '' ? '请选择类别' : null,
      title: this.title.trim() === '' ? '请填写资源名称' : checkText(this.title, COBUILD_TITLE.min, COBUILD_TITLE.max),
      description: checkText(this.description, COBUILD_DESCRIPTION.min, COBUILD_DESCRIPTION.max),
      amount: checkQuantity(this.amount),
      unit:
        this.unit.trim() === ''
          ? '请填写单位，如 次、人'
          : checkText(this.unit, COBUILD_QUANTITY_UNIT.min, COBUILD_QUANTITY_UNIT.max),
      frequency: short(this.frequency, '请填写频次，如 每月一次'),
      liaison: this.liaisonOpenid ? null : '请选择本单位的联络人',
      availability: short(this.availability, '请填写可提供的时间，如 周末'),
    });
    if (Object.keys(errors).length > 0 || this.category === '') return { errors, input: null };
    const original = this.original.value;
    return {
      errors,
      input: {
        ...(this.resourceId && original ? { resourceId: this.resourceId, version: original.version } : {}),
        category: this.category,
        title: this.title.trim(),
        description: this.description.trim(),
        capacity: { amount: Number(this.amount.trim()), unit: this.unit.trim(), frequency: this.frequency.trim() },
        liaisonOpenid: this.liaisonOpenid,
        availability: this.availability.trim(),
      },
    };
  }

  async save(): Promise<ResourceView | null> {
    if (this.saving.busy || this.locked) return null;
    const { errors, input } = this.check();
    this.errors = errors;
    if (!input) return null;
    const saved = await this.saving.run(() => call('cobuild', 'saveResource', input));
    if (!saved) {
      const error = this.saving.error;
      if (error?.code === 'INVALID_INPUT') this.errors = withFieldIssues(this.errors, error.details, resourceFieldOf);
      return null;
    }
    this.original.value = saved;
    return saved;
  }
}

export const resourceForm = new ResourceFormStore();
