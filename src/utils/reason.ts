import { REASON } from '../../contract/limits';
import { checkText } from './fields';

/**
 * A reason the organiser writes (取消活动, 手工签到, 补签退, 驳回记录): 2–200 characters, as the
 * contract's `text(2, 200)`. Null when it passes.
 */
export function checkReason(value: string): string | null {
  return value.trim() === '' ? '请填写理由' : checkText(value, REASON.min, REASON.max);
}
