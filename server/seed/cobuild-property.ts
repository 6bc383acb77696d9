/**
 * 红色物业 in the seed (PRODUCT.md "Co-building"): each property company's party organisation
 * (单独组建 / 联合组建 / 未组建) and 党建指导员; the demo liaison `demo-property` (李红梅) as the
 * liaison of the 红色物业 company serving the demo resident's estate (c01-g01-m1), with open
 * property cases in its queue; and residents' quarterly ratings for the quarters before the
 * anchor and for its own so far. Deterministic (its own Rng streams), drawing nothing from the other seed streams, so
 * the rest of the county is the same with it or without it.
 */
import type { PartyOrgKind, PropertyRating } from '../../contract/cobuild';
import type { PropertyRatingDoc } from '../cobuild/propertyRatings';
import { quarterOf, ratingId } from '../cobuild/propertyRatings';
import type { GridsCollectionDoc, MicroGridDoc, PropertyCompanyDoc } from '../directory/model';
import type { Scripted } from './cases';
import * as N from './names';
import { Rng } from './rng';
import type { SeedUserDoc } from './types';

/** The demo resident's estate; its company's liaison is the demo liaison. */
export const DEMO_ESTATE = 'c01-g01-m1';
export const DEMO_LIAISON = 'demo-property';
export const DEMO_LIAISON_PHONE = '13907970611';

/**
 * The companies' 红色物业 data, in place: a company with a party organisation has formed it on its
 * own (单独组建) or with others (联合组建), alternately; those without have none (未组建); most
 * have a 党建指导员 (some without an organisation have one sent to help form it). The demo
 * resident's estate gets a 红色物业 company if it has none, and that company's liaison is the
 * demo liaison (李红梅).
 */
export function seedPropertyDirectory(companies: PropertyCompanyDoc[], grids: GridsCollectionDoc[]): string {
  const rng = new Rng('cobuild-property');
  companies.forEach((c, i) => {
    const kind: PartyOrgKind = !c.hasPartyOrg ? 'none' : i % 4 === 1 ? 'joint' : 'single';
    c.partyOrgKind = kind;
    if (kind === 'joint') c.partyOrgName = `中共兴国县物业服务行业第${N.CHINESE_NUMERALS[i % 10]}联合支部委员会`;
    const sent = kind !== 'none' || rng.chance(0.5);
    c.instructor = sent
      ? {
          name: rng.pick(N.SURNAMES) + rng.pick(N.GIVEN_NAMES),
          phone: rng.pick(N.PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0'),
        }
      : null;
  });
  const estate = grids.find((g): g is MicroGridDoc => g._id === DEMO_ESTATE && g.level === 'microGrid');
  if (!estate) throw new Error(`seed: no ${DEMO_ESTATE}`);
  let company = companies.find((c) => c._id === estate.propertyCompanyId);
  if (!company || company.partyOrgKind === 'none') {
    company = companies.find((c) => c.partyOrgKind !== 'none' && c.communityIds.includes(estate.communityId));
    if (!company) throw new Error('seed: no 红色物业 company serves the demo community');
    estate.propertyCompanyId = company._id;
  }
  company.liaisonOpenid = DEMO_LIAISON;
  company.liaisonName = N.DEMO_NAMES[DEMO_LIAISON];
  company.liaisonPhone = DEMO_LIAISON_PHONE;
  return company._id;
}

/**
 * Open property cases in the demo liaison's queue, in the company's estates outside the demo grid
 * (c01-g01, whose queue the demo grid worker's story keeps as it is): one waiting for a response,
 * one accepted by the grid, one urgent (accepted: 紧急 must be answered within 2 hours). Timed so
 * that no deadline of theirs passes on the seed's day (the scheduler escalates none of them).
 */
export function propertyStory(companyId: string, grids: GridsCollectionDoc[]): Array<Scripted & { id: string }> {
  const estates = grids
    .filter((g): g is MicroGridDoc => g.level === 'microGrid' && g.propertyCompanyId === companyId)
    .filter((m) => !m._id.startsWith('c01-g01-'))
    .sort((a, b) => a._id.localeCompare(b._id));
  if (estates.length < 2) throw new Error(`seed: ${companyId} serves too few estates for the property story`);
  const at = (i: number) => ({ kind: 'building' as const, microGridId: estates[i % estates.length]._id });
  return [
    {
      id: 'seed-case-property-1',
      resident: 'seed-resident-0001',
      where: at(0),
      category: '物业',
      description: '楼道声控灯坏了一个多月，物业一直没来修',
      ago: 15,
      steps: [],
    },
    {
      id: 'seed-case-property-2',
      resident: 'seed-resident-0001',
      where: at(1),
      category: '设施维修',
      description: '二单元楼顶漏水，下雨天墙面渗水发霉',
      ago: 20 * 60,
      steps: [[120, { kind: 'accept', note: '已联系物业维修班，明天上门查看' }]],
    },
    {
      id: 'seed-case-property-3',
      resident: 'seed-resident-0001',
      where: at(2),
      category: '物业',
      description: '电梯经常停运，报修电话一直打不通',
      urgency: 'urgent',
      ago: 60,
      steps: [[20, { kind: 'accept', note: '已通知物业和电梯维保单位' }]],
    },
  ];
}

const GRADES: Record<PartyOrgKind, Array<[PropertyRating, number]>> = {
  // A 红色物业's residents are more often satisfied (the practice's claim, which the stats then show).
  single: [
    ['satisfied', 0.6],
    ['basic', 0.3],
    ['unsatisfied', 0.1],
  ],
  joint: [
    ['satisfied', 0.5],
    ['basic', 0.35],
    ['unsatisfied', 0.15],
  ],
  none: [
    ['satisfied', 0.35],
    ['basic', 0.4],
    ['unsatisfied', 0.25],
  ],
};

const COMMENTS: Record<PropertyRating, string[]> = {
  satisfied: ['保安很负责，小区干净', '报修很快就来人了', '物业党员志愿者经常帮老人'],
  basic: ['总体还行，绿化可以再好些', '维修有时要等好几天'],
  unsatisfied: ['楼道卫生没人管', '停车收费不透明'],
};

/** The `YYYYQn` of the `back`-th quarter before the anchor's, and an instant inside it. */
function pastQuarter(anchor: Date, back: number, rng: Rng): { key: string; at: Date } {
  const q = quarterOf(anchor);
  const n = q.year * 4 + (q.index - 1) - back;
  const year = Math.floor(n / 4);
  const index = (n % 4) + 1;
  // The middle of the quarter, give or take a few weeks (Asia/Shanghai: +08:00).
  const month = (index - 1) * 3 + 2;
  const day = rng.int(1, 28);
  const at = new Date(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T02:00:00Z`);
  return { key: `${year}Q${index}`, at };
}

/** The anchor's own quarter as `YYYYQn`, and an instant in it between its start and the anchor. */
function thisQuarter(anchor: Date, rng: Rng): { key: string; at: Date } {
  const q = quarterOf(anchor);
  const start = new Date(`${q.year}-${String((q.index - 1) * 3 + 1).padStart(2, '0')}-01T00:00:00+08:00`).getTime();
  return { key: `${q.year}Q${q.index}`, at: new Date(start + rng.float() * (anchor.getTime() - start)) };
}

/**
 * Ratings of the `quarters` before the anchor's: each resident living in an estate with a company
 * rates it in a quarter with probability 0.6, the grade drawn by the company's kind; and of the
 * anchor's own quarter so far, with probability 0.2 (so the county's page, which opens on the
 * current quarter, has figures; most residents, and every demo user, may still rate now). The
 * demo resident rated last quarter.
 */
export function seedPropertyRatings(
  users: SeedUserDoc[],
  grids: GridsCollectionDoc[],
  companies: PropertyCompanyDoc[],
  anchor: Date,
  quarters = 4,
): PropertyRatingDoc[] {
  const rng = new Rng('property-ratings');
  const estates = new Map(
    grids.filter((g): g is MicroGridDoc => g.level === 'microGrid').map((m) => [m._id, m] as const),
  );
  const kinds = new Map(companies.map((c) => [c._id, c.partyOrgKind ?? (c.hasPartyOrg ? 'single' : 'none')]));
  const out: PropertyRatingDoc[] = [];
  const residents = users.filter((u) => u.address?.microGridId).sort((a, b) => a._id.localeCompare(b._id));
  for (let back = quarters; back >= 0; back--) {
    for (const u of residents) {
      const estate = estates.get(u.address!.microGridId);
      if (!estate?.propertyCompanyId) continue;
      const demo = u._id === 'demo-resident';
      // The demo users keep this quarter's rating to try.
      const rates = demo ? back === 1 : back === 0 ? !u._id.startsWith('demo-') && rng.chance(0.2) : rng.chance(0.6);
      if (!rates) continue;
      const { key, at } = back === 0 ? thisQuarter(anchor, rng) : pastQuarter(anchor, back, rng);
      const kind = kinds.get(estate.propertyCompanyId) ?? 'none';
      let x = rng.float();
      const rating = demo ? 'satisfied' : (GRADES[kind].find(([, p]) => (x -= p) < 0)?.[0] ?? 'basic');
      const comment = rng.chance(0.3) ? rng.pick(COMMENTS[rating]) : null;
      out.push({
        _id: ratingId(estate._id, u._id, key),
        quarter: key,
        companyId: estate.propertyCompanyId,
        microGridId: estate._id,
        communityId: estate.communityId,
        openid: u._id,
        rating,
        comment,
        createdAt: at,
      });
    }
  }
  return out;
}
