import { PRIVACY_VERSION } from '../../contract';

/** One benchmarked action: called `runs` times through the h5 gateway, sequentially. */
export interface BenchCase {
  name: string;
  fn: string;
  action: string;
  /** Payload and caller for call number `i` (so a case can use a fresh user per call). */
  call: (i: number) => { openid: string; payload: unknown };
}

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
];
