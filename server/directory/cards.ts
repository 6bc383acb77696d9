import type { ContactCardAdminView } from '../../contract/functions/directory';
import { forget } from './cache';
import type { ContactCardDoc, GridDoc } from './model';
import { audit } from '../platform/audit';
import { requireScope } from '../platform/authorize';
import { invalidInput, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import type { CallContext } from '../platform/router';
import { inTransaction, txGet } from '../platform/tx';

const toAdminView = (c: ContactCardDoc): ContactCardAdminView => ({
  id: c._id,
  gridId: c.gridId,
  openid: c.openid,
  title: c.title,
  name: c.name,
  phone: c.phone,
  photo: c.photo,
  duties: c.duties,
  published: c.published,
});

async function loadGrid(ctx: CallContext, gridId: string): Promise<GridDoc> {
  const { data } = await ctx.db.collection('grids').where({ _id: gridId, level: 'grid' }).limit(1).get<GridDoc>();
  if (!data[0]) throw notFound('网格不存在');
  return data[0];
}

export async function gridCards(input: { gridId: string }, ctx: CallContext): Promise<ContactCardAdminView[]> {
  const grid = await loadGrid(ctx, input.gridId);
  requireScope(ctx.user, ['secretary', 'countyAdmin'], { communityId: grid.communityId }, '只能管理本社区的联系卡');
  const { data } = await ctx.db
    .collection('contactCards')
    .where({ gridId: grid._id })
    .orderBy('order', 'asc')
    .limit(100)
    .get<ContactCardDoc>();
  return data.map(toAdminView);
}

type CardInput = Omit<ContactCardAdminView, 'id'> & { cardId?: string };

/** Adds or edits a card; the person must be a grid worker of that grid. Audited in the same transaction. */
export async function saveContactCard(input: CardInput, ctx: CallContext): Promise<ContactCardAdminView> {
  forget(); // a card can make a grid's head: this instance reads the grids again
  const grid = await loadGrid(ctx, input.gridId);
  requireScope(ctx.user, ['secretary', 'countyAdmin'], { communityId: grid.communityId }, '只能管理本社区的联系卡');
  const staff = [grid.gridHeadOpenid, ...grid.gridWorkerOpenids];
  if (!staff.includes(input.openid)) {
    throw invalidInput('该人员不是本网格的网格员，请先授予网格员角色', [
      { path: 'openid', message: '不是本网格网格员' },
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    const before = input.cardId ? await txGet<ContactCardDoc>(tx, 'contactCards', input.cardId) : null;
    if (input.cardId && (!before || before.gridId !== grid._id)) throw notFound('联系卡不存在');
    const card: ContactCardDoc = {
      _id: input.cardId ?? `${grid._id}-card-${newId().slice(0, 12)}`,
      gridId: grid._id,
      communityId: grid.communityId,
      openid: input.openid,
      name: input.name,
      phone: input.phone,
      photo: input.photo,
      duties: input.duties,
      title: input.title,
      order: before?.order ?? (input.title === '网格长' ? 0 : 1 + staff.indexOf(input.openid)),
      published: input.published,
      createdAt: before?.createdAt ?? ctx.now,
      createdBy: before?.createdBy ?? ctx.openid,
      updatedAt: ctx.now,
    };
    const { _id, ...fields } = card;
    await Promise.all([
      tx.collection('contactCards').doc(_id).set({ data: fields }),
      audit(
        ctx,
        {
          kind: 'directory',
          action: before ? 'update' : 'create',
          entity: 'contactCards',
          entityId: _id,
          label: `${grid.name} · ${card.name}`,
          scope: { communityId: grid.communityId },
          before,
          after: card,
        },
        tx,
      ),
    ]);
    return toAdminView(card);
  });
}
