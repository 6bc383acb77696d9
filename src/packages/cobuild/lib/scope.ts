import { useLoad } from '@tarojs/taro';
import { when } from 'mobx';
import { useState } from 'react';
import { usePageTitle } from '../../../components/Screen';
import { directory } from '../../../stores/directory';
import { session } from '../../../stores/session';

/** The county admin without a community or unit of their own: picks the community a page shows. */
export const countyOnly = (): boolean => {
  const roles = session.staffGrants.map((g) => g.role);
  return roles.includes('countyAdmin') && !roles.includes('secretary') && !roles.includes('unitAdmin');
};

/** The caller is a community's secretary (who may close a decision as 撤销). */
export const isSecretary = (): boolean => session.staffGrants.some((g) => g.role === 'secretary');

/** Resolves once the signed-in user is read (or could not be): the roles are known. */
export const whenSignedIn = (): Promise<void> => when(() => session.me !== null || session.error !== null);

/** A page's `?communityId=&year=` (the county overview's rows and the pages they open pass them on). */
export function scopeParams(params: Record<string, string | undefined>): {
  communityId: string | null;
  year: number | undefined;
} {
  const year = Number(params.year);
  return {
    communityId: params.communityId ? decodeURIComponent(params.communityId) : null,
    year: Number.isInteger(year) && year > 0 ? year : undefined,
  };
}

/** The `&communityId=&year=` a list of the county admin's pick passes on to an item it opens ('' for the caller's own). */
export const scopeQuery = (s: { communityId: string | null; year: number | null }): string =>
  (s.communityId ? `&communityId=${encodeURIComponent(s.communityId)}` : '') + (s.year ? `&year=${s.year}` : '');

/** A store of a community's co-building year: the caller's own (null), or the county admin's pick. */
export interface CommunityScoped {
  communityId: string | null;
  open(communityId: string | null, year?: number): void;
}

/**
 * A page of one community's co-building year (`?communityId=&year=`, as the county overview's rows
 * open it; else the caller's own). `reset` empties the store at once (nothing of the last visit
 * shows); once the roles are known the store opens, except for the county admin opening the page
 * without a community, who picks one first: true while the page offers that picker. The page's
 * title names the county admin's community (`what`: 需求清单 …).
 */
export function useCommunityScope(store: CommunityScoped, what: string, reset: () => void): boolean {
  const [picks, setPicks] = useState(false);
  useLoad((params: Record<string, string | undefined>) => {
    const { communityId, year } = scopeParams(params);
    reset();
    void whenSignedIn().then(() => {
      const county = countyOnly();
      const pick = county && !communityId;
      setPicks(pick);
      // The community's name, for the title and the picker.
      if (county) directory.communities.ensure();
      if (pick) store.communityId = null;
      else store.open(communityId, year);
    });
  });
  const name = store.communityId ? directory.communityName(store.communityId) : null;
  usePageTitle(name ? `${name} · ${what}` : null);
  return picks;
}
