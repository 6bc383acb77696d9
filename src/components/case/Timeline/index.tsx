import { Text, View } from '@tarojs/components';
import type { CaseTimelineEntry } from '../../../../contract/functions/complaint';
import { PhotoGrid } from '../../wish/PhotoGrid';
import { CASE_STEP_LABELS, caseRole, formatTime, statusChange } from '../labels';
import './index.scss';

/**
 * 办理记录: every step of a case, oldest first — what was done, by whom in which role, when,
 * the change of status, the note and the photos.
 */
export function CaseTimeline({ steps }: { steps: readonly CaseTimelineEntry[] }) {
  return (
    <View className="case-timeline">
      {steps.map((step, i) => {
        const change = statusChange(step.from, step.to);
        const role = caseRole(step.role);
        // The system signs as itself: 系统, not 系统 · 系统.
        const who = step.byName && step.byName !== role ? `${step.byName} · ${role}` : role;
        return (
          <View key={`${step.at}-${i}`} className={`case-timeline__step case-timeline__step--${step.action}`}>
            <View className="case-timeline__dot" />
            <View className="case-timeline__body">
              <Text className="case-timeline__action">{CASE_STEP_LABELS[step.action] ?? step.action}</Text>
              <Text className="case-timeline__who">{who}</Text>
              <Text className="case-timeline__at">{formatTime(step.at)}</Text>
              {change ? <Text className="case-timeline__change">{change}</Text> : null}
              {step.note ? <Text className="case-timeline__note">{step.note}</Text> : null}
              {step.photos.length > 0 ? <PhotoGrid photos={step.photos} name="case-step" /> : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}
