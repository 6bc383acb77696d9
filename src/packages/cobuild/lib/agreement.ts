import type { AgreementView, CobuildStamp } from '../../../../contract';
import { formatTime } from '../../../utils/date';

/** A side's signature in words: 谢春梅 12月7日 10:00 签署, or 未签署. */
export const signature = (stamp: CobuildStamp | null): string =>
  stamp ? `${stamp.name} ${formatTime(stamp.at)} 签署` : '未签署';

/** 第 2 版 (the year's agreement of the pair). */
export const versionLabel = (a: Pick<AgreementView, 'number'>): string => `第 ${a.number} 版`;
