import { Text } from '@tarojs/components';
import { CASE_STATUS_LABELS, CASE_STATUS_PLAIN, type CaseStatus } from '../../../../contract/caseLabels';
import './index.scss';

/**
 * A case's status as a coloured tag: the handlers' 待响应, 网格办理中 … 已完结, 已撤回; `plain`
 * for the complainant, who reads progress, not the chain: 等待受理, 正在办理, 待您确认 ….
 */
export function CaseStatusTag({ status, plain = false }: { status: CaseStatus; plain?: boolean }) {
  return (
    <Text className={`case-status case-status--${status}`}>
      {(plain ? CASE_STATUS_PLAIN : CASE_STATUS_LABELS)[status]}
    </Text>
  );
}
