import '../configure';
import { makeAutoObservable, when, type IReactionDisposer } from 'mobx';
import type { CobuildCategory, Input, NeedStatus, NeedView, ResourceView } from '../../../contract';
import { COBUILD_CATEGORIES } from '../../../contract/cobuild';
import { COBUILD_DESCRIPTION, COBUILD_QUANTITY_UNIT, COBUILD_TITLE } from '../../../contract/limits';
import { call } from '../../services/cloud';
import { addDays, today } from '../../utils/date';
import { checkName, checkPhone, checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { checkReason } from '../../utils/reason';
import { Loadable, Pending } from '../loadable';
import { PagedList } from '../paged';
import { session } from '../session';
import { fieldErrors, scopeInput } from './side';

/** The tabs of 需求清单: every need, or one status. */
export const NEED_TABS = ['all', 'open', 'matched', 'done', 'closed'] as const;
export type NeedTab = (typeof NEED_TABS)[number];

/** A whole number typed into a form (数量), with the contract's messages; null when it passes. */
export function checkQuantity(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return '请填写数量';
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return '请填写数字';
  if (!Number.isInteger(n)) return '数量须为整数';
  if (n < 1) return '数量须大于 0';
  if (n > 100_000) return '数量过大';
  return null;
}

/**
 * 需求清单 of the year: by status tab and category, 50 a page (cobuild.needs; the server scopes it
 * to the secretary's community or the unit admin's paired one); one need by its id (cobuild.need);
 * on an open need the matching resources of the paired units (匹配资源), and the secretary's 关闭
 * with a reason.
 */
class NeedListStore {
  /** The county admin's community and year (the overview's row); null: the caller's own, this year. */
  communityId: string | null = null;
  year: number | null = null;
  tab: NeedTab = 'open';
  category: CobuildCategory | null = null;
  readonly list = new PagedList<NeedView>((from) =>
    call('cobuild', 'needs', {
      ...scopeInput(this),
      ...(this.tab === 'all' ? {} : { status: this.tab as NeedStatus }),
      ...(this.category ? { category: this.category } : {}),
      from,
    }),
  );
  /** 匹配资源: the need whose matches are shown, and them. */
  matchesFor: string | null = null;
  readonly matches = new Loadable<ResourceView[]>(() => call('cobuild', 'matches', { needId: this.matchesFor! }));

  /** 关闭需求: the need being closed, with its reason. */
  closing: NeedView | null = null;
  closeReason = '';
  closeReasonError: string | null = null;
  readonly closeSend = new Pending();
  /** Said above the list after a change. */
  notice: string | null = null;
  /** One need opened by its id (a notification's page), with its matches shown. */
  oneId: string | null = null;
  readonly one = new Loadable<NeedView>(() => call('cobuild', 'need', { needId: this.oneId! }));

  constructor() {
    makeAutoObservable(
      this,
      { list: false, matches: false, closeSend: false, one: false },
      { autoBind: true, deep: false },
    );
  }

  /** One need by its id, its 匹配资源 shown while it can be matched. */
  async openOne(needId: string): Promise<void> {
    this.oneId = needId;
    this.notice = null;
    this.one.clear();
    const need = await this.one.load();
    if (need && need.can.includes('matches') && this.oneId === needId) {
      this.matchesFor = needId;
      this.matches.clear();
      void this.matches.load();
    }
  }

  /** Shown (first, or back from a form): read again; what was said after the last change is old news. */
  refresh(): void {
    this.notice = null;
    void this.list.load();
  }

  show(tab: NeedTab): void {
    this.tab = tab;
    this.matchesFor = null;
    void this.list.load();
  }

  /** The list of the caller's own community (null) or the county admin's pick, of `year` (else this year's). */
  open(communityId: string | null, year?: number): void {
    this.communityId = communityId;
    this.year = year ?? null;
    this.matchesFor = null;
    this.notice = null;
    this.list.clear();
    void this.list.load();
  }

  pickCategory(category: string): void {
    const picked = (COBUILD_CATEGORIES as readonly string[]).includes(category) ? (category as CobuildCategory) : null;
    this.category = this.category === picked ? null : picked;
    this.matchesFor = null;
    void this.list.load();
  }

  /** 匹配资源 of a need, or closes them when shown. */
  toggleMatches(needId: string): void {
    if (this.matchesFor === needId) {
      this.matchesFor = null;
      this.matches.clear();
      return;
    }
    this.matchesFor = needId;
    this.matches.clear();
    void this.matches.load();
  }

  askClose(need: NeedView): void {
    this.closing = need;
    this.closeReason = '';
    this.closeReasonError = null;
    this.closeSend.clear();
  }

  cancelClose(): void {
    if (this.closeSend.busy) return;
    this.closing = null;
  }

  setCloseReason(value: string): void {
    this.closeReason = value;
    if (this.closeReasonError) this.closeReasonError = checkReason(value);
  }

  async confirmClose(): Promise<NeedView | null> {
    const need = this.closing;
    if (!need || this.closeSend.busy) return null;
    this.closeReasonError = checkReason(this.closeReason);
    if (this.closeReasonError) return null;
    const closed = await this.closeSend.run(() =>
      call('cobuild', 'closeNeed', { needId: need.id, version: need.version, reason: this.closeReason.trim() }),
    );
    if (!closed) {
      if (this.closeSend.error?.code === 'CONFLICT') {
        void this.list.load();
        if (this.one.value?.id === need.id) void this.one.load();
      }
      return null;
    }
    this.closing = null;
    this.notice = `已关闭需求「${closed.title}」`;
    if (this.one.value?.id === closed.id) this.one.value = closed;
    void this.list.load();
    return closed;
  }
}

export const needList = new NeedListStore();

export type NeedField =
  | 'category'
  | 'title'
  | 'description'
  | 'quantity'
  | 'quantityUnit'
  | 'wantedBy'
  | 'contactName'
  | 'contactPhone';

function needFieldOf(path: string): NeedField | undefined {
  if (path === 'contact.name') return 'contactName';
  if (path === 'contact.phone') return 'contactPhone';
  return (['category', 'title', 'description', 'quantity', 'quantityUnit', 'wantedBy'] as const).find(
    (f) => f === path,
  );
}

/** 新增需求 / 编辑需求 (secretary): checked as the contract checks it, saved on the version read. */
class NeedFormStore {
  needId: string | null = null;
  ready = false;
  readonly original = new Loadable<NeedView>(() => call('cobuild', 'need', { needId: this.needId! }));
  category: CobuildCategory | '' = '';
  title = '';
  description = '';
  quantity = '';
  quantityUnit = '';
  wantedBy = '';
  contactName = '';
  contactPhone = '';
  errors: FieldErrors<NeedField> = {};
  readonly saving = new Pending();
  private waiting: IReactionDisposer | null = null;

  constructor() {
    makeAutoObservable<NeedFormStore, 'waiting'>(
      this,
      { original: false, saving: false, waiting: false },
      { autoBind: true, deep: false },
    );
  }

  get isNew(): boolean {
    return this.needId === null;
  }

  /** A need that is done or closed is no longer edited. */
  get locked(): boolean {
    const n = this.original.value;
    return n !== null && !n.can.includes('edit');
  }

  openNew(): void {
    this.reset(null);
    this.wantedBy = addDays(today(), 30);
    // The secretary is the contact unless they write someone else (once the session is in).
    this.waiting = when(
      () => session.me !== null,
      () => {
        if (!this.isNew) return;
        if (!this.contactName) this.contactName = session.me?.name ?? '';
        if (!this.contactPhone) this.contactPhone = session.me?.phone ?? '';
      },
    );
    this.ready = true;
  }

  async openEdit(needId: string): Promise<void> {
    this.reset(needId);
    const n = await this.original.load();
    if (!n || this.needId !== needId) return;
    this.category = n.category;
    this.title = n.title;
    this.description = n.description;
    this.quantity = String(n.quantity);
    this.quantityUnit = n.quantityUnit;
    this.wantedBy = n.wantedBy;
    this.contactName = n.contact.name;
    this.contactPhone = n.contact.phone;
    this.ready = true;
  }

  private reset(needId: string | null): void {
    this.waiting?.();
    this.waiting = null;
    this.needId = needId;
    this.ready = false;
    this.original.clear();
    this.category = '';
    this.title = '';
    this.description = '';
    this.quantity = '';
    this.quantityUnit = '';
    this.wantedBy = '';
    this.contactName = '';
    this.contactPhone = '';
    this.errors = {};
    this.saving.clear();
  }

  set(field: Exclude<NeedField, 'category'>, value: string): void {
    this[field] = value;
    this.errors = withoutError(this.errors, field);
  }

  setCategory(value: string): void {
    if ((COBUILD_CATEGORIES as readonly string[]).includes(value)) this.category = value as CobuildCategory;
    this.errors = withoutError(this.errors, 'category');
  }

  check(): { errors: FieldErrors<NeedField>; input: Input<'cobuild', 'saveNeed'> | null } {
    const errors = fieldErrors<NeedField>({
      category: this.category === '' ? '请选择类别' : undefined,
      title: this.title.trim() === '' ? '请填写需求名称' : checkText(this.title, COBUILD_TITLE.min, COBUILD_TITLE.max),
      description: checkText(this.description, COBUILD_DESCRIPTION.min, COBUILD_DESCRIPTION.max),
      quantity: checkQuantity(this.quantity),
      quantityUnit:
        this.quantityUnit.trim() === ''
          ? '请填写单位，如 次、户、人'
          : checkText(this.quantityUnit, COBUILD_QUANTITY_UNIT.min, COBUILD_QUANTITY_UNIT.max),
      wantedBy: !this.wantedBy
        ? '请选择需要的日期'
        : this.isNew && this.wantedBy < today()
          ? '需要日期不能早于今天'
          : undefined,
      contactName: checkName(this.contactName),
      contactPhone: checkPhone(this.contactPhone),
    });
    if (Object.keys(errors).length > 0 || this.category === '') return { errors, input: null };
    const original = this.original.value;
    return {
      errors,
      input: {
        ...(this.needId && original ? { needId: this.needId, version: original.version } : {}),
        category: this.category,
        title: this.title.trim(),
        description: this.description.trim(),
        quantity: Number(this.quantity.trim()),
        quantityUnit: this.quantityUnit.trim(),
        wantedBy: this.wantedBy,
        contact: { name: this.contactName.trim(), phone: this.contactPhone.replace(/\s+/g, '') },
      },
    };
  }

  /** 保存: the need as saved, or null (errors on the fields, or `saving.error`). */
  async save(): Promise<NeedView | null> {
    if (this.saving.busy || this.locked) return null;
    const { errors, input } = this.check();
    this.errors = errors;
    if (!input) return null;
    const saved = await this.saving.run(() => call('cobuild', 'saveNeed', input));
    if (!saved) {
      const error = this.saving.error;
      if (error?.code === 'INVALID_INPUT') this.errors = withFieldIssues(this.errors, error.details, needFieldOf);
      return null;
    }
    this.original.value = saved;
    return saved;
  }
}

export const needForm = new NeedFormStore();
