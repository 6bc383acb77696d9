import '../configure';
import { makeAutoObservable } from 'mobx';
import type { MemberReportView, UnitSummary } from '../../../contract';
import { call } from '../../services/cloud';
import type { CloudError } from '../../services/CloudError';
import { today } from '../../utils/date';
import { checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { directory } from '../directory';
import { Loadable, Pending } from '../loadable';
import { session } from '../session';

export type ReportField = 'unit' | 'partyBranch' | 'joinedAt' | 'community';

const SERVER_PATHS: Record<string, ReportField> = {
  unitId: 'unit',
  partyBranch: 'partyBranch',
  joinedAt: 'joinedAt',
  communityId: 'community',
};

export const REPORT_STATUS_LABELS: Record<MemberReportView['status'], string> = {
  pending: '待社区审核',
  verified: '已报到',
  rejected: '已驳回',
  superseded: '已转出',
};

/**
 * 双报到: the member's reports (history kept) and the form to report to a community — the
 * unit's paired community by default, or another one. The secretary verifies; until then the
 * report is pending and no second one can be filed.
 */
class MemberReportStore {
  readonly reports = new Loadable<MemberReportView[]>(() => call('account', 'myReports', {}));

  unitId = '';
  partyBranch = '';
  joinedAt = '';
  /** Null: the unit's paired community. */
  chosenCommunityId: string | null = null;
  /** A verified member asked to report to another community. */
  moving = false;

  errors: FieldErrors<ReportField> = {};
  readonly saving = new Pending();

  constructor() {
    makeAutoObservable(this, { reports: false, saving: false }, { autoBind: true });
  }

  /** Opens the page: history, units and communities; the form prefilled from the latest report. */
  async start(): Promise<void> {
    this.moving = false;
    this.errors = {};
    this.saving.clear();
    this.unitId = '';
    this.partyBranch = '';
    this.joinedAt = '';
    this.chosenCommunityId = null;
    // Another user's history (h5 demo identity switch) must not show while this one loads.
    this.reports.clear();
    directory.units.ensure();
    directory.communities.ensure();
    const reports = await this.reports.load();
    this.prefill(reports?.[0] ?? null);
  }

  get latest(): MemberReportView | null {
    return this.reports.value?.[0] ?? null;
  }

  /** The verified report (the community the member serves now), if any. */
  get verifiedReport(): MemberReportView | null {
    return this.reports.value?.find((r) => r.status === 'verified') ?? null;
  }

  /** The latest report was rejected and nothing newer is pending or verified. */
  get rejected(): MemberReportView | null {
    const latest = this.latest;
    return latest?.status === 'rejected' ? latest : null;
  }

  /** The form shows when a report can be filed: none pending, and not verified unless moving. */
  get formVisible(): boolean {
    if (session.me?.pendingReport) return false;
    return !session.isVerifiedMember || this.moving;
  }

  get unit(): UnitSummary | null {
    return directory.units.value?.find((u) => u.id === this.unitId) ?? null;
  }

  get communityId(): string {
    return this.chosenCommunityId ?? this.unit?.pairedCommunityId ?? '';
  }

  setPartyBranch(value: string): void {
    this.partyBranch = value;
    this.clearError('partyBranch');
  }

  setJoinedAt(value: string): void {
    this.joinedAt = value;
    this.clearError('joinedAt');
  }

  chooseUnit(id: string): void {
    this.unitId = id;
    this.chosenCommunityId = null;
    this.clearError('unit');
    this.clearError('community');
  }

  chooseCommunity(id: string): void {
    this.chosenCommunityId = id === this.unit?.pairedCommunityId ? null : id;
    this.clearError('community');
  }

  startMove(): void {
    this.moving = true;
  }

  cancelMove(): void {
    this.moving = false;
  }

  validate(): boolean {
    const errors: FieldErrors<ReportField> = {};
    if (!this.unitId) errors.unit = '请选择所在单位';
    const branch = checkText(this.partyBranch, 2, 50);
    if (branch) errors.partyBranch = this.partyBranch.trim() === '' ? '请填写所在党支部' : branch;
    if (!this.joinedAt) errors.joinedAt = '请选择入党日期';
    else if (this.joinedAt > today()) errors.joinedAt = '入党日期不能晚于今天';
    if (!this.communityId) errors.community = '请选择报到社区';
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  /** Files the report; true when filed (the session and the history are reloaded). */
  async submit(): Promise<boolean> {
    this.saving.clear();
    if (!this.validate() || this.saving.busy) return false;
    const report = {
      unitId: this.unitId,
      partyBranch: this.partyBranch.trim(),
      joinedAt: this.joinedAt,
      communityId: this.communityId,
    };
    const filed = await this.saving.run(async () => {
      await call('account', 'registerMember', report);
      await Promise.all([session.load(), this.reports.load()]);
      return true;
    });
    if (filed) this.moving = false;
    else if (this.saving.error) this.failed(this.saving.error);
    return filed === true;
  }

  /** The latest report's answers, where the member has not typed anything yet. */
  private prefill(latest: MemberReportView | null): void {
    if (!latest || this.unitId || this.partyBranch || this.joinedAt) return;
    this.unitId = latest.unit.id;
    this.partyBranch = latest.partyBranch;
    this.joinedAt = latest.joinedAt;
    // A move is to another community; a second try after a rejection defaults to the same one.
    this.chosenCommunityId = latest.status === 'rejected' ? latest.community.id : null;
  }

  private failed(error: CloudError): void {
    this.errors = withFieldIssues(this.errors, error.details, (path) => SERVER_PATHS[path]);
  }

  private clearError(field: ReportField): void {
    this.errors = withoutError(this.errors, field);
  }
}

export const memberReport = new MemberReportStore();
