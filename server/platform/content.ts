import { getCloud } from './cloud';
import { log } from './log';

export type Verdict = 'pass' | 'review' | 'risky';

/** msgSecCheck v2 scenes: 1 资料 2 评论 3 论坛 4 社交日志. */
export const SCENE = { profile: 1, comment: 2, post: 3 } as const;

/**
 * WeChat's content security check (msgSecCheck v2) of user text, as the author (their openid
 * must have used the mini-program within 2 hours — the caller just did). A failed check is
 * treated as `review`: the text is held for staff rather than shown or lost.
 */
export async function checkText(openid: string, content: string, scene: number, requestId: string): Promise<Verdict> {
  if (!content.trim()) return 'pass';
  try {
    const res = (await getCloud().openapi.security.msgSecCheck({
      content: content.slice(0, 2500),
      version: 2,
      scene,
      openid,
    })) as {
      result?: { suggest?: string };
    };
    const suggest = res.result?.suggest;
    return suggest === 'pass' || suggest === 'risky' ? suggest : 'review';
  } catch (err) {
    log.warn('content check unavailable; holding for review', {
      requestId,
      error: String((err as { errMsg?: string }).errMsg ?? err),
    });
    return 'review';
  }
}
