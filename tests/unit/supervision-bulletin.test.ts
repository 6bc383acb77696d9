/** The 情况通报 drafted from the hand-built county's scores: the right communities, figures and targets, in plain Chinese. */
import { DEFAULT_RULES } from '../../contract/supervision';
import { bulletinOf, type BulletinCommunity } from '../../server/supervision/bulletin';
import type { SupervisionRaw } from '../../server/supervision/indicators';
import { scoreRow } from '../../server/supervision/scoring';
import { butou, changgang, lianjiang, wenfeng } from './supervision-county';

const community = (name: string, raw: SupervisionRaw): BulletinCommunity => {
  const row = scoreRow(raw, DEFAULT_RULES.scopes.community, 'community');
  return { name, score: row.total, band: row.band, indicators: row.indicators };
};

// Scores 100 (先进), 69.7 (落后), 76.8 (关注), 66.7 (落后): see supervision-scoring.test.ts.
const county = [
  community('潋江社区', lianjiang),
  community('长冈社区', changgang),
  community('文峰社区', wenfeng),
  community('埠头社区', butou),
];
const text = bulletinOf({ quarter: '2026Q3', communities: county, rules: DEFAULT_RULES });
const lines = text.split('\n');
const section = (heading: string) => {
  const from = lines.indexOf(heading);
  const to = lines.findIndex((l, i) => i > from && l === '');
  return lines.slice(from + 1, to === -1 ? undefined : to).map((l) => l.replace(/^\u3000\u3000/, ''));
};

test('title, the quarter in words, the rules version, and no English anywhere', () => {
  expect(lines[0]).toBe('关于2026年三季度城市社区党建工作督导情况的通报');
  expect(text).toContain(
    '按照城市社区党建工作督导评分规则（第1版），县委城市社区党工委对4个社区2026年三季度党建工作情况',
  );
  expect(text).not.toMatch(/[A-Za-z]/);
  expect(lines.filter((l) => /^[一二三四]、/.test(l))).toEqual([
    '一、总体情况',
    '二、好的做法',
    '三、存在的问题',
    '四、下步要求',
  ]);
  expect(bulletinOf({ quarter: '2026Q3', communities: county, rules: DEFAULT_RULES })).toBe(text);
});

test('总体情况: how many, the average score, the band counts with their text labels', () => {
  // (100 + 69.7 + 76.8 + 66.7) / 4 = 78.3
  expect(section('一、总体情况')).toEqual([
    '本次督导社区4个，平均得分78.3分。其中，评定为先进（红）1个，关注（黄）1个，落后（绿）2个。',
  ]);
});

test('好的做法: the 先进 community and the three indicators furthest beyond their targets', () => {
  // Beyond target relative to it: meetings 2 vs 1 (+100 %), wish days 5 vs 7 (28.6 %), hours 5.1 vs 4 (27.5 %).
  expect(section('二、好的做法')).toEqual([
    '潋江社区（100分）评定为先进（红）。',
    '潋江社区联席会议召开次数2次，超过目标1次；微心愿平均办理天数5天，优于目标7天；人均志愿服务时长5.1小时，超过目标4小时。',
  ]);
});

test('存在的问题: 落后 then 关注, lowest first, each indicator short of its rule with figure and target', () => {
  expect(section('三、存在的问题')).toEqual([
    '埠头社区（得分66.7分，落后）：双报到率0%，低于目标95%。',
    '长冈社区（得分69.7分，落后）：双报到率87%，低于目标95%；六个一完成率69%，低于目标80%；' +
      '人均志愿服务时长3小时，低于目标4小时；微心愿完成数6件，低于目标10件；微心愿平均办理天数9天，高于目标7天；' +
      '响应率90%，低于目标95%；办结率87.5%，低于目标90%；吹哨率2%，低于合理区间5%至40%；' +
      '轮值主席履职率66.7%，低于目标100%；共建项目完成率20%，低于目标60%；红色物业满意度75%，低于目标85%。',
    '文峰社区（得分76.8分，关注）：响应率92.5%，低于目标95%；办结率85%，低于目标90%；' +
      '吹哨率50%，高于合理区间5%至40%；联席会议召开次数0次，低于目标1次。',
  ]);
  // 文峰社区's 无数据 indicators are not problems.
  expect(text).not.toContain('满意率无');
});

test('下步要求: one paragraph per kind of shortfall, naming its communities; 吹哨率 too low and too high apart', () => {
  const paragraphs = section('四、下步要求');
  expect(paragraphs).toHaveLength(14);
  expect(paragraphs[0]).toBe(
    '（一）抓实在职党员双报到。埠头社区、长冈社区要对照结对单位在职党员名册，逐一督促未报到党员到社区报到，确保双报到率达到95%以上。',
  );
  expect(paragraphs[5]).toBe(
    '（六）提高诉求响应速度。长冈社区、文峰社区要压实网格员接单响应责任，群众诉求做到在时限内响应，确保响应率达到95%以上。',
  );
  expect(paragraphs[7]).toMatch(/^（八）用好吹哨报到机制。长冈社区要对社区解决不了的问题及时吹哨/);
  expect(paragraphs[7]).toMatch(/确保吹哨率保持在5%至40%的合理区间。$/);
  expect(paragraphs[8]).toMatch(/^（九）规范吹哨报到机制。文峰社区要严格把握吹哨情形/);
  expect(paragraphs[9]).toBe(
    '（十）按时召开联席会议。文峰社区要每季度召开联席会议，研究解决共建中的重点问题，确保联席会议召开次数不少于1次。',
  );
  expect(paragraphs[10]).toMatch(/^（十一）落实轮值主席制度。长冈社区要.*确保轮值主席履职率达到100%。$/);
  expect(paragraphs[13]).toMatch(/^（十四）各社区要对照本通报/);
  // 满意率 was met or 无数据 everywhere: no paragraph for it.
  expect(text).not.toContain('提升群众满意度');
  expect(lines.at(-1)).toBe('县委城市社区党工委');
});

test('a quarter without a 先进 community, and a community with nothing to score', () => {
  const quiet = bulletinOf({
    quarter: '2026Q4',
    communities: [county[2], { name: '江口社区', score: null, band: null, indicators: [] }],
    rules: DEFAULT_RULES,
  });
  expect(quiet.split('\n')[0]).toBe('关于2026年四季度城市社区党建工作督导情况的通报');
  expect(quiet).toContain(
    '本次督导社区2个，平均得分76.8分。其中，评定为先进（红）0个，关注（黄）1个，落后（绿）0个；暂无可评分数据的1个。',
  );
  expect(quiet).toContain('本季度没有社区评定为先进。');
  expect(quiet).toContain('江口社区本季度暂无可评分的数据，请核实相关工作开展情况。');
  expect(quiet).not.toContain('埠头社区');
});
