import '../configure';
import { makeAutoObservable, observable, when, type IReactionDisposer } from 'mobx';
import type { MemberView } from '../../../contract';
import { byPinyin } from '../../../contract/collate';
import { call } from '../../services/cloud';
import { session } from '../session';
import { Loadable } from '../loadable';

const isCountyAdmin = () => session.staffGrants.some((g) => g.role === 'countyAdmin');

/**
 * Opening a roster page: the scope named in the URL, else — once the session says who this is —
 * the caller's own (a secretary, a unit admin); the county admin chooses first.
 */
function enterWith(id: string | null, open: (id: string | null) => void, clear: () => void): IReactionDisposer | null {
  if (id) {
    open(id);
    return null;
  }
  clear();
  return when(
    () => session.me !== null,
    () => {
      if (!isCountyAdmin()) open(null);
    },
  );
}

export interface UnitGroup {
  unit: { id: string; name: string };
  members: MemberView[];
}

/** Members by their unit, units by name (pinyin); the order within a unit is the server's (by name). */
export function groupByUnit(members: readonly MemberView[]): UnitGroup[] {
  const groups = new Map<string, UnitGroup>();
  for (const m of members) {
    const group = groups.get(m.unit.id) ?? { unit: m.unit, members: [] };
    group.members.push(m);
    groups.set(m.unit.id, group);
  }
  return [...groups.values()].sort((a, b) => byPinyin(a.unit.name, b.unit.name));
}

/**
 * 社区党员: the verified members of one community. A secretary reads their own (no id needed);
 * the county admin names the community.
 */
class CommunityMembersStore {
  communityId: string | null = null;
  private waiting: IReactionDisposer | null = null;
  list = new Loadable<MemberView[]>(() => call('account', 'communityMembers', {}));

  constructor() {
    makeAutoObservable<CommunityMembersStore, 'waiting'>(
      this,
      { list: observable.ref, waiting: false },
      { autoBind: true, deep: false },
    );
  }

  /** The page opens: `communityId` from its URL, if any. */
  enter(communityId: string | null): void {
    this.waiting?.();
    this.waiting = enterWith(communityId, this.open, this.clear);
  }

  get groups(): UnitGroup[] {
    return groupByUnit(this.list.value ?? []);
  }

  /** `communityId` null: the caller's own community (a secretary). */
  open(communityId: string | null): void {
    this.communityId = communityId;
    this.list.clear();
    this.list = new Loadable<MemberView[]>(() =>
      call('account', 'communityMembers', communityId ? { communityId } : {}),
    );
    void this.list.load();
  }

  /** The county admin has not chosen a community yet. */
  clear(): void {
    this.communityId = null;
    this.list.clear();
  }
}

/**
 * 本单位党员: a unit's members, where they reported and whether it is verified. A unit admin
 * reads their own; the county admin names the unit.
 */
class UnitMembersStore {
  unitId: string | null = null;
  private waiting: IReactionDisposer | null = null;
  /** The county admin's unit picker: units paired with this community are offered. */
  browseCommunityId: string | null = null;
  list = new Loadable<MemberView[]>(() => call('account', 'unitMembers', {}));

  constructor() {
    makeAutoObservable<UnitMembersStore, 'waiting'>(
      this,
      { list: observable.ref, waiting: false },
      { autoBind: true, deep: false },
    );
  }

  /** The page opens: `unitId` from its URL, if any. */
  enter(unitId: string | null): void {
    this.waiting?.();
    this.waiting = enterWith(unitId, this.open, this.clear);
  }

  get counts(): { verified: number; pending: number } {
    const members = this.list.value ?? [];
    return {
      verified: members.filter((m) => m.status === 'verified').length,
      pending: members.filter((m) => m.status === 'pending').length,
    };
  }

  open(unitId: string | null): void {
    this.unitId = unitId;
    this.list.clear();
    this.list = new Loadable<MemberView[]>(() => call('account', 'unitMembers', unitId ? { unitId } : {}));
    void this.list.load();
  }

  clear(): void {
    this.unitId = null;
    this.list.clear();
  }

  browse(communityId: string): void {
    this.browseCommunityId = communityId;
  }
}

export const communityMembers = new CommunityMembersStore();
export const unitMembers = new UnitMembersStore();
