import { PRIVACY_VERSION } from '../../contract';
import type { LocalCloud } from '../../emulator/local-cloud';

/** One benchmarked action: called `runs` times through the h5 gateway, sequentially. */
export interface BenchCase {
  name: string;
  fn: string;
  action: string;
  /** Payload and caller for call number `i` (so a case can use a fresh user per call). */
  call: (i: number, prepared: string[]) => { openid: string; payload: unknown };
  /** Reads what the calls need (e.g. ids of published wishes) before timing starts. */
  prepare?: (cloud: LocalCloud) => string[];
}

const publishedWishes = (cloud: LocalCloud) =>
  cloud.store.find('wishes', { query: { status: 'published' }, sort: { _id: 1 } }).map((w) => w._id);
/** Verified members without active claims, so every timed claim can succeed. */
const freeMembers = (cloud: LocalCloud) =>
  cloud.store
    .find('users', {
      query: { roles: { $elemMatch: { role: 'member', verified: true } }, activeClaims: { $exists: false } },
    })
    .map((u) => u._id);

export const CASES: BenchCase[] = [
  {
    name: 'account.me (registered user)',
    fn: 'account',
    action: 'me',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
  },
  {
    name: 'account.me (first call: registers)',
    fn: 'account',
    action: 'me',
    call: (i) => ({ openid: `o-bench-new-${i}`, payload: {} }),
  },
  {
    name: 'account.acceptPrivacy',
    fn: 'account',
    action: 'acceptPrivacy',
    // users registered by the case above, who have not accepted yet: one read, one write
    call: (i) => ({
      openid: `o-bench-new-${i}`,
      payload: { version: PRIVACY_VERSION },
    }),
  },
  {
    name: 'account.myGrid (我的网格)',
    fn: 'account',
    action: 'myGrid',
    call: () => ({ openid: 'demo-resident', payload: {} }),
  },
  {
    name: 'directory.stations (near)',
    fn: 'directory',
    action: 'stations',
    call: () => ({ openid: 'demo-resident', payload: { near: { lat: 26.34, lng: 115.35 } } }),
  },
  {
    name: 'directory.community (profile pickers)',
    fn: 'directory',
    action: 'community',
    call: () => ({ openid: 'demo-resident', payload: { communityId: 'c01' } }),
  },
  {
    name: 'account.reportQueue (secretary)',
    fn: 'account',
    action: 'reportQueue',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
  },
  {
    name: 'account.communityMembers (secretary)',
    fn: 'account',
    action: 'communityMembers',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
  },
  {
    name: 'account.unitMembers (unit admin)',
    fn: 'account',
    action: 'unitMembers',
    call: () => ({ openid: 'demo-unit-admin', payload: {} }),
  },
  {
    name: 'wish.hall (20 a page)',
    fn: 'wish',
    action: 'hall',
    call: (i) => ({ openid: 'demo-member', payload: { from: (i % 5) * 20 } }),
  },
  {
    name: 'wish.claim',
    fn: 'wish',
    action: 'claim',
    prepare: (cloud) => {
      const wishes = publishedWishes(cloud);
      const members = freeMembers(cloud);
      // One claim per member (each has 3 free slots), each on its own wish.
      return wishes.map((w, i) => `${w} ${members[i % members.length]}`);
    },
    call: (i, pairs) => {
      const [wishId, openid] = pairs[i].split(' ');
      return { openid, payload: { wishId } };
    },
  },
];
