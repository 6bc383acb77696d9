import { COBUILD_CATEGORIES, type CobuildCategory, type ProjectStatus } from '../../contract/cobuild';
import {
  agreementId,
  ratingId,
  type AgreementDoc,
  type MilestoneDoc,
  type NeedDoc,
  type ProjectDoc,
  type ProjectUpdateDoc,
  type RatingDoc,
  type ResourceDoc,
  type Stamp,
} from '../cobuild/model';
import type { CommunityDoc, UnitDoc } from '../directory/model';
import { local } from '../platform/time';
import { Rng } from './rng';
import { localYearOf, yearStart } from './sixOnes';
import type { SeedUserDoc } from './types';

/**
 * 三清单一协议 of every community (deterministic, dated back from the anchor): for each seeded
 * year (1; `--scale county` 3) two needs per category (12 over Xingguo's 6), resources of the
 * paired units, projects in every state — planned, active (with updates and photos, a milestone
 * done), done (result and photos, some residents' ratings), dropped — and the agreements of each
 * pair: a revised one (v1 superseded by v2, signed), a half-signed draft, an unsigned draft, a
 * signed one. Past years' projects are done or dropped and their agreements signed.
 *
 * Every state is what the live actions leave (needs a live project links matched, a done one's
 * done, a dropped one's open again; resources likewise committed / usedUp / offered), and the
 * tallies are counted from the documents, so reconcileCobuild finds nothing to fix.
 *
 * In c01 the demo unit (demo-unit-admin) takes part in every project, and its agreement chain
 * ends in a draft the secretary signed, awaiting the unit; another unit's draft awaits
 * demo-secretary. demo-resident has rated none of the done projects (so 评价 can be tried).
 *
 * Photos are fileIds in their uploader's folder of the local environment's bucket
 * (`uploads/<openid>/cobuild-seed/…`); the files are not written, so their URLs are null and the
 * pages show no image for them.
 */
export interface CobuildListsSeed {
  cobuildNeeds: NeedDoc[];
  cobuildResources: ResourceDoc[];
  cobuildProjects: ProjectDoc[];
  cobuildProjectUpdates: ProjectUpdateDoc[];
  cobuildRatings: RatingDoc[];
  cobuildAgreements: AgreementDoc[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The local environment's bucket (emulator/storage/files.ts, envId `local`). */
const BUCKET = 'local.6c6f-local-1250000000';
const photoId = (openid: string, name: string) => `cloud://${BUCKET}/uploads/${openid}/cobuild-seed/${name}.png`;

const NEEDS: Record<CobuildCategory, Array<[string, string, number, string]>> = {
  困难帮扶: [
    ['困难家庭节日慰问', '为辖区低保、特困家庭送去米油等生活物资', 30, '户'],
    ['困难学生助学', '资助家庭困难的中小学生购买学习用品', 15, '人'],
  ],
  助老助残: [
    ['独居老人上门陪护', '每周上门看望独居老人，帮助打扫卫生、代购物品', 20, '户'],
    ['残疾人康复辅具', '为行动不便的残疾人配置轮椅、拐杖等辅具', 8, '人'],
  ],
  青少年教育: [
    ['暑期青少年托管', '双职工家庭孩子暑期无人照看，需要开设托管课堂', 40, '人'],
    ['四点半课堂辅导', '放学后为小学生辅导作业', 2, '次/周'],
  ],
  环境整治: [
    ['老旧小区楼道清理', '清理楼道堆放杂物，粉刷墙面', 12, '栋'],
    ['背街小巷绿化', '补种绿化带，清理卫生死角', 3, '处'],
  ],
  文体活动: [
    ['重阳节文艺汇演', '组织居民文艺队与共建单位联合演出', 1, '场'],
    ['全民健身器材', '为小区广场添置健身器材', 6, '套'],
  ],
  政策宣讲: [
    ['医保政策进小区', '讲解城乡居民医保参保缴费与报销政策', 4, '场'],
    ['防诈骗宣传', '向老年居民宣传防范电信诈骗知识', 6, '场'],
  ],
};

const RESOURCES: Record<CobuildCategory, Array<[string, string, number, string, string]>> = {
  困难帮扶: [
    ['党员结对帮扶', '单位党员与困难家庭一对一结对，定期走访', 10, '户', '每月一次'],
    ['爱心物资捐赠', '单位工会筹集米油、衣物等生活物资', 50, '份', '节日前'],
  ],
  助老助残: [
    ['志愿服务队上门', '单位志愿服务队上门陪伴老人、代办事项', 12, '次', '每月一次'],
    ['义诊健康服务', '组织医护人员为老人量血压、测血糖', 4, '场', '每季度一次'],
  ],
  青少年教育: [
    ['青年党员辅导员', '青年党员担任课外辅导员', 6, '人', '每周两次'],
    ['图书捐赠', '捐赠适合青少年阅读的图书', 300, '册', '一次'],
  ],
  环境整治: [
    ['义务劳动突击队', '组织干部职工参加环境卫生义务劳动', 30, '人', '每月一次'],
    ['绿化苗木支持', '提供绿化苗木和养护技术指导', 200, '株', '春季'],
  ],
  文体活动: [
    ['文艺演出队', '单位文艺骨干参与社区演出', 1, '支', '节假日'],
    ['场地与器材', '开放单位活动室和体育器材', 2, '处', '周末'],
  ],
  政策宣讲: [
    ['业务骨干宣讲', '业务骨干进社区讲解政策', 4, '场', '每季度一次'],
    ['宣传资料印制', '印制政策宣传手册和海报', 500, '份', '一次'],
  ],
};

const PROJECT_TITLES: Record<CobuildCategory, [string, string]> = {
  困难帮扶: ['暖心帮扶行动', '为困难家庭送去物资与结对关怀，做到户户有人联系'],
  助老助残: ['银龄关爱行动', '为独居和高龄老人提供每月上门服务'],
  青少年教育: ['红领巾成长课堂', '开设课后与假期课堂，解决双职工家庭的后顾之忧'],
  环境整治: ['美丽楼道共建', '清理楼道杂物、整治卫生死角，改善小区环境'],
  文体活动: ['邻里文化节', '联合举办文艺演出与健身活动，丰富居民生活'],
  政策宣讲: ['政策宣讲进万家', '把医保、防诈骗等政策讲到居民家门口'],
};
const MILESTONES = ['摸底走访', '制定方案', '集中服务', '总结回访'];
const UPDATE_NOTES = ['完成摸底走访，建立服务台账', '开展第一次集中服务，居民反响很好', '根据居民意见调整服务时间'];
const RESULT_NOTES = ['项目按计划完成，服务居民一百余人次', '共开展集中服务六次，居民满意度高'];
const RATING_COMMENTS = ['服务很贴心', '希望以后多组织', '', '孩子很喜欢'];

/**
 * How a year's projects end up (current year: every state; past years: done or dropped). The
 * k-th goes to the k-th paired unit (round), so every unit (at most 4) has a project that is not
 * dropped for its agreement to cover.
 */
const CURRENT: ProjectStatus[] = ['active', 'done', 'planned', 'done', 'dropped'];
const PAST: ProjectStatus[] = ['done', 'done', 'done', 'done', 'dropped'];

export function buildCobuildLists(opts: {
  communities: CommunityDoc[];
  units: UnitDoc[];
  users: SeedUserDoc[];
  anchor: Date;
  /** 1 (demo) or 3 (`--scale county`). */
  years: number;
  /** The demo unit (paired with c01; demo-unit-admin's). */
  demoUnitId: string;
  /** Adds an account (a resident with no address) for a unit's liaison where it has no verified member. */
  addAccount: (openid: string) => SeedUserDoc;
}): CobuildListsSeed {
  const rng = new Rng('cobuild-lists');
  const out: CobuildListsSeed = {
    cobuildNeeds: [],
    cobuildResources: [],
    cobuildProjects: [],
    cobuildProjectUpdates: [],
    cobuildRatings: [],
    cobuildAgreements: [],
  };
  const anchorMs = opts.anchor.getTime();
  const thisYear = localYearOf(anchorMs);
  const user = new Map(opts.users.map((u) => [u._id, u]));
  const unitAdmins = new Map<string, SeedUserDoc>();
  const members = new Map<string, SeedUserDoc[]>();
  for (const u of opts.users)
    for (const g of u.roles) {
      if (g.role === 'unitAdmin' && !unitAdmins.has(g.unitId)) unitAdmins.set(g.unitId, u);
      if (g.role === 'member' && g.verified && g.unitId) members.set(g.unitId, [...(members.get(g.unitId) ?? []), u]);
    }
  const who = (openid: string): Stamp['name'] => user.get(openid)?.name ?? '';
  const liaisonAccount = (unitId: string) => {
    const openid = `seed-liaison-${unitId}`;
    const made = user.get(openid) ?? opts.addAccount(openid);
    user.set(openid, made);
    return made;
  };

  for (const c of opts.communities) {
    const paired = opts.units
      .filter((u) => u.pairedCommunityId === c._id)
      .sort((a, b) => (a._id === opts.demoUnitId ? -1 : b._id === opts.demoUnitId ? 1 : a._id.localeCompare(b._id)));
    if (paired.length === 0) continue;
    const secretary = c.secretaryOpenid ?? 'seed';
    const secretaryUser = user.get(secretary);
    const residents = opts.users.filter(
      (u) =>
        u.address?.communityId === c._id &&
        u._id !== 'demo-resident' &&
        u.name &&
        !u.roles.some((g) => g.role === 'secretary'),
    );
    // The unit's liaison: a verified member (双报到) when it has one; else an account of its own
    // (like the property companies' liaisons: a resident with no address).
    const liaisons = new Map(
      paired.map((u) => {
        const m = members.get(u._id)?.[0];
        return [
          u._id,
          m
            ? { openid: m._id, name: m.name ?? m.nickname, phone: m.phone ?? null }
            : ((a) => ({ openid: a._id, name: a.name ?? a.nickname, phone: a.phone ?? null }))(liaisonAccount(u._id)),
        ];
      }),
    );
    // Who acts for a unit: its admin (the demo unit's), else the secretary records it.
    const actorFor = (unitId: string) => unitAdmins.get(unitId)?._id ?? secretary;

    for (let back = opts.years - 1; back >= 0; back--) {
      const year = thisYear - back;
      const current = back === 0;
      // The year's list is drawn up from mid-December; everything happens by the anchor (or the year's end).
      const from = yearStart(year) - 20 * DAY;
      const to = Math.min(anchorMs - HOUR, yearStart(year + 1) - DAY);
      const at = (f: number) => new Date(Math.round(from + (to - from) * f));
      const key = `${c._id}-${year}`;
      const shift = rng.int(0, COBUILD_CATEGORIES.length - 1);

      // ---- needs: two per category, all open for now (projects below move them).
      const needs: NeedDoc[] = COBUILD_CATEGORIES.flatMap((category, ci) =>
        NEEDS[category].map(([title, description, quantity, quantityUnit], k) => {
          const createdAt = at(0.02 + 0.01 * ci + 0.005 * k);
          return {
            _id: `cbn-${key}-${ci + 1}${k + 1}`,
            communityId: c._id,
            year,
            category,
            title,
            description,
            quantity,
            quantityUnit,
            wantedBy: `${year}-${String(3 + ((ci * 2 + k) % 10)).padStart(2, '0')}-28`,
            contact: { name: secretaryUser?.name ?? who(secretary), phone: secretaryUser?.phone ?? '' },
            status: 'open',
            closeReason: null,
            version: 1,
            createdAt,
            updatedAt: createdAt,
            createdBy: secretary,
            updatedBy: secretary,
          };
        }),
      );
      const needOf = (category: CobuildCategory, k: number) => needs[COBUILD_CATEGORIES.indexOf(category) * 2 + k];
      const resources: ResourceDoc[] = [];
      const resource = (
        unit: UnitDoc,
        category: CobuildCategory,
        k: number,
        f: number,
        status: ResourceDoc['status'],
      ): ResourceDoc => {
        const [title, description, amount, unitWord, frequency] = RESOURCES[category][k % 2];
        const createdAt = at(f);
        const by = actorFor(unit._id);
        const r: ResourceDoc = {
          _id: `cbr-${key}-${unit._id}-${resources.filter((x) => x.unitId === unit._id).length + 1}`,
          unitId: unit._id,
          communityId: c._id,
          year,
          category,
          title,
          description,
          capacity: { amount, unit: unitWord, frequency },
          liaison: liaisons.get(unit._id)!,
          availability: rng.pick(['工作日白天', '周末全天', '节假日', '提前一周预约']),
          status,
          withdrawReason: status === 'withdrawn' ? '人员调整，暂时无法提供' : null,
          version: status === 'offered' ? 1 : 2,
          createdAt,
          updatedAt: createdAt,
          createdBy: by,
          updatedBy: by,
        };
        resources.push(r);
        return r;
      };

      // ---- projects: one per state (current year), each a category of its own, linking its
      // category's needs and a resource of one paired unit (in c01 the demo unit's too).
      const states = current ? CURRENT : PAST;
      const projects: ProjectDoc[] = [];
      states.forEach((status, k) => {
        const category = COBUILD_CATEGORIES[(shift + k) % COBUILD_CATEGORIES.length];
        const unit = paired[k % paired.length];
        const units = c._id === 'c01' && unit._id !== opts.demoUnitId ? [paired[0], unit] : [unit];
        const created = at(0.1 + 0.06 * k);
        const linkedNeeds = status === 'active' ? [needOf(category, 0), needOf(category, 1)] : [needOf(category, 0)];
        const resStatus = status === 'done' ? 'usedUp' : status === 'dropped' ? 'offered' : 'committed';
        const linkedRes = units.map((u, i) => resource(u, category, k + i, 0.05 + 0.01 * k, resStatus));
        for (const n of linkedNeeds) {
          n.status = status === 'done' ? 'done' : status === 'dropped' ? 'open' : 'matched';
          n.version = status === 'planned' || status === 'active' ? 2 : 3;
          n.updatedAt = created;
        }
        for (const r of linkedRes) r.updatedAt = created;
        const creator = k % 2 === 1 && unitAdmins.has(units[0]._id) ? actorFor(units[0]._id) : secretary;
        const id = `cbp-${key}-${k + 1}`;
        const startedAt = status === 'planned' || (status === 'dropped' && k % 2 === 0) ? null : at(0.15 + 0.06 * k);
        const dueBase = local(new Date(yearStart(year) + DAY * 30));
        const milestones: MilestoneDoc[] = MILESTONES.slice(0, 3).map((title, m) => ({
          id: `${id}-m${m + 1}`,
          title,
          dueAt: dueBase.add(60 + 90 * m + 7 * k, 'day').format('YYYY-MM-DD'),
          doneAt: null,
        }));
        const p: ProjectDoc = {
          _id: id,
          communityId: c._id,
          year,
          title: `${PROJECT_TITLES[category][0]}`,
          goal: PROJECT_TITLES[category][1],
          status,
          needIds: linkedNeeds.map((n) => n._id),
          resourceIds: linkedRes.map((r) => r._id),
          unitIds: units.map((u) => u._id),
          milestones,
          leads: {
            community: { name: secretaryUser?.name ?? who(secretary), openid: secretary },
            unit: { name: liaisons.get(units[0]._id)!.name },
          },
          recentPhotos: [],
          lastUpdateAt: null,
          result: null,
          dropReason: status === 'dropped' ? '资源调整，项目并入下一年度计划' : null,
          startedAt,
          rating: { count: 0, sum: 0 },
          version: 1 + (startedAt ? 1 : 0) + (status === 'done' || status === 'dropped' ? 1 : 0),
          createdAt: created,
          updatedAt: created,
          createdBy: creator,
          createdByName: who(creator),
        };
        // Updates (active and done ones): the first marks a milestone done, each with photos.
        if (startedAt && (status === 'active' || status === 'done')) {
          const count = status === 'active' ? 2 : 3;
          for (let u = 0; u < count; u++) {
            const side = u % 2 === 0 ? 'community' : 'unit';
            const by = side === 'community' ? secretary : actorFor(units[0]._id);
            const when = new Date(startedAt.getTime() + ((to - startedAt.getTime()) * (u + 1)) / (count + 3));
            const photos = Array.from({ length: 1 + (u % 3) }, (_, i) => photoId(by, `${id}-u${u + 1}-${i + 1}`));
            const milestone = u < milestones.length ? milestones[u] : null;
            if (milestone) milestone.doneAt = when;
            out.cobuildProjectUpdates.push({
              _id: `${id}-u${u + 1}`,
              projectId: id,
              communityId: c._id,
              note: UPDATE_NOTES[u % UPDATE_NOTES.length],
              photos,
              milestoneId: milestone?.id ?? null,
              by: {
                openid: by,
                name: who(by),
                side: by === secretary ? 'community' : 'unit',
                unitId: by === secretary ? null : units[0]._id,
              },
              at: when,
              createdAt: when,
              updatedAt: when,
              createdBy: by,
            });
            p.recentPhotos = photos;
            p.lastUpdateAt = when;
            p.updatedAt = when;
          }
        }
        if (status === 'done') {
          const when = new Date(p.lastUpdateAt!.getTime() + (to - p.lastUpdateAt!.getTime()) / 3);
          p.result = {
            note: RESULT_NOTES[k % RESULT_NOTES.length],
            photos: [1, 2, 3].map((i) => photoId(secretary, `${id}-result-${i}`)),
            at: when,
            by: { openid: secretary, name: who(secretary), at: when },
          };
          p.updatedAt = when;
          for (const n of linkedNeeds) n.updatedAt = when;
          for (const r of linkedRes) r.updatedAt = when;
          // Some residents rate it (never demo-resident: they may try 评价).
          const raters = residents.slice(0, (k % 3) + 1);
          for (const [i, r] of raters.entries()) {
            const stars = 3 + ((i + k) % 3);
            const rated = new Date(when.getTime() + (to - when.getTime()) * ((i + 1) / (raters.length + 2)));
            out.cobuildRatings.push({
              _id: ratingId(id, r._id),
              projectId: id,
              communityId: c._id,
              openid: r._id,
              stars,
              comment: RATING_COMMENTS[(i + k) % RATING_COMMENTS.length],
              createdAt: rated,
              updatedAt: rated,
              createdBy: r._id,
            });
            p.rating.count += 1;
            p.rating.sum += stars;
          }
        }
        if (status === 'dropped') {
          p.updatedAt = at(0.2 + 0.06 * k);
          for (const n of linkedNeeds) n.updatedAt = p.updatedAt;
          for (const r of linkedRes) r.updatedAt = p.updatedAt;
        }
        projects.push(p);
      });

      // ---- the rest of the lists: one need closed; each unit offers a resource matching an
      // open need; one unit withdrew one.
      const open = needs.filter((n) => n.status === 'open' && !projects.some((p) => p.needIds.includes(n._id)));
      const closed = open.pop()!;
      Object.assign(closed, { status: 'closed', closeReason: '已由民政部门统筹解决', version: 2, updatedAt: at(0.5) });
      paired.forEach((u, i) => {
        resource(u, open[i % open.length].category, i + 1, 0.3 + 0.02 * i, 'offered');
      });
      resource(paired[0], open[0].category, 0, 0.25, 'withdrawn');

      // ---- agreements: per paired unit, the projects of the pair (not dropped).
      const projectsOf = (u: UnitDoc) =>
        projects.filter((p) => p.status !== 'dropped' && p.unitIds.includes(u._id)).map((p) => p._id);
      const sign = (openid: string, f: number): Stamp => ({ openid, name: who(openid), at: at(f) });
      paired.forEach((u, i) => {
        // The unit signs by its admin (the demo unit's); else, in the seed, by its liaison.
        const unitSigner = unitAdmins.get(u._id)?._id ?? liaisons.get(u._id)!.openid;
        const unitStamp = (f: number): Stamp => sign(unitSigner, f);
        const base = (n: number, f: number): AgreementDoc => ({
          _id: agreementId(c._id, u._id, year, n),
          communityId: c._id,
          unitId: u._id,
          year,
          number: n,
          status: 'draft',
          projectIds: projectsOf(u),
          duties: {
            community: '提供场地，组织居民参与，及时反馈群众需求',
            unit: n > 1 ? '每月至少开展一次共建服务，落实项目资源' : '每季度至少开展一次共建服务',
          },
          period: { from: `${year}-01-01`, to: `${year}-12-31` },
          signatures: { community: null, unit: null },
          supersedes: n > 1 ? agreementId(c._id, u._id, year, n - 1) : null,
          supersededBy: null,
          version: 1,
          createdAt: at(f),
          updatedAt: at(f),
          createdBy: secretary,
        });
        const signed = (a: AgreementDoc, f: number): AgreementDoc => ({
          ...a,
          status: 'signed',
          signatures: { community: sign(secretary, f), unit: unitStamp(f + 0.01) },
          version: 4,
          updatedAt: at(f + 0.01),
        });
        // What this unit's chain looks like: past years signed (the first unit's revised);
        // this year by position — revised, half-signed, draft, signed.
        const kind = !current
          ? i === 0
            ? 'revised'
            : 'signed'
          : (['revised', 'half', 'draft', 'signed'][i] ?? 'signed');
        if (kind === 'revised') {
          const v1 = { ...signed(base(1, 0.36), 0.38), status: 'superseded' as const };
          const v2 = signed(base(2, 0.42), 0.45);
          v1.supersededBy = v2._id;
          v1.updatedAt = v2.updatedAt;
          out.cobuildAgreements.push(v1, v2);
          // A third version drafted after: in c01 the secretary signed it, awaiting the demo
          // unit; in a community of two units, not signed yet (its unsigned draft).
          if (current && (c._id === 'c01' || paired.length === 2)) {
            const v3 = base(3, 0.55);
            if (c._id === 'c01')
              Object.assign(v3, {
                signatures: { community: sign(secretary, 0.6), unit: null },
                version: 2,
                updatedAt: at(0.6),
              });
            out.cobuildAgreements.push(v3);
          }
        } else if (kind === 'half') {
          // Signed by the unit, awaiting the secretary.
          const a = base(1, 0.4);
          out.cobuildAgreements.push({
            ...a,
            signatures: { community: null, unit: unitStamp(0.5) },
            version: 2,
            updatedAt: at(0.5),
          });
        } else if (kind === 'draft') {
          out.cobuildAgreements.push(base(1, 0.45));
        } else out.cobuildAgreements.push(signed(base(1, 0.4), 0.42));
      });

      out.cobuildNeeds.push(...needs);
      out.cobuildResources.push(...resources);
      out.cobuildProjects.push(...projects);
    }
  }
  return out;
}
