import type { ActionMap, InputOf, ResultOf } from './action';
import { account } from './functions/account';
import { cobuild, meeting } from './functions/cobuild';
import { complaint } from './functions/complaint';
import { directory } from './functions/directory';
import { sixOnes } from './functions/sixOnes';
import { supervision, supervisionExport } from './functions/supervision';
import { wish } from './functions/wish';

export * from './errors';
export * from './roles';
export * from './action';
export * from './privacy';
export * from './audit';
export type * from './functions/account';
export type * from './functions/directory';
export type * from './functions/wish';
export type * from './functions/sixOnes';
export type * from './functions/complaint';
export type * from './functions/cobuild';
export type * from './functions/supervision';

/** Every deployed function and its actions: the single source for router, client and docs. */
export const contract = {
  account,
  directory,
  wish,
  sixOnes,
  complaint,
  cobuild,
  meeting,
  supervision,
  supervisionExport,
} as const satisfies Record<string, ActionMap>;

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
export type Input<F extends FunctionName, A extends ActionName<F>> = InputOf<Contract[F][A]>;
export type Result<F extends FunctionName, A extends ActionName<F>> = ResultOf<Contract[F][A]>;

/** Request body of a function call: the same in weapp (callFunction data) and in h5 (POST body). */
export interface CallEvent {
  action: string;
  payload?: unknown;
}
