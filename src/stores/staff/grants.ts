import '../configure';
import { makeAutoObservable } from 'mobx';
import type { RoleGrant, RoleHolder, StaffGrant, UserSummary } from '../../../contract';
import { call } from '../../services/cloud';
import { Loadable, Pending } from '../loadable';
import { directory } from '../directory';
import { session } from '../session';
import { UserSearch } from './userSearch';

/** The roles the county admin grants, in the order offered. */
export const GRANTABLE_ROLES = ['secretary', 'gridWorker', 'department', 'unitAdmin', 'countyAdmin'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
export type RevocableGrant = Extract<RoleGrant, { role: GrantableRole }>;

/** Whom a grant or revocation is for: the person chosen, or a holder in the list. */
export interface GrantTarget {
  openid: string;
  name: string;
}

export type GrantConfirm =
  | { kind: 'grant'; grant: StaffGrant; who: GrantTarget }
  | { kind: 'revoke'; grant: RevocableGrant; who: GrantTarget };

/** The scope id `account.revokeRole` names for a grant (none for the county admin). */
export function scopeIdOf(grant: RevocableGrant): string | undefined {
  switch (grant.role) {
    case 'secretary':
    case 'gridWorker':
      return grant.communityId;
    case 'department':
      return grant.departmentId;
    case 'unitAdmin':
      return grant.unitId;
    case 'countyAdmin':
      return undefined;
  }
}

export function isRevocable(grant: RoleGrant): grant is RevocableGrant {
  return (GRANTABLE_ROLES as readonly string[]).includes(grant.role);
}

/**
 * 角色授权 (county admin: every staff role; a secretary: grid workers of her community): opens on
 * the current holders of each role (account.roleHolders), each revocable; find a person to see
 * their roles and grant a staff role with its scope. Every change is audited on the server.
 */
class RoleGrantsStore {
  readonly search = new UserSearch();
  /** Who holds the roles the caller may grant, one row per grant (by role, scope, name). */
  readonly holders = new Loadable<RoleHolder[]>(() => call('account', 'roleHolders', {}));
  /** The role whose holders are shown (null: the first the caller grants). */
  shownRole: GrantableRole | null = null;
  selected: UserSummary | null = null;

  /** The grant being put together: role and community as picked (null: the caller's default). */
  pickedRole: GrantableRole | null = null;
  pickedCommunity: string | null = null;
  gridIds: string[] = [];
  departmentId: string | null = null;
  unitId: string | null = null;
  draftError: string | null = null;

  confirming: GrantConfirm | null = null;
  readonly pending = new Pending();

  constructor() {
    makeAutoObservable(this, { search: false, pending: false, holders: false }, { autoBind: true, deep: false });
  }

  /** The county admin grants every staff role; a secretary only grid workers (account.grantRole). */
  get grantableRoles(): readonly GrantableRole[] {
    return session.roles.includes('countyAdmin') ? GRANTABLE_ROLES : ['gridWorker'];
  }

  /** A secretary appoints in her own community only (none for the county admin: any). */
  get ownCommunityId(): string | null {
    if (session.roles.includes('countyAdmin')) return null;
    const grant = session.staffGrants.find((g) => g.role === 'secretary');
    return grant && grant.role === 'secretary' ? grant.communityId : null;
  }

  /** The role whose holders are listed (the session's roles may arrive after the page opened). */
  get holderRole(): GrantableRole {
    return this.shownRole ?? this.grantableRoles[0];
  }

  /** The holders of the role shown, in the server's order. */
  get shownHolders(): RoleHolder[] | null {
    return this.holders.value?.filter((h) => h.grant.role === this.holderRole) ?? null;
  }

  get role(): GrantableRole {
    return this.pickedRole ?? this.grantableRoles[0];
  }

  get communityId(): string | null {
    return this.pickedCommunity ?? this.ownCommunityId;
  }

  open(): void {
    this.search.clear();
    this.selected = null;
    this.confirming = null;
    this.shownRole = null;
    this.resetDraft();
    void this.holders.load();
  }

  showHolders(role: GrantableRole): void {
    this.shownRole = role;
  }

  select(user: UserSummary | null): void {
    this.selected = user;
    this.confirming = null;
    this.resetDraft();
  }

  setRole(role: GrantableRole): void {
    this.pickedRole = role;
    this.draftError = null;
    if (role === 'gridWorker' && this.communityId) directory.community(this.communityId).ensure();
  }

  setCommunity(communityId: string): void {
    if (this.communityId !== communityId) {
      this.gridIds = [];
      this.unitId = null;
    }
    this.pickedCommunity = communityId;
    this.draftError = null;
    // A grid worker's grids are chosen among the community's.
    if (this.role === 'gridWorker') directory.community(communityId).ensure();
  }

  toggleGrid(gridId: string): void {
    this.gridIds = this.gridIds.includes(gridId) ? this.gridIds.filter((g) => g !== gridId) : [...this.gridIds, gridId];
    this.draftError = null;
  }

  setDepartment(departmentId: string): void {
    this.departmentId = departmentId;
    this.draftError = null;
  }

  setUnit(unitId: string): void {
    this.unitId = unitId;
    this.draftError = null;
  }

  /** The grant as the contract wants it, or what is still missing. */
  get draft(): StaffGrant | { error: string } {
    switch (this.role) {
      case 'secretary':
        return this.communityId ? { role: 'secretary', communityId: this.communityId } : { error: '请选择社区' };
      case 'gridWorker':
        if (!this.communityId) return { error: '请选择社区' };
        if (this.gridIds.length === 0) return { error: '请选择至少一个网格' };
        return { role: 'gridWorker', communityId: this.communityId, gridIds: [...this.gridIds] };
      case 'department':
        return this.departmentId ? { role: 'department', departmentId: this.departmentId } : { error: '请选择部门' };
      case 'unitAdmin':
        return this.unitId ? { role: 'unitAdmin', unitId: this.unitId } : { error: '请选择单位' };
      case 'countyAdmin':
        return { role: 'countyAdmin' };
    }
  }

  askGrant(): void {
    const draft = this.draft;
    if ('error' in draft) {
      this.draftError = draft.error;
      return;
    }
    const user = this.selected;
    if (!user) return;
    this.draftError = null;
    this.confirming = { kind: 'grant', grant: draft, who: { openid: user.openid, name: user.name } };
    this.pending.clear();
  }

  /** Asks before revoking `grant` of `who` (default: the person chosen). */
  askRevoke(grant: RevocableGrant, who?: GrantTarget): void {
    const target = who ?? (this.selected ? { openid: this.selected.openid, name: this.selected.name } : null);
    if (!target) return;
    this.confirming = { kind: 'revoke', grant, who: target };
    this.pending.clear();
  }

  cancel(): void {
    this.confirming = null;
    this.pending.clear();
  }

  /** Sends the confirmed grant or revocation; true when done. */
  async confirm(): Promise<boolean> {
    const confirming = this.confirming;
    if (!confirming || this.pending.busy) return false;
    const { openid } = confirming.who;
    const updated =
      confirming.kind === 'grant'
        ? await this.pending.run(() => call('account', 'grantRole', { openid, grant: confirming.grant }))
        : await this.pending.run(() => {
            const scopeId = scopeIdOf(confirming.grant);
            return call('account', 'revokeRole', {
              openid,
              role: confirming.grant.role,
              ...(scopeId ? { scopeId } : {}),
            });
          });
    if (!updated) return false;
    this.changed(updated);
    return true;
  }

  private changed(user: UserSummary): void {
    if (this.selected?.openid === user.openid) this.selected = user;
    this.search.replace(user);
    this.confirming = null;
    this.resetDraft();
    // The holders as they are now (one read): a grant adds a row, a revocation takes one away.
    void this.holders.load();
  }

  private resetDraft(): void {
    this.pickedRole = null;
    this.pickedCommunity = null;
    this.gridIds = [];
    this.departmentId = null;
    this.unitId = null;
    this.draftError = null;
  }
}

export const roleGrants = new RoleGrantsStore();
