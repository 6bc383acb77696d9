import type { supervision } from '../../contract/functions/supervision';
import type { Handlers } from '../platform/router';
import { closeQuarter, publishReport, quarterReport, saveBulletin } from './reports';
import { rules, saveRules } from './rules';
import { halfYear, ranking, report } from './views';

export const supervisionHandlers: Handlers<typeof supervision> = {
  ranking,
  halfYear,
  report,
  rules,
  saveRules,
  quarterReport,
  closeQuarter,
  saveBulletin,
  publishReport,
};
