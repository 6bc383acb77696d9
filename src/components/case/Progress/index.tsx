import { Text, View } from '@tarojs/components';
import type { CaseProgressStep } from '../../../../contract/functions/complaint';
import { formatTime } from '../labels';
import './index.scss';

/**
 * 办理进度 as the complainant reads it (`CaseView.progress.steps`): what happened, oldest first,
 * in plain lines with their time and the reply — never the handlers' chain (that is CaseTimeline).
 */
export function CaseProgressList({ steps }: { steps: readonly CaseProgressStep[] }) {
  return (
    <View className="case-progress">
      {steps.map((step, i) => (
        <View key={`${step.at}-${i}`} className="case-progress__step">
          <View className="case-progress__dot" />
          <View className="case-progress__body">
            <Text className="case-progress__text">{step.text}</Text>
            <Text className="case-progress__at">{formatTime(step.at)}</Text>
            {step.note ? <Text className="case-progress__note">{step.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
