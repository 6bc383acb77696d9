import { supervisionExport } from '../../contract/functions/supervision';
import { exportReport } from '../../server/supervision/export';
import { createFunction } from '../../server/platform/router';

/** 督导's Excel export: its own function, so exceljs (about 1 MB) weighs on no other call. */
export const main = createFunction('supervisionExport', supervisionExport, { exportReport });
