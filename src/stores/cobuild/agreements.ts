import '../configure';
import { makeAutoObservable, when } from 'mobx';
import type { AgreementView, Input, ProjectSummary } from '../../../contract';
import { AGREEMENT_DUTIES } from '../../../contract/limits';
import { call } from '../../services/cloud';
import { checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { Loadable, Pending } from '../loadable';
import { CloudError } from '../../services/CloudError';
import { session } from '../session';
import { cobuildSide, fieldErrors, scopeInput, thisYear } from './side';

/**
 * 共建协议 of the year, every version newest first (cobuild.agreements): the caller's own, or the
 * county admin's community of a year; and the one opened with its 签署 for the caller's side.
 */
class AgreementsStore {
  /** The county admin's community and year (the overview's row); null: the caller's own, this year. */
  communityId: string | null = null;
  year: number | null = null;
  readonly list = new Loadable<AgreementView[]>(() => call('cobuild', 'agreements', scopeInput(this)));
  agreementId: string | null = null;
  /** 签署: asking before signing. */
  signing = false;
  readonly signSend = new Pending();
  notice: string | null = null;

  constructor() {
    makeAutoObservable(this, { list: false, signSend: false }, { autoBind: true, deep: false });
  }

  get current(): AgreementView | null {
    return (this.list.value ?? []).find((a) => a.id === this.agreementId) ?? null;
  }

  /** The list of the caller's own (null) or the county admin's community, of `year` (else this year's). */
  open(communityId: string | null, year?: number): void {
    this.communityId = communityId;
    this.year = year ?? null;
    this.list.clear();
    void this.list.load();
  }

  /** One agreement, read from its list (the community and year it was opened from, else the caller's own). */
  openOne(agreementId: string, communityId: string | null = null, year?: number): void {
    this.agreementId = agreementId;
    this.signing = false;
    this.notice = null;
    this.signSend.clear();
    this.open(communityId, year);
  }

  askSign(): void {
    this.signing = true;
    this.signSend.clear();
  }

  cancelSign(): void {
    if (!this.signSend.busy) this.signing = false;
  }

  async sign(): Promise<AgreementView | null> {
    const a = this.current;
    if (!a || this.signSend.busy) return null;
    const signed = await this.signSend.run(() => call('cobuild', 'signAgreement', { agreementId: a.id }));
    if (!signed) return null;
    this.signing = false;
    this.notice = signed.status === 'signed' ? '双方均已签署，协议生效' : '已签署，等待对方签署';
    this.list.value = (this.list.value ?? []).map((x) => (x.id === signed.id ? signed : x));
    // A signed new version supersedes the one it revises: read the list again for its state.
    if (signed.supersedes) void this.list.load();
    return signed;
  }
}

export const agreements = new AgreementsStore();

export type AgreementField = 'unit' | 'projects' | 'dutiesCommunity' | 'dutiesUnit' | 'periodFrom' | 'periodTo';

function agreementFieldOf(path: string): AgreementField | undefined {
  if (path === 'unitId') return 'unit';
  if (path === 'projectIds') return 'projects';
  if (path === 'duties.community') return 'dutiesCommunity';
  if (path === 'duties.unit') return 'dutiesUnit';
  if (path === 'period.from') return 'periodFrom';
  if (path === 'period.to') return 'periodTo';
  return undefined;
}

/** 起草协议, 修改草稿 (nobody has signed) or 新版本 of a signed one: the unit, its projects, duties, period. */
class AgreementFormStore {
  mode: 'new' | 'edit' | 'revise' = 'new';
  /** The draft edited, or the signed agreement revised. */
  baseId: string | null = null;
  ready = false;
  readonly base = new Loadable<AgreementView>(async () => {
    const found = (await call('cobuild', 'agreements', {})).find((a) => a.id === this.baseId);
    if (!found) throw new CloudError('NOT_FOUND', '没有找到这份协议', null);
    return found;
  });
  /** The year's agreements: a new one is not drafted for a pair that has one (it is edited or revised). */
  readonly existing = new Loadable<AgreementView[]>(() => call('cobuild', 'agreements', {}));
  /** The year's projects: the pair's are offered. */
  readonly projects = new Loadable<ProjectSummary[]>(async () => (await call('cobuild', 'projects', {})).items);
  unitId = '';
  projectIds: string[] = [];
  dutiesCommunity = '';
  dutiesUnit = '';
  periodFrom = '';
  periodTo = '';
  errors: FieldErrors<AgreementField> = {};
  readonly saving = new Pending();

  constructor() {
    makeAutoObservable(
      this,
      { base: false, existing: false, projects: false, saving: false },
      { autoBind: true, deep: false },
    );
  }

  /** The units the community builds with this year (from its projects); a unit admin's own only. */
  get unitOptions(): Array<{ value: string; label: string }> {
    const seen = new Map<string, string>();
    for (const p of this.projects.value ?? []) for (const u of p.units) seen.set(u.id, u.name);
    const own = cobuildSide.unitAdmin?.unitId;
    const base = this.base.value;
    if (base) seen.set(base.unitId, base.unitName);
    return [...seen].filter(([id]) => !own || id === own).map(([value, label]) => ({ value, label }));
  }

  /** The pair's projects of the year, not dropped (and those the agreement covers already). */
  get projectOptions(): ProjectSummary[] {
    return (this.projects.value ?? []).filter(
      (p) => p.units.some((u) => u.id === this.unitId) && (p.status !== 'dropped' || this.projectIds.includes(p.id)),
    );
  }

  /** 起草: the chosen pair's agreement of the year already there (a draft, or signed with no draft replacing it). */
  get pairAgreement(): AgreementView | null {
    if (this.mode !== 'new' || !this.unitId) return null;
    const live = (this.existing.value ?? []).filter((a) => a.unitId === this.unitId && a.status !== 'superseded');
    return live.find((a) => a.status === 'draft') ?? live.find((a) => a.status === 'signed') ?? null;
  }

  /** The unit admin's own unit is the only choice: not asked. */
  get choosesUnit(): boolean {
    return this.mode === 'new' && !cobuildSide.unitAdmin;
  }

  async open(mode: 'new' | 'edit' | 'revise', baseId: string | null): Promise<void> {
    this.mode = mode;
    this.baseId = baseId;
    this.ready = false;
    this.base.clear();
    this.errors = {};
    this.saving.clear();
    // Which side the caller signs for comes with the session.
    await when(() => session.me !== null || session.error !== null);
    if (this.mode !== mode || this.baseId !== baseId) return;
    const year = thisYear();
    this.unitId = cobuildSide.unitAdmin?.unitId ?? '';
    this.projectIds = [];
    this.dutiesCommunity = '';
    this.dutiesUnit = '';
    this.periodFrom = `${year}-01-01`;
    this.periodTo = `${year}-12-31`;
    const projects = this.projects.load();
    if (mode === 'new') void this.existing.load();
    if (baseId) {
      const a = await this.base.load();
      if (!a || this.baseId !== baseId) return;
      this.unitId = a.unitId;
      this.projectIds = a.projects.map((p) => p.id);
      this.dutiesCommunity = a.duties.community;
      this.dutiesUnit = a.duties.unit;
      this.periodFrom = a.period.from;
      this.periodTo = a.period.to;
    }
    await projects;
    if (this.mode === 'new' && !this.unitId && this.unitOptions.length === 1) this.unitId = this.unitOptions[0].value;
    this.ready = true;
  }

  pickUnit(unitId: string): void {
    if (this.unitId !== unitId) this.projectIds = [];
    this.unitId = unitId;
    this.errors = withoutError<AgreementField>(withoutError<AgreementField>(this.errors, 'unit'), 'projects');
  }

  toggleProject(id: string): void {
    this.projectIds = this.projectIds.includes(id) ? this.projectIds.filter((x) => x !== id) : [...this.projectIds, id];
    this.errors = withoutError(this.errors, 'projects');
  }

  set(field: 'dutiesCommunity' | 'dutiesUnit' | 'periodFrom' | 'periodTo', value: string): void {
    this[field] = value;
    this.errors = withoutError(this.errors, field);
  }

  check(): { errors: FieldErrors<AgreementField>; input: Input<'cobuild', 'saveAgreement'> | null } {
    const duties = (v: string, empty: string) =>
      v.trim() === '' ? empty : checkText(v, AGREEMENT_DUTIES.min, AGREEMENT_DUTIES.max);
    const errors = fieldErrors<AgreementField>({
      unit: this.unitId ? null : '请选择共建单位',
      projects: this.projectIds.length === 0 ? '请至少选择一个共建项目' : null,
      dutiesCommunity: duties(this.dutiesCommunity, '请填写社区的职责'),
      dutiesUnit: duties(this.dutiesUnit, '请填写单位的职责'),
      periodFrom: this.periodFrom ? null : '请选择开始日期',
      periodTo: !this.periodTo
        ? '请选择结束日期'
        : this.periodFrom && this.periodTo < this.periodFrom
          ? '结束日期须不早于开始日期'
          : null,
    });
    if (Object.keys(errors).length > 0) return { errors, input: null };
    const base = this.base.value;
    const common = {
      projectIds: this.projectIds,
      duties: { community: this.dutiesCommunity.trim(), unit: this.dutiesUnit.trim() },
      period: { from: this.periodFrom, to: this.periodTo },
    };
    // An edit or a new version is of the agreement's own unit (the server reads it from it); a new
    // draft names the secretary's choice, a unit admin's is their own.
    if (this.mode === 'edit' && base)
      return { errors, input: { agreementId: base.id, version: base.version, ...common } };
    if (this.mode === 'revise' && base) return { errors, input: { revises: base.id, ...common } };
    return { errors, input: { ...(cobuildSide.unitAdmin ? {} : { unitId: this.unitId }), ...common } };
  }

  async save(): Promise<AgreementView | null> {
    if (this.saving.busy) return null;
    const { errors, input } = this.check();
    this.errors = errors;
    if (!input) return null;
    const saved = await this.saving.run(() => call('cobuild', 'saveAgreement', input));
    if (!saved) {
      const error = this.saving.error;
      if (error?.code === 'INVALID_INPUT') this.errors = withFieldIssues(this.errors, error.details, agreementFieldOf);
      return null;
    }
    return saved;
  }
}

export const agreementForm = new AgreementFormStore();
