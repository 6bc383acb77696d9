import type { WishView } from '../../contract/functions/wish';
import type { UserDoc } from '../platform/identity';
import { maskName, maskPhone } from '../platform/mask';
import { tempUrls } from '../platform/files';
import type { WishDoc } from './model';
import { allowedActions, isStaffFor, seesBeneficiary } from './rules';
import { toIso } from '../platform/time';

export interface Viewer {
  openid: string;
  user: UserDoc | null;
  now: Date;
}

const iso = toIso;

/** The wish as `viewer` may see it; photo URLs come from one batched storage call for all wishes. */
export async function toWishViews(wishes: WishDoc[], viewer: Viewer, opts: { timeline: boolean }): Promise<WishView[]> {
  const urls = await tempUrls(wishes.flatMap((w) => [...w.photos, ...(w.fulfilment?.photos ?? [])]));
  const photo = (fileId: string) => ({ fileId, url: urls.get(fileId) ?? null });
  return wishes.map((w) => {
    const full = seesBeneficiary(viewer.openid, viewer.user, w);
    return {
      id: w._id,
      category: w.category,
      description: w.description,
      photos: w.photos.map(photo),
      beneficiary: full
        ? { name: w.beneficiary.name, phone: w.beneficiary.phone, address: w.beneficiary.address, masked: false }
        : { name: maskName(w.beneficiary.name), phone: maskPhone(w.beneficiary.phone), address: null, masked: true },
      status: w.status,
      onBehalf: w.onBehalf
        ? {
            byName: full || w.submitterOpenid === viewer.openid ? w.submitterName : maskName(w.submitterName),
            // The resident has no phone: whoever may see them in full reaches them through the grid worker.
            phone: full && w.submitterPhone ? w.submitterPhone : null,
          }
        : null,
      community: { id: w.communityId, name: w.communityName },
      gridId: w.gridId,
      submittedAt: iso(w.createdAt)!,
      publishedAt: iso(w.publishedAt),
      claim: w.claim
        ? {
            claimerName: full || w.claim.openid === viewer.openid ? w.claim.name : maskName(w.claim.name),
            claimedAt: iso(w.claim.claimedAt)!,
            deadline: iso(w.claim.deadline)!,
            mine: w.claim.openid === viewer.openid,
          }
        : null,
      fulfilment: w.fulfilment
        ? { photos: w.fulfilment.photos.map(photo), note: w.fulfilment.note, at: iso(w.fulfilment.at)! }
        : null,
      rating: w.rating ? { stars: w.rating.stars, comment: w.rating.comment, byStaff: w.rating.byStaff } : null,
      flagged: isStaffFor(viewer.user, w) ? w.flagged : false,
      can: allowedActions(viewer.openid, viewer.user, w, viewer.now),
      timeline: opts.timeline
        ? w.timeline.map((t) => ({
            ...t,
            at: new Date(t.at).toISOString(),
            byName: full || t.by === viewer.openid ? t.byName : maskName(t.byName),
          }))
        : null,
    };
  });
}

export async function toWishView(wish: WishDoc, viewer: Viewer): Promise<WishView> {
  const [view] = await toWishViews([wish], viewer, { timeline: true });
  return view;
}
