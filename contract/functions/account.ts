import { z } from 'zod';
import { defineAction } from '../action';
import type { RoleGrant } from '../roles';

/** What `account.me` answers: the caller's own profile, unmasked (it is theirs). */
export interface Me {
  openid: string;
  name: string | null;
  /** Nickname shown when no real name was given. */
  displayName: string;
  roles: RoleGrant[];
  /** Version of the privacy guide (用户隐私保护指引) the user accepted, or null. */
  privacyAcceptedVersion: string | null;
  /** True when this call registered the caller. */
  isNew: boolean;
  createdAt: string;
}

export const account = {
  me: defineAction<Me>()({
    summary: "The caller's profile and roles; registers a first-time caller as a resident.",
    input: z.object({}).strict(),
    roles: 'anyone',
  }),
  acceptPrivacy: defineAction<Me>()({
    summary: 'Records that the caller accepted this version of the privacy guide (用户隐私保护指引).',
    input: z.object({ version: z.string().min(1).max(32) }).strict(),
    roles: 'anyone',
  }),
} as const;
