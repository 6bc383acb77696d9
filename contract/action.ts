import type { z } from 'zod';
import type { Role } from './roles';

/**
 * One action of a cloud function: its input schema, who may call it, and (as a type only) what
 * it returns. `roles: 'anyone'` means any caller with a WeChat identity — a first-time caller
 * included.
 */
export interface ActionSpec<I extends z.ZodTypeAny = z.ZodTypeAny, R = unknown> {
  summary: string;
  input: I;
  roles: 'anyone' | readonly Role[];
  /**
   * At most `max` calls per person in each window of `windowMinutes` (a loop of cheap writes is
   * refused with RATE_LIMITED, saying when to try again); the router takes the try first. A
   * deployment may scale `max` (`TXY_RATE_LIMIT_FACTOR`, docs/deployment.md).
   */
  rateLimit?: { max: number; windowMinutes: number };
  /** Phantom: carries the result type; never set at run time. */
  readonly __result?: R;
}

/** `defineAction<Result>()({ ... })` — curried so the input type is inferred and the result given. */
export const defineAction =
  <R>() =>
  <I extends z.ZodTypeAny>(spec: Omit<ActionSpec<I, R>, '__result'>): ActionSpec<I, R> =>
    spec;

export type ActionMap = Record<string, ActionSpec>;
export type InputOf<A> = A extends ActionSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<A> = A extends ActionSpec<infer I, unknown> ? z.output<I> : never;
export type ResultOf<A> = A extends ActionSpec<z.ZodTypeAny, infer R> ? R : never;
