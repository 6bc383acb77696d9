import { Text } from '@tarojs/components';
import type { ActivityView } from '../../../../contract';
import { PHASE_LABELS } from '../labels';
import './index.scss';

/** An activity's phase as a coloured tag: 报名中, 报名已截止, 签到中, 已结束, 已取消. */
export function PhaseTag({ phase }: { phase: ActivityView['phase'] }) {
  return <Text className={`activity-phase activity-phase--${phase}`}>{PHASE_LABELS[phase]}</Text>;
}
