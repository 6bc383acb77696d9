import '../configure';
import { makeAutoObservable, when, type IReactionDisposer } from 'mobx';
import type { Input, NeedView, ProjectStatus, ProjectSummary, ProjectView, ResourceView } from '../../../contract';
import {
  COBUILD_DESCRIPTION,
  COBUILD_MILESTONES,
  COBUILD_NOTE,
  COBUILD_PHOTOS,
  COBUILD_TITLE,
} from '../../../contract/limits';
import { call } from '../../services/cloud';
import { addDays, today } from '../../utils/date';
import { checkName, checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { checkReason } from '../../utils/reason';
import { Loadable, Pending } from '../loadable';
import { PagedList } from '../paged';
import { PhotoSet } from '../photos';
import { session } from '../session';
import { cobuildSide, fieldErrors, scopeInput } from './side';

/** The tabs of 共建项目: every project, or one status (`ongoing`: active — Segmented's own `--active` marks the chosen tab). */
export const PROJECT_TABS = ['all', 'planned', 'ongoing', 'done', 'dropped'] as const;
export type ProjectTab = (typeof PROJECT_TABS)[number];
export const PROJECT_TAB_STATUS: Record<Exclude<ProjectTab, 'all'>, ProjectStatus> = {
  planned: 'planned',
  ongoing: 'active',
  done: 'done',
  dropped: 'dropped',
};

/** 共建项目清单 of the year by status (cobuild.projects), newest first, 50 a page. */
class ProjectListStore {
  /** The county admin's community and year (the overview's row); null: the caller's own, this year. */
  communityId: string | null = null;
  year: number | null = null;
  tab: ProjectTab = 'all';
  readonly list = new PagedList<ProjectSummary>((from) =>
    call('cobuild', 'projects', {
      ...scopeInput(this),
      ...(this.tab === 'all' ? {} : { status: PROJECT_TAB_STATUS[this.tab] }),
      from,
    }),
  );

  constructor() {
    makeAutoObservable(this, { list: false }, { autoBind: true, deep: false });
  }

  refresh(): void {
    void this.list.load();
  }

  show(tab: ProjectTab): void {
    this.tab = tab;
    void this.list.load();
  }

  /** The caller's own projects (null) or the county admin's community's, of `year` (else this year's). */
  open(communityId: string | null, year?: number): void {
    this.communityId = communityId;
    this.year = year ?? null;
    this.list.clear();
    void this.list.load();
  }
}

export const projectList = new ProjectListStore();

/** What is being done on the project page: nothing, or one of its steps with its inputs open. */
export type ProjectStep = null | 'start' | 'update' | 'finish' | 'drop';

/**
 * One project (cobuild.project) and its steps: 启动, 进展 (a note, own photos, a milestone done),
 * 完成 (result and photos), 终止 (a reason); each answers the project as it is now.
 */
class ProjectStore {
  projectId: string | null = null;
  readonly project = new Loadable<ProjectView>(() => call('cobuild', 'project', { projectId: this.projectId! }));
  step: ProjectStep = null;
  note = '';
  noteError: string | null = null;
  milestoneId: string | null = null;
  photos = new PhotoSet(COBUILD_PHOTOS.max);
  reason = '';
  reasonError: string | null = null;
  readonly sending = new Pending();
  notice: string | null = null;

  constructor() {
    makeAutoObservable(this, { project: false, sending: false }, { autoBind: true, deep: false });
  }

  open(projectId: string): void {
    this.projectId = projectId;
    this.project.clear();
    this.notice = null;
    this.close();
    void this.project.load();
  }

  begin(step: Exclude<ProjectStep, null>): void {
    this.step = step;
    this.note = '';
    this.noteError = null;
    this.milestoneId = null;
    this.photos = new PhotoSet(COBUILD_PHOTOS.max);
    this.reason = '';
    this.reasonError = null;
    this.sending.clear();
    this.notice = null;
  }

  close(): void {
    if (this.sending.busy) return;
    this.step = null;
  }

  setNote(value: string): void {
    this.note = value;
    if (this.noteError) this.noteError = this.checkNote();
  }

  pickMilestone(id: string): void {
    this.milestoneId = this.milestoneId === id ? null : id;
  }

  setReason(value: string): void {
    this.reason = value;
    if (this.reasonError) this.reasonError = checkReason(value);
  }

  private checkNote(): string | null {
    return this.note.trim() === ''
      ? this.step === 'finish'
        ? '请填写共建成效'
        : '请填写进展情况'
      : checkText(this.note, COBUILD_NOTE.min, COBUILD_NOTE.max);
  }

  /** Sends the open step; the project as it is now, or null (the problem shown by the step). */
  async send(): Promise<ProjectView | null> {
    const p = this.project.value;
    const step = this.step;
    if (!p || !step || this.sending.busy) return null;
    let run: () => Promise<ProjectView>;
    if (step === 'start') {
      run = () => call('cobuild', 'startProject', { projectId: p.id, version: p.version });
    } else if (step === 'drop') {
      this.reasonError = checkReason(this.reason);
      if (this.reasonError) return null;
      const reason = this.reason.trim();
      run = () => call('cobuild', 'dropProject', { projectId: p.id, version: p.version, reason });
    } else {
      this.noteError = this.checkNote() ?? this.photos.problem();
      if (this.noteError) return null;
      const note = this.note.trim();
      const photos = this.photos.fileIds;
      const milestoneId = this.milestoneId;
      run =
        step === 'finish'
          ? () => call('cobuild', 'finishProject', { projectId: p.id, version: p.version, note, photos })
          : () =>
              call('cobuild', 'projectUpdate', {
                projectId: p.id,
                note,
                photos,
                ...(milestoneId ? { milestoneId } : {}),
              });
    }
    const done = await this.sending.run(run);
    if (!done) {
      if (this.sending.error?.code === 'CONFLICT') void this.project.load();
      return null;
    }
    this.project.value = done;
    this.step = null;
    this.notice = NOTICES[step];
    return done;
  }
}

const NOTICES: Record<Exclude<ProjectStep, null>, string> = {
  start: '项目已启动，对方已收到通知',
  update: '已记录进展',
  finish: '项目已完成，居民可以看到成效并评价',
  drop: '项目已终止',
};

export const projectDetail = new ProjectStore();

export type ProjectField = 'title' | 'goal' | 'needs' | 'resources' | 'milestones' | 'leadCommunity' | 'leadUnit';

export interface MilestoneRow {
  key: number;
  title: string;
  dueAt: string;
}

let nextRow = 1;

function projectFieldOf(path: string): ProjectField | undefined {
  if (path === 'needIds') return 'needs';
  if (path === 'resourceIds') return 'resources';
  if (path.startsWith('milestones')) return 'milestones';
  if (path.startsWith('leads.community')) return 'leadCommunity';
  if (path.startsWith('leads.unit')) return 'leadUnit';
  return (['title', 'goal'] as const).find((f) => f === path);
}

/**
 * 新建共建项目 / 编辑 (a planned one): needs of the community (open or matched) and resources of
 * the paired units (offered or committed) chosen from the lists, goal, milestones with due dates,
 * a lead on each side.
 */
class ProjectFormStore {
  projectId: string | null = null;
  ready = false;
  readonly original = new Loadable<ProjectView>(() => call('cobuild', 'project', { projectId: this.projectId! }));
  /** The needs that can be linked (open, matched): each status's first page, so done ones never crowd them out. */
  readonly needs = new Loadable<NeedView[]>(async () => {
    const pages = await Promise.all([
      call('cobuild', 'needs', { status: 'open' }),
      call('cobuild', 'needs', { status: 'matched' }),
    ]);
    return pages.flatMap((p) => p.items);
  });
  readonly resources = new Loadable<ResourceView[]>(async () => {
    const pages = await Promise.all([
      call('cobuild', 'resources', { status: 'offered' }),
      call('cobuild', 'resources', { status: 'committed' }),
    ]);
    return pages.flatMap((p) => p.items);
  });
  title = '';
  goal = '';
  needIds: string[] = [];
  resourceIds: string[] = [];
  milestones: MilestoneRow[] = [];
  leadCommunityName = '';
  leadCommunityOpenid: string | null = null;
  leadUnitName = '';
  errors: FieldErrors<ProjectField> = {};
  readonly saving = new Pending();
  private waiting: IReactionDisposer | null = null;

  constructor() {
    makeAutoObservable<ProjectFormStore, 'waiting'>(
      this,
      { original: false, needs: false, resources: false, saving: false, waiting: false },
      { autoBind: true, deep: false },
    );
  }

  get isNew(): boolean {
    return this.projectId === null;
  }

  get locked(): boolean {
    const p = this.original.value;
    return p !== null && !p.can.includes('edit');
  }

  /** Needs that can be linked: open or matched, and those the project links already. */
  get needOptions(): NeedView[] {
    return (this.needs.value ?? []).filter(
      (n) => n.status === 'open' || n.status === 'matched' || this.needIds.includes(n.id),
    );
  }

  get resourceOptions(): ResourceView[] {
    return (this.resources.value ?? []).filter(
      (r) => r.status === 'offered' || r.status === 'committed' || this.resourceIds.includes(r.id),
    );
  }

  /** A new project; `needId` (from 匹配资源) and `resourceId` chosen already. */
  openNew(chosen: { needId?: string; resourceId?: string } = {}): void {
    this.reset(null);
    this.needIds = chosen.needId ? [chosen.needId] : [];
    this.resourceIds = chosen.resourceId ? [chosen.resourceId] : [];
    this.milestones = [{ key: nextRow++, title: '', dueAt: addDays(today(), 30) }];
    // The caller leads their own side unless they write someone else (once the session is in).
    this.waiting = when(
      () => session.me !== null,
      () => this.defaultLead(),
    );
    void this.needs.load();
    void this.resources.load();
    this.ready = true;
  }

  private defaultLead(): void {
    const me = session.me;
    if (!me || !this.isNew) return;
    if (cobuildSide.secretary && !this.leadCommunityName) {
      this.leadCommunityName = me.name ?? '';
      this.leadCommunityOpenid = me.openid;
    } else if (cobuildSide.unitAdmin && !cobuildSide.secretary && !this.leadUnitName) {
      this.leadUnitName = me.name ?? '';
    }
  }

  async openEdit(projectId: string): Promise<void> {
    this.reset(projectId);
    void this.needs.load();
    void this.resources.load();
    const p = await this.original.load();
    if (!p || this.projectId !== projectId) return;
    this.title = p.title;
    this.goal = p.goal;
    this.needIds = p.needs.map((n) => n.id);
    this.resourceIds = p.resources.map((r) => r.id);
    this.milestones = p.milestoneList.map((m) => ({ key: nextRow++, title: m.title, dueAt: m.dueAt }));
    this.leadCommunityName = p.leads.community.name;
    this.leadCommunityOpenid = p.leads.community.openid;
    this.leadUnitName = p.leads.unit.name;
    this.ready = true;
  }

  private reset(projectId: string | null): void {
    this.waiting?.();
    this.waiting = null;
    this.projectId = projectId;
    this.ready = false;
    this.original.clear();
    this.title = '';
    this.goal = '';
    this.needIds = [];
    this.resourceIds = [];
    this.milestones = [];
    this.leadCommunityName = '';
    this.leadCommunityOpenid = null;
    this.leadUnitName = '';
    this.errors = {};
    this.saving.clear();
  }

  setTitle(value: string): void {
    this.title = value;
    this.errors = withoutError(this.errors, 'title');
  }

  setGoal(value: string): void {
    this.goal = value;
    this.errors = withoutError(this.errors, 'goal');
  }

  toggleNeed(id: string): void {
    this.needIds = this.needIds.includes(id) ? this.needIds.filter((x) => x !== id) : [...this.needIds, id];
    this.errors = withoutError(this.errors, 'needs');
  }

  toggleResource(id: string): void {
    this.resourceIds = this.resourceIds.includes(id)
      ? this.resourceIds.filter((x) => x !== id)
      : [...this.resourceIds, id];
    this.errors = withoutError(this.errors, 'resources');
  }

  addMilestone(): void {
    if (this.milestones.length >= COBUILD_MILESTONES.max) return;
    const last = this.milestones[this.milestones.length - 1];
    this.milestones = [...this.milestones, { key: nextRow++, title: '', dueAt: addDays(last?.dueAt ?? today(), 30) }];
  }

  removeMilestone(key: number): void {
    this.milestones = this.milestones.filter((m) => m.key !== key);
  }

  setMilestone(key: number, change: Partial<Omit<MilestoneRow, 'key'>>): void {
    this.milestones = this.milestones.map((m) => (m.key === key ? { ...m, ...change } : m));
    this.errors = withoutError(this.errors, 'milestones');
  }

  setLeadCommunity(value: string): void {
    this.leadCommunityName = value;
    // A name typed over the secretary's own is someone else, without an account here.
    if (this.leadCommunityOpenid && value.trim() !== (session.me?.name ?? '')) this.leadCommunityOpenid = null;
    this.errors = withoutError(this.errors, 'leadCommunity');
  }

  setLeadUnit(value: string): void {
    this.leadUnitName = value;
    this.errors = withoutError(this.errors, 'leadUnit');
  }

  private checkMilestones(): string | null {
    if (this.milestones.length < COBUILD_MILESTONES.min) return '请至少设置一个节点';
    for (const [i, m] of this.milestones.entries()) {
      const problem = m.title.trim() === '' ? '请填写名称' : checkText(m.title, COBUILD_TITLE.min, COBUILD_TITLE.max);
      if (problem) return `第 ${i + 1} 个节点：${problem}`;
      if (!m.dueAt) return `第 ${i + 1} 个节点：请选择完成日期`;
    }
    return null;
  }

  check(): { errors: FieldErrors<ProjectField>; input: Input<'cobuild', 'saveProject'> | null } {
    const errors = fieldErrors<ProjectField>({
      title: this.title.trim() === '' ? '请填写项目名称' : checkText(this.title, COBUILD_TITLE.min, COBUILD_TITLE.max),
      goal:
        this.goal.trim() === ''
          ? '请填写项目目标'
          : checkText(this.goal, COBUILD_DESCRIPTION.min, COBUILD_DESCRIPTION.max),
      needs: this.needIds.length === 0 ? '请至少选择一项需求' : this.needIds.length > 20 ? '需求最多 20 项' : null,
      resources:
        this.resourceIds.length === 0 ? '请至少选择一项资源' : this.resourceIds.length > 20 ? '资源最多 20 项' : null,
      milestones: this.checkMilestones(),
      leadCommunity: checkName(this.leadCommunityName),
      leadUnit: checkName(this.leadUnitName),
    });
    if (Object.keys(errors).length > 0) return { errors, input: null };
    const original = this.original.value;
    return {
      errors,
      input: {
        ...(this.projectId && original ? { projectId: this.projectId, version: original.version } : {}),
        title: this.title.trim(),
        goal: this.goal.trim(),
        needIds: this.needIds,
        resourceIds: this.resourceIds,
        milestones: this.milestones.map((m) => ({ title: m.title.trim(), dueAt: m.dueAt })),
        leads: {
          community: { name: this.leadCommunityName.trim(), openid: this.leadCommunityOpenid },
          unit: { name: this.leadUnitName.trim() },
        },
      },
    };
  }

  async save(): Promise<ProjectView | null> {
    if (this.saving.busy || this.locked) return null;
    const { errors, input } = this.check();
    this.errors = errors;
    if (!input) return null;
    const saved = await this.saving.run(() => call('cobuild', 'saveProject', input));
    if (!saved) {
      const error = this.saving.error;
      if (error?.code === 'INVALID_INPUT') this.errors = withFieldIssues(this.errors, error.details, projectFieldOf);
      return null;
    }
    this.original.value = saved;
    return saved;
  }
}

export const projectForm = new ProjectFormStore();
