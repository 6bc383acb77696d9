import type { RoleGrant } from '../../contract';
import { CloudError, NETWORK_MESSAGE } from './CloudError';

/** One seeded user offered by the local server's demo picker (h5 only). */
export interface DemoUser {
  openid: string;
  label: string;
  name: string;
  roles: RoleGrant[];
  order: number;
}

/** `GET /dev/demo-users` on the local server (not part of the cloud contract: it is a dev tool). */
export async function fetchDemoUsers(): Promise<DemoUser[]> {
  let body: { users?: DemoUser[] };
  try {
    const res = await fetch('/dev/demo-users');
    if (!res.ok) throw new Error(String(res.status));
    body = (await res.json()) as { users?: DemoUser[] };
  } catch {
    throw new CloudError('INTERNAL', NETWORK_MESSAGE, null);
  }
  return Array.isArray(body.users) ? body.users : [];
}
