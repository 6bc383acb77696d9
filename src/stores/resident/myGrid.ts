import '../configure';
import type { MyGrid } from '../../../contract';
import { call } from '../../services/cloud';
import { Loadable } from '../loadable';

/** 网格联系卡: the grid of the resident's address, its public contact cards and the building's 1+1带N pair. */
export const myGrid = new Loadable<MyGrid>(() => call('account', 'myGrid', {}));
