/**
 * The quarter's 情况通报, drafted from the scored communities in the register of a county
 * committee's notice: 总体情况, 好的做法 (the 先进 communities and what they did best), 存在的问题
 * (the 落后 and 关注 communities, each indicator short of its rule with figure and target), 下步要求
 * (one paragraph per kind of shortfall found). Pure and deterministic: the same quarter gives the
 * same text; the county admin edits it before publishing.
 */
import { quarterWords } from '../../contract/quarters';
import {
  bandText,
  BANDS,
  INDICATOR_KEYS,
  indicatorSpec,
  isRangeRule,
  type Band,
  type IndicatorKey,
  type IndicatorRule,
  type IndicatorSpec,
  type SupervisionRules,
} from '../../contract/supervision';
import { outsideOf } from './indicators';
import type { IndicatorScore } from './scoring';

export interface BulletinCommunity {
  name: string;
  /** The total, null without data. */
  score: number | null;
  band: Band | null;
  indicators: IndicatorScore[];
}

export interface BulletinInput {
  quarter: string;
  communities: BulletinCommunity[];
  /** The version the quarter was scored by. */
  rules: SupervisionRules;
}

/** A paragraph's first-line indent: two ideographic spaces. */
const PARA = '\u3000\u3000';
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (n: number) => (n <= 10 ? NUMERALS[n - 1] : `十${NUMERALS[n - 11]}`);

export const bulletinTitle = (quarter: string) => `关于${quarterWords(quarter)}城市社区党建工作督导情况的通报`;

const amount = (v: number, spec: IndicatorSpec) => `${v}${spec.unit}`;
const rangeText = (rule: IndicatorRule, spec: IndicatorSpec) =>
  isRangeRule(rule) ? `${amount(rule.low, spec)}至${amount(rule.high, spec)}` : '';

interface Requirement {
  heading: string;
  action: string;
}

/**
 * What each kind of shortfall asks for: a heading and what the communities named must do. A range
 * indicator short on either side (吹哨率 偏低 / 偏高) is a different problem with its own remedy.
 */
const REQUIREMENTS: Record<IndicatorKey, Requirement | Record<'low' | 'high', Requirement>> = {
  dualReport: {
    heading: '抓实在职党员双报到',
    action: '对照结对单位在职党员名册，逐一督促未报到党员到社区报到',
  },
  sixOnesComplete: {
    heading: '推动“六个一”落地见效',
    action: '对照“六个一”清单，组织报到党员参加组织生活、座谈、调研、认领微心愿、志愿服务和结对帮扶',
  },
  volunteerHours: {
    heading: '提升志愿服务参与度',
    action: '多开展形式多样的志愿服务活动，引导报到党员常态化参与',
  },
  wishesCompleted: {
    heading: '加大微心愿征集认领力度',
    action: '广泛征集群众微心愿，动员报到党员和结对单位及时认领、兑现',
  },
  wishDays: { heading: '加快微心愿办理进度', action: '跟踪已认领微心愿的兑现进度，缩短群众等待时间' },
  responseRate: { heading: '提高诉求响应速度', action: '压实网格员接单响应责任，群众诉求做到在时限内响应' },
  resolutionRate: { heading: '提高诉求办结质量', action: '对未办结的诉求逐件跟踪督办，推动按期办结' },
  satisfactionRate: { heading: '提升群众满意度', action: '对群众不满意的诉求及时回访、重新办理' },
  whistleRate: {
    low: { heading: '用好吹哨报到机制', action: '对社区解决不了的问题及时吹哨，不得压件不报' },
    high: { heading: '规范吹哨报到机制', action: '严格把握吹哨情形，社区能够解决的问题不得随意吹哨' },
  },
  onTimeReportRate: { heading: '落实部门按时报到', action: '接到吹哨后在时限内到社区报到' },
  departmentPraise: { heading: '提升部门办理质量', action: '认真办理社区吹哨事项，主动接受社区评价' },
  meetingsHeld: { heading: '按时召开联席会议', action: '每季度召开联席会议，研究解决共建中的重点问题' },
  chairMonths: { heading: '落实轮值主席制度', action: '督促轮值主席单位按月策划开展共建活动' },
  projectsDone: { heading: '推进共建项目落地', action: '对计划中、进行中的共建项目明确时间节点，推动按期完成' },
  propertySatisfaction: {
    heading: '提升红色物业服务水平',
    action: '督促物业企业整改居民反映的问题，提高物业服务质量',
  },
};

/** A target to reach in words: 达到95%以上, 达到100%, 不少于1次. */
function goalOf(target: number, spec: IndicatorSpec): string {
  if (spec.unit === '件' || spec.unit === '次') return `不少于${amount(target, spec)}`;
  return spec.unit === '%' && target >= 100 ? `达到${amount(target, spec)}` : `达到${amount(target, spec)}以上`;
}

/** "双报到率82%，低于目标95%" — an indicator against its rule. */
export function againstRule(cell: IndicatorScore, rule: IndicatorRule): string {
  const spec = indicatorSpec(cell.key);
  const value = amount(cell.value!, spec);
  if (isRangeRule(rule)) {
    const side = outsideOf(cell.value!, rule);
    const where = side === 'low' ? '低于' : side === 'high' ? '高于' : '处于';
    return `${spec.label}${value}，${where}合理区间${rangeText(rule, spec)}`;
  }
  const target = amount(rule.target, spec);
  if (spec.better === 'lower')
    return cell.met ? `${spec.label}${value}，优于目标${target}` : `${spec.label}${value}，高于目标${target}`;
  if (!cell.met) return `${spec.label}${value}，低于目标${target}`;
  return cell.value === rule.target
    ? `${spec.label}${value}，达到目标${target}`
    : `${spec.label}${value}，超过目标${target}`;
}

/** How far a met indicator is beyond its target, relative to it (a range indicator: 0). */
function margin(cell: IndicatorScore, rule: IndicatorRule): number {
  if (isRangeRule(rule)) return 0;
  const spec = indicatorSpec(cell.key);
  const ahead = spec.better === 'lower' ? rule.target - cell.value! : cell.value! - rule.target;
  return rule.target > 0 ? ahead / rule.target : ahead;
}

const scored = (c: BulletinCommunity, rules: SupervisionRules) =>
  c.indicators
    .filter((i) => i.value !== null && i.weight > 0)
    .map((cell) => ({ cell, rule: rules.scopes.community.indicators[cell.key]! }));

const byScore = (a: BulletinCommunity, b: BulletinCommunity) => (a.score ?? 0) - (b.score ?? 0);
const names = (list: string[]) => list.join('、');

export function bulletinOf({ quarter, communities, rules }: BulletinInput): string {
  const period = quarterWords(quarter);
  const withScore = communities.filter((c) => c.score !== null);
  const inBand = (band: Band) => communities.filter((c) => c.band === band);
  const lines: string[] = [bulletinTitle(quarter), '', '各社区党组织、各结对共建单位：'];
  lines.push(
    `${PARA}按照城市社区党建工作督导评分规则（第${rules.version}版），县委城市社区党工委对${communities.length}个社区${period}党建工作情况进行了督导评分。现将有关情况通报如下。`,
  );

  // 一、总体情况
  lines.push('', '一、总体情况');
  const average =
    withScore.length > 0
      ? Math.round((withScore.reduce((s, c) => s + c.score!, 0) / withScore.length) * 10) / 10
      : null;
  const counts = (['good', 'watch', 'behind'] as const).map((b) => `${bandText(b)}${inBand(b).length}个`).join('，');
  const missing = communities.length - withScore.length;
  lines.push(
    `${PARA}本次督导社区${communities.length}个` +
      (average === null ? '，均暂无可评分的数据。' : `，平均得分${average}分。其中，评定为${counts}`) +
      (average !== null && missing > 0 ? `；暂无可评分数据的${missing}个。` : average !== null ? '。' : ''),
  );

  // 二、好的做法
  lines.push('', '二、好的做法');
  const good = inBand('good').sort((a, b) => byScore(b, a));
  if (good.length === 0) lines.push(`${PARA}本季度没有社区评定为${BANDS.good.label}。`);
  else {
    lines.push(`${PARA}${names(good.map((c) => `${c.name}（${c.score}分）`))}评定为${bandText('good')}。`);
    for (const c of good) {
      const best = scored(c, rules)
        .filter(({ cell }) => cell.met)
        .sort((a, b) => margin(b.cell, b.rule) - margin(a.cell, a.rule))
        .slice(0, 3);
      if (best.length > 0)
        lines.push(`${PARA}${c.name}${best.map(({ cell, rule }) => againstRule(cell, rule)).join('；')}。`);
    }
  }

  // 三、存在的问题
  lines.push('', '三、存在的问题');
  const problems = [...inBand('behind').sort(byScore), ...inBand('watch').sort(byScore)];
  const kinds = new Map<string, Requirement & { key: IndicatorKey; side: 'low' | 'high' | null; names: string[] }>();
  if (problems.length === 0 && missing === 0) lines.push(`${PARA}本季度各社区均未发现突出问题。`);
  for (const c of problems) {
    const short = scored(c, rules).filter(({ cell }) => !cell.met);
    lines.push(
      `${PARA}${c.name}（得分${c.score}分，${BANDS[c.band!].label}）：` +
        (short.length > 0
          ? `${short.map(({ cell, rule }) => againstRule(cell, rule)).join('；')}。`
          : '各项指标均达到目标。'),
    );
    for (const { cell, rule } of short) {
      const side = outsideOf(cell.value!, rule);
      const kind = side ? `${cell.key}-${side}` : cell.key;
      const req = REQUIREMENTS[cell.key];
      const text = 'heading' in req ? req : req[side ?? 'low'];
      const entry = kinds.get(kind) ?? { ...text, key: cell.key, side, names: [] };
      entry.names.push(c.name);
      kinds.set(kind, entry);
    }
  }
  const unscored = communities.filter((c) => c.score === null).map((c) => c.name);
  if (unscored.length > 0) lines.push(`${PARA}${names(unscored)}本季度暂无可评分的数据，请核实相关工作开展情况。`);

  // 四、下步要求: in the order of the indicators, one paragraph per kind of shortfall.
  lines.push('', '四、下步要求');
  const ordered = [...kinds.values()].sort(
    (a, b) =>
      INDICATOR_KEYS.indexOf(a.key) - INDICATOR_KEYS.indexOf(b.key) ||
      (a.side === 'high' ? 1 : 0) - (b.side === 'high' ? 1 : 0),
  );
  ordered.forEach((k, i) => {
    const spec = indicatorSpec(k.key);
    const rule = rules.scopes.community.indicators[k.key]!;
    const goal = isRangeRule(rule)
      ? `保持在${rangeText(rule, spec)}的合理区间`
      : spec.better === 'lower'
        ? `控制在${amount(rule.target, spec)}以内`
        : goalOf(rule.target, spec);
    lines.push(`${PARA}（${numeral(i + 1)}）${k.heading}。${names(k.names)}要${k.action}，确保${spec.label}${goal}。`);
  });
  lines.push(
    `${PARA}${ordered.length > 0 ? `（${numeral(ordered.length + 1)}）` : ''}各社区要对照本通报，认真查找差距，举一反三抓好整改，在下季度督导中见到成效。`,
  );
  lines.push('', '县委城市社区党工委');
  return lines.join('\n');
}
