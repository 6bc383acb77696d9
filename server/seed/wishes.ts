import { WISH_CATEGORIES, type WishStatus } from '../../contract/functions/wish';
import type { RoleGrant } from '../../contract/roles';
import type { StoredTimelineEntry, WishDoc } from '../wishes/model';
import { MAX_ACTIVE_CLAIMS } from '../wishes/rules';
import type { RecordDoc } from '../sixOnes/credit';
import type { Rng } from './rng';
import { localYearOf } from './sixOnes';
import type { CommunityDoc } from '../directory/model';
import type { SeedUserDoc } from './types';

const DAY = 86_400_000;

const DESCRIPTIONS: Record<(typeof WISH_CATEGORIES)[number], string[]> = {
  生活物资: [
    '家里老人冬天需要一床厚棉被',
    '独居老人希望有一台电饭煲',
    '想要一袋大米和一桶食用油',
    '孩子需要一双冬天的棉鞋',
  ],
  助学: [
    '孩子上初中想要一套课外辅导书',
    '希望有人辅导孙子的数学作业',
    '想给孩子买一个新书包和文具',
    '需要一台旧电脑上网课',
  ],
  就医陪护: ['下周要去县医院复查，希望有人陪同', '腿脚不便，想请人帮忙去医院取药', '希望有人陪老伴做一次体检'],
  维修: [
    '楼道灯坏了，晚上上下楼很黑',
    '厨房水龙头漏水，自己修不好',
    '家里电线老化，想请人看看',
    '窗户玻璃裂了需要更换',
  ],
  文体: ['想学用智能手机视频通话', '希望社区组织一次老年人象棋赛', '想要几本大字版的书'],
  其他: ['想给远方的孙子写一封信，需要有人代笔', '希望有人帮忙办理医保卡年审', '想学着在手机上交电费'],
};

export interface WishSeed {
  wishes: WishDoc[];
  /** The approved `wish` records their completions credited (counters: see county.ts). */
  records: RecordDoc[];
}

/** The states of the seeded wishes, in shares that look like a working hall. */
const STATE_SHARES: Array<[WishStatus, number]> = [
  ['submitted', 0.1],
  ['published', 0.3],
  ['rejected', 0.05],
  ['claimed', 0.12],
  ['fulfilled', 0.08],
  ['completed', 0.3],
  ['withdrawn', 0.05],
];

function pickState(rng: Rng): WishStatus {
  let x = rng.float();
  for (const [s, share] of STATE_SHARES) {
    if ((x -= share) < 0) return s;
  }
  return 'published';
}

/** The demo identity (h5 picker) that holds a claim in progress. */
const DEMO_CLAIMER = 'demo-member';

/**
 * Micro-wishes of the seeded residents, `count` of them, dated back from `anchor` (so claims are
 * current on the day the seed runs), with the 六个一 records their completions credited —
 * exactly what the live actions would have written.
 */
export function buildWishes(
  rng: Rng,
  users: SeedUserDoc[],
  communities: CommunityDoc[],
  count: number,
  anchor: Date,
): WishSeed {
  const residents = users.filter((u) => u.address && u.name);
  const members = users.filter((u) => u.roles.some((g) => g.role === 'member' && g.verified));
  const community = new Map(communities.map((c) => [c._id, c]));
  const active = new Map<string, number>();
  const wishes: WishDoc[] = [];
  const records: RecordDoc[] = [];
  const at = (daysAgo: number, hours = 0) => new Date(anchor.getTime() - daysAgo * DAY + hours * 3_600_000);
  // Each grid's head (its first grid worker), who reviews in the secretary's stead.
  const gridHead = new Map<string, SeedUserDoc>();
  for (const u of users)
    for (const g of u.roles)
      if (g.role === 'gridWorker') for (const id of g.gridIds) if (!gridHead.has(id)) gridHead.set(id, u);

  for (let i = 0; i < count; i++) {
    // The demo residents come first, so the demo identities see their own wishes.
    const submitter = i < residents.length ? residents[i] : rng.pick(residents);
    const address = submitter.address!;
    const c = community.get(address.communityId)!;
    const category = rng.pick(WISH_CATEGORIES);
    // The first wishes go through every state once, so even the small demo shows each.
    let status = i < STATE_SHARES.length ? STATE_SHARES[i][0] : pickState(rng);
    let claimer = members.length ? rng.pick(members) : null;
    // The demo member holds the first claim in progress, so 我的认领 → 完成心愿 can be tried.
    const demoMember = members.find((m) => m._id === DEMO_CLAIMER);
    if (i < STATE_SHARES.length && status === 'claimed' && demoMember && submitter._id !== DEMO_CLAIMER)
      claimer = demoMember;
    if (['claimed'].includes(status) && claimer && (active.get(claimer._id) ?? 0) >= MAX_ACTIVE_CLAIMS)
      status = 'published';
    if (!claimer && ['claimed', 'fulfilled', 'completed'].includes(status)) status = 'published';
    if (!['claimed', 'fulfilled', 'completed'].includes(status)) claimer = null;

    // Claims are recent (within their 14 days), so the demo's claims are live on the day it runs.
    const created = at(rng.int(2, status === 'submitted' ? 5 : status === 'claimed' ? 10 : 90), rng.int(8, 20));
    const step = (
      action: string,
      from: WishStatus | null,
      to: WishStatus,
      when: Date,
      by: SeedUserDoc | null,
      role: string,
      note: string | null = null,
    ): StoredTimelineEntry => ({
      at: when,
      by: by?._id ?? 'seed',
      byName: by?.name ?? '',
      role,
      action,
      from,
      to,
      note,
    });
    const timeline = [step('submit', null, 'submitted', created, submitter, 'resident')];
    const reviewedAt = new Date(created.getTime() + 3_600_000 * rng.int(1, 20));
    // The community's secretary reviews, but never their own wish (a secretary who lives in the
    // community is also a resident): the head of the wish's grid does, as wishes.review requires.
    const secretary = users.find((u) => u._id === c.secretaryOpenid) ?? null;
    const reviewer = secretary && secretary._id !== submitter._id ? secretary : (gridHead.get(address.gridId) ?? null);
    const reviewerRole = reviewer === secretary ? 'secretary' : 'gridWorker';
    if (status === 'rejected')
      timeline.push(step('reject', 'submitted', 'rejected', reviewedAt, reviewer, reviewerRole, '请通过民情诉求反映'));
    if (status === 'withdrawn')
      timeline.push(step('withdraw', 'submitted', 'withdrawn', reviewedAt, submitter, 'resident'));
    const published = !['submitted', 'rejected', 'withdrawn'].includes(status);
    if (published) timeline.push(step('publish', 'submitted', 'published', reviewedAt, reviewer, reviewerRole));
    const claimedAt = new Date(Math.min(anchor.getTime() - DAY, reviewedAt.getTime() + DAY * rng.int(0, 2)));
    const grant = claimer?.roles.find((g) => g.role === 'member') as Extract<RoleGrant, { role: 'member' }> | undefined;
    if (claimer) timeline.push(step('claim', 'published', 'claimed', claimedAt, claimer, 'member'));
    const fulfilledAt = new Date(claimedAt.getTime() + DAY * 0.5);
    if (status === 'fulfilled' || status === 'completed')
      timeline.push(step('fulfil', 'claimed', 'fulfilled', fulfilledAt, claimer, 'member', '已完成，见照片'));
    const completedAt = new Date(fulfilledAt.getTime() + DAY * 0.25);
    const stars = rng.int(4, 5);
    if (status === 'completed')
      timeline.push(step('confirm', 'fulfilled', 'completed', completedAt, submitter, 'resident', '感谢党员同志'));
    if (status === 'claimed' && claimer) active.set(claimer._id, (active.get(claimer._id) ?? 0) + 1);

    const wish: WishDoc = {
      _id: `wish-seed-${String(i + 1).padStart(5, '0')}`,
      category,
      description: rng.pick(DESCRIPTIONS[category]),
      photos: [],
      beneficiary: { name: submitter.name!, phone: submitter.phone ?? '', address: `${c.name} ${address.building}` },
      submitterOpenid: submitter._id,
      submitterName: submitter.name!,
      onBehalf: false,
      communityId: c._id,
      communityName: c.name,
      gridId: address.gridId,
      microGridId: address.microGridId,
      claimDays: c.settings.claimExpiryDays,
      status,
      flagged: false,
      publishedAt: published ? reviewedAt : null,
      reviewedBy: status === 'submitted' || status === 'withdrawn' ? null : (reviewer?._id ?? null),
      rejectedReason: status === 'rejected' ? '请通过民情诉求反映' : null,
      claim: claimer
        ? {
            openid: claimer._id,
            name: claimer.name ?? claimer.nickname,
            unitId: grant?.unitId ?? null,
            communityId: grant?.communityId ?? null,
            claimedAt,
            deadline: new Date(claimedAt.getTime() + c.settings.claimExpiryDays * DAY),
          }
        : null,
      fulfilment:
        status === 'fulfilled' || status === 'completed'
          ? { photos: [], note: '已完成，见照片', at: fulfilledAt }
          : null,
      rating:
        status === 'completed'
          ? { stars, comment: '感谢党员同志', byStaff: false, verifiedHow: null, by: submitter._id }
          : null,
      completedAt: status === 'completed' ? completedAt : null,
      timeline,
      createdAt: created,
      updatedAt: timeline[timeline.length - 1].at,
      createdBy: submitter._id,
    };
    wishes.push(wish);

    if (status === 'completed' && wish.claim) {
      records.push({
        _id: `wish-${wish._id}`,
        openid: wish.claim.openid,
        memberName: wish.claim.name,
        unitName: null,
        year: localYearOf(completedAt.getTime()),
        item: 'wish',
        kind: 'wish',
        status: 'approved',
        title: `认领微心愿：${wish.description.slice(0, 30)}`,
        note: '感谢党员同志',
        photos: [],
        minutes: null,
        activity: null,
        wishId: wish._id,
        pairingId: null,
        household: null,
        communityId: wish.claim.communityId,
        unitId: wish.claim.unitId,
        rejectReason: null,
        reviewedBy: submitter._id,
        reviewedAt: completedAt,
        history: [{ at: completedAt, by: submitter._id, byName: submitter.name ?? '', action: 'confirm', note: null }],
        createdAt: completedAt,
        updatedAt: completedAt,
        createdBy: submitter._id,
      });
    }
  }
  for (const u of users)
    if (active.has(u._id)) (u as SeedUserDoc & { activeClaims?: number }).activeClaims = active.get(u._id);
  return { wishes, records };
}
