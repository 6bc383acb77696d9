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

/** 红色物业: a property case's company liaison, told beside the grid (nobody when the company has none). */
export async function tellLiaison(ctx: CallContext, c: CaseDoc, status: string, note: string) {
  if (!isPropertyCase(c)) return;
  const company = (await directory(ctx, 'propertyCompanies')).find((p) => p._id === c.propertyCompanyId);
  if (company?.liaisonOpenid) await tell(ctx, company.liaisonOpenid, 'caseAlert', c, status, note);
}
