import type { MyGrid } from '../../contract/functions/account';
import type { ContactCardView } from '../../contract/functions/directory';
import type { ContactCardDoc, HouseholdPair } from '../directory/model';
import { notFound } from '../platform/errors';
import type { CallContext } from '../platform/router';

interface GridRow {
  _id: string;
  level: 'grid' | 'microGrid';
  name: string;
  communityId: string;
  pair?: HouseholdPair;
  cards: ContactCardDoc[];
  community: Array<{ _id: string; name: string }>;
}

/** A card as the public sees it: only the fields the person agreed to publish. */
export function publicCard(card: ContactCardDoc): ContactCardView {
  return {
    id: card._id,
    title: card.title,
    name: card.published.name ? card.name : null,
    phone: card.published.phone ? card.phone : null,
    photo: card.published.photo ? card.photo : null,
    duties: card.duties,
  };
}

/**
 * "My grid" in one read: the grid and the micro-grid of the caller's address, with the grid's
 * contact cards and the community joined in (one aggregate).
 */
export async function myGrid(_input: Record<string, never>, ctx: CallContext): Promise<MyGrid> {
  const address = ctx.user?.address;
  if (!address) throw notFound('请先在“我的”中填写住址');
  const _ = ctx.db.command;
  const { list } = await ctx.db
    .collection('grids')
    .aggregate()
    .match({ _id: _.in([address.gridId, address.microGridId]) })
    .lookup({ from: 'contactCards', localField: '_id', foreignField: 'gridId', as: 'cards' })
    .lookup({ from: 'communities', localField: 'communityId', foreignField: '_id', as: 'community' })
    .end<GridRow>();
  const grid = list.find((g) => g._id === address.gridId && g.level === 'grid');
  const micro = list.find((g) => g._id === address.microGridId && g.level === 'microGrid');
  if (!grid || !micro) throw notFound('您的住址所在网格已调整，请重新选择住址');
  const cards = [...grid.cards].sort((a, b) =>
    a.title === b.title ? a.order - b.order : a.title === '网格长' ? -1 : 1,
  );
  return {
    community: { id: grid.communityId, name: grid.community[0]?.name ?? '' },
    grid: { id: grid._id, name: grid.name },
    microGrid: { id: micro._id, name: micro.name },
    cards: cards.map(publicCard),
    pair: micro.pair
      ? {
          memberName: micro.pair.memberName,
          gridWorkerName: micro.pair.gridWorkerName,
          households: micro.pair.households,
        }
      : null,
  };
}
