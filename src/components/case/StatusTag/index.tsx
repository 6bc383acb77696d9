import { Text } from '@tarojs/components';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../../contract/caseLabels';
import './index.scss';

/** A case's status as a coloured tag: 待响应, 网格办理中 … 已完结, 已撤回. */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Text className={`case-status case-status--${status}`}>{CASE_STATUS_LABELS[status]}</Text>;
}
