/** Telling people about a case: the complainant, the grid's staff, the community's secretary. */
import { notify, type NoticeContent, type TemplateKey } from '../notify';
import { gridStaff, staffOf } from '../notify/recipients';
import type { CallContext } from '../platform/router';
import { directory } from '../directory/cache';
import type { CaseDoc } from './model';
import { isPropertyCase } from './rules';

export const casePage = (caseId: string) => `packages/resident/pages/case-detail/index?id=${caseId}`;

/** Tells people about a case: its category and text, where it is, and this step. */
export async function tell(
  ctx: CallContext,
  to: string | readonly string[],
  key: TemplateKey,
  c: CaseDoc,
  status: string,
  note: string,
  more: Partial<NoticeContent> = {},
) {
  await notify(
    ctx,
    to,
    key,
    { subject: `${c.category}：${c.description}`, status, note, time: ctx.now, place: c.location.label, ...more },
    casePage(c._id),
  );
}

export async function tellGrid(ctx: CallContext, c: CaseDoc, status: string, note: string) {
  await tell(ctx, await gridStaff(ctx, c.gridId), 'caseAlert', c, status, note);
}

export async function tellSecretary(ctx: CallContext, c: CaseDoc, status: string, note: string) {
  await tell(ctx, await staffOf(ctx, { role: 'secretary', communityId: c.communityId }), 'caseAlert', c, status, note);
}

/**
 * 红色物业: who acts on a property case beside the grid — its company's liaison (nobody for
 * another category, or a company without one). From the instance's directory: no request when warm.
 */
export async function liaisonOf(
  ctx: Parameters<typeof directory>[0],
  c: Pick<CaseDoc, 'category' | 'propertyCompanyId'>,
): Promise<string[]> {
  if (!isPropertyCase(c)) return [];
  const company = (await directory(ctx, 'propertyCompanies')).find((p) => p._id === c.propertyCompanyId);
  return company?.liaisonOpenid ? [company.liaisonOpenid] : [];
}

/** 红色物业: a property case's company liaison, told beside the grid. */
export async function tellLiaison(ctx: CallContext, c: CaseDoc, status: string, note: string) {
  const to = await liaisonOf(ctx, c);
  if (to.length > 0) await tell(ctx, to, 'caseAlert', c, status, note);
}
