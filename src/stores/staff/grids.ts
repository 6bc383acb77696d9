import '../configure';
import { makeAutoObservable, observable } from 'mobx';
import type { CommunityDetail, ContactCardAdminView, UserSummary } from '../../../contract';
import { call } from '../../services/cloud';
import { Loadable, Pending } from '../loadable';
import { directory } from '../directory';
import { UserSearch } from './userSearch';

export type GridConfirm = { kind: 'appoint'; user: UserSummary } | { kind: 'revoke'; card: ContactCardAdminView };

/**
 * 网格员与联系卡: a secretary's grids, the contact cards of the chosen grid, appointing a grid
 * worker from the community's residents and removing one.
 */
class GridStaffStore {
  communityId: string | null = null;
  gridId: string | null = null;
  cards: Loadable<ContactCardAdminView[]> | null = null;

  /** The resident search of 任命网格员, open or not. */
  appointing = false;
  readonly search = new UserSearch();
  confirming: GridConfirm | null = null;
  readonly pending = new Pending();
  /** The person just appointed, offered a contact card next. */
  appointed: UserSummary | null = null;

  constructor() {
    makeAutoObservable(this, { cards: observable.ref, search: false, pending: false }, { autoBind: true, deep: false });
  }

  get community(): Loadable<CommunityDetail> | null {
    return this.communityId ? directory.community(this.communityId) : null;
  }

  get grid(): CommunityDetail['grids'][number] | null {
    return this.community?.value?.grids.find((g) => g.id === this.gridId) ?? null;
  }

  async open(communityId: string): Promise<void> {
    this.communityId = communityId;
    this.closeAppoint();
    this.confirming = null;
    this.appointed = null;
    const detail = await directory.community(communityId).get();
    const first = detail?.grids[0]?.id ?? null;
    const keep = detail?.grids.some((g) => g.id === this.gridId);
    this.pick(keep ? this.gridId : first);
  }

  pick(gridId: string | null): void {
    this.gridId = gridId;
    this.appointed = null;
    this.cards = gridId ? new Loadable(() => call('directory', 'gridCards', { gridId })) : null;
    void this.cards?.load();
  }

  reloadCards(): void {
    void this.cards?.load();
  }

  openAppoint(): void {
    this.appointing = true;
    this.appointed = null;
    this.search.clear();
  }

  closeAppoint(): void {
    this.appointing = false;
    this.search.clear();
  }

  ask(confirm: GridConfirm): void {
    this.confirming = confirm;
    this.pending.clear();
  }

  cancel(): void {
    this.confirming = null;
    this.pending.clear();
  }

  /** Sends the confirmed appointment or removal; true when it was done. */
  async confirm(): Promise<boolean> {
    const confirming = this.confirming;
    const { communityId, gridId } = this;
    if (!confirming || !communityId || !gridId || this.pending.busy) return false;
    const done =
      confirming.kind === 'appoint'
        ? await this.pending.run(() =>
            call('account', 'grantRole', {
              openid: confirming.user.openid,
              grant: { role: 'gridWorker', communityId, gridIds: [gridId] },
            }),
          )
        : await this.pending.run(() => this.remove(confirming.card, communityId));
    if (!done) return false;
    this.finished(confirming, done);
    return true;
  }

  /**
   * Removing a grid worker: their card stops publishing name, phone and photo while they still
   * may be edited, then the grant goes (the server keeps the card: nothing is deleted).
   */
  private async remove(card: ContactCardAdminView, communityId: string): Promise<UserSummary> {
    const { published } = card;
    if (published.name || published.phone || published.photo) {
      const { id: cardId, ...rest } = card;
      await call('directory', 'saveContactCard', {
        ...rest,
        cardId,
        published: { name: false, phone: false, photo: false },
      });
    }
    return call('account', 'revokeRole', { openid: card.openid, role: 'gridWorker', scopeId: communityId });
  }

  private finished(confirming: GridConfirm, user: UserSummary): void {
    this.confirming = null;
    if (confirming.kind === 'appoint') {
      this.appointed = user;
      this.closeAppoint();
    }
    this.reloadCards();
  }
}

export const gridStaff = new GridStaffStore();
