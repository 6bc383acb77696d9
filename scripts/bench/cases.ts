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
];
