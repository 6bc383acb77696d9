import { notify } from '../notify';
import type { CallContext } from '../platform/router';
import { log } from '../platform/log';
import type { WishDoc } from './model';
import { releaseClaim } from './claim';
import { wishPage } from './shared';

/**
 * Scheduled: claims past their deadline go back to `published`; submitter and claimer are told.
 * Each wish is released by a conditional update on the expected claim, so a claim fulfilled in
 * the meantime is left alone.
 */
export async function expireClaims(ctx: CallContext): Promise<{ expired: number }> {
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('wishes')
    .where({ status: 'claimed', 'claim.deadline': _.lt(ctx.now) })
    .limit(100)
    .get<WishDoc>();
  let expired = 0;
  for (const due of data) {
    try {
      const wish = await releaseClaim(
        ctx,
        due,
        { claimer: due.claim!.openid, expiredBy: ctx.now },
        {
          at: ctx.now,
          by: 'system',
          byName: '系统',
          role: 'system',
          action: 'expire',
          from: 'claimed',
          to: 'published',
          note: `认领超过 ${due.claimDays} 天未完成，自动释放`,
        },
      );
      expired++;
      const content = {
        subject: wish.description,
        status: '认领到期',
        time: ctx.now,
        note: '认领到期，心愿已重新开放认领',
      };
      await notify(ctx, [wish.submitterOpenid, due.claim!.openid], 'wishClaimReleased', content, wishPage(wish._id));
    } catch (err) {
      log.warn('claim not expired', {
        requestId: ctx.requestId,
        wishId: due._id,
        error: String((err as Error).message),
      });
    }
  }
  return { expired };
}
