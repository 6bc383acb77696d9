import '../configure';
import { makeAutoObservable } from 'mobx';
import type { RoleGrant, StaffGrant, UserSummary } from '../../../contract';
import { call } from '../../services/cloud';
import { Pending } from '../loadable';
import { directory } from '../directory';
import { UserSearch } from './userSearch';

/** The roles the county admin grants, in the order offered. */
export const GRANTABLE_ROLES = ['secretary', 'gridWorker', 'department', 'unitAdmin', 'countyAdmin'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
export type RevocableGrant = Extract<RoleGrant, { role: GrantableRole }>;

export type GrantConfirm = { kind: 'grant'; grant: StaffGrant } | { kind: 'revoke'; grant: RevocableGrant };

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
 * 角色授权 (county admin): find a person, see their roles, grant a staff role with its scope,
 * revoke one. Every change is audited on the server.
 */
class RoleGrantsStore {
  readonly search = new UserSearch();
  selected: UserSummary | null = null;

  /** The grant being put together. */
  role: GrantableRole = 'secretary';
  communityId: string | null = null;
  gridIds: string[] = [];
  departmentId: string | null = null;
  unitId: string | null = null;
  draftError: string | null = null;

  confirming: GrantConfirm | null = null;
  readonly pending = new Pending();

  constructor() {
    makeAutoObservable(this, { search: false, pending: false }, { autoBind: true, deep: false });
  }

  open(): void {
    this.search.clear();
    this.selected = null;
    this.confirming = null;
    this.resetDraft();
  }

  select(user: UserSummary | null): void {
    this.selected = user;
    this.confirming = null;
    this.resetDraft();
  }

  setRole(role: GrantableRole): void {
    this.role = role;
    this.draftError = null;
    if (role === 'gridWorker' && this.communityId) directory.community(this.communityId).ensure();
  }

  setCommunity(communityId: string): void {
    if (this.communityId !== communityId) {
      this.gridIds = [];
      this.unitId = null;
    }
    this.communityId = communityId;
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
    this.draftError = null;
    this.confirming = { kind: 'grant', grant: draft };
    this.pending.clear();
  }

  askRevoke(grant: RevocableGrant): void {
    this.confirming = { kind: 'revoke', grant };
    this.pending.clear();
  }

  cancel(): void {
    this.confirming = null;
    this.pending.clear();
  }

  /** Sends the confirmed grant or revocation; true when done. */
  async confirm(): Promise<boolean> {
    const confirming = this.confirming;
    const user = this.selected;
    if (!confirming || !user || this.pending.busy) return false;
    const updated =
      confirming.kind === 'grant'
        ? await this.pending.run(() => call('account', 'grantRole', { openid: user.openid, grant: confirming.grant }))
        : await this.pending.run(() => {
            const scopeId = scopeIdOf(confirming.grant);
            return call('account', 'revokeRole', {
              openid: user.openid,
              role: confirming.grant.role,
              ...(scopeId ? { scopeId } : {}),
            });
          });
    if (!updated) return false;
    this.changed(updated);
    return true;
  }

  private changed(user: UserSummary): void {
    this.selected = user;
    this.search.replace(user);
    this.confirming = null;
    this.resetDraft();
  }

  private resetDraft(): void {
    this.role = 'secretary';
    this.communityId = null;
    this.gridIds = [];
    this.departmentId = null;
    this.unitId = null;
    this.draftError = null;
  }
}

export const roleGrants = new RoleGrantsStore();
