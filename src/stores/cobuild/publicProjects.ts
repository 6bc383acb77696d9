import '../configure';
import { makeAutoObservable } from 'mobx';
import type { PublicProjectView } from '../../../contract';
import { COBUILD_DESCRIPTION } from '../../../contract/limits';
import { call } from '../../services/cloud';
import { checkText } from '../../utils/fields';
import { Loadable, Pending } from '../loadable';
import { PagedList } from '../paged';

/** 进行中 (`ongoing`: Segmented's own `--active` marks the chosen tab), shown first, and 已完成. */
export const PUBLIC_TABS = ['ongoing', 'done'] as const;
export type PublicTab = (typeof PUBLIC_TABS)[number];

/** 共建项目 of the resident's community (cobuild.publicProjects): in progress or done, 20 a page. */
class PublicProjectsStore {
  tab: PublicTab = 'ongoing';
  readonly lists: Record<PublicTab, PagedList<PublicProjectView>> = {
    ongoing: new PagedList((from) => call('cobuild', 'publicProjects', { status: 'active', from })),
    done: new PagedList((from) => call('cobuild', 'publicProjects', { status: 'done', from })),
  };

  constructor() {
    makeAutoObservable(this, { lists: false }, { autoBind: true, deep: false });
  }

  get current(): PagedList<PublicProjectView> {
    return this.lists[this.tab];
  }

  refresh(): void {
    for (const [tab, list] of Object.entries(this.lists)) if (tab !== this.tab) list.clear();
    void this.current.load();
  }

  show(tab: PublicTab): void {
    this.tab = tab;
    this.current.ensure();
  }
}

export const publicProjects = new PublicProjectsStore();

/** One project as a resident sees it (cobuild.publicProject), and their 评价 (once, 1–5 stars and a comment) of a done one. */
class PublicProjectStore {
  projectId: string | null = null;
  readonly project = new Loadable<PublicProjectView>(() =>
    call('cobuild', 'publicProject', { projectId: this.projectId! }),
  );
  stars = 0;
  comment = '';
  error: string | null = null;
  readonly rating = new Pending();
  notice: string | null = null;

  constructor() {
    makeAutoObservable(this, { project: false, rating: false }, { autoBind: true, deep: false });
  }

  open(projectId: string): void {
    this.projectId = projectId;
    this.stars = 0;
    this.comment = '';
    this.error = null;
    this.notice = null;
    this.rating.clear();
    this.project.clear();
    void this.project.load();
  }

  setStars(stars: number): void {
    this.stars = stars;
    this.error = null;
  }

  setComment(value: string): void {
    this.comment = value;
    this.error = null;
  }

  async rate(): Promise<PublicProjectView | null> {
    const p = this.project.value;
    if (!p || this.rating.busy) return null;
    this.error =
      this.stars < 1
        ? '请点星评价（1–5 星）'
        : checkText(this.comment, COBUILD_DESCRIPTION.min, COBUILD_DESCRIPTION.max);
    if (this.error) return null;
    const rated = await this.rating.run(() =>
      call('cobuild', 'rateProject', { projectId: p.id, stars: this.stars, comment: this.comment.trim() }),
    );
    if (!rated) {
      if (this.rating.error?.code === 'CONFLICT') void this.project.load();
      return null;
    }
    this.project.value = rated;
    this.notice = '感谢您的评价';
    return rated;
  }
}

export const publicProject = new PublicProjectStore();
