import { directory } from '../../contract/functions/directory';
import { directoryHandlers } from '../../server/directory';
import { createFunction } from '../../server/platform/router';

/** 目录: communities, grids and contact cards, units, departments, Red Stations; the county admin's edits. */
export const main = createFunction('directory', directory, directoryHandlers);
