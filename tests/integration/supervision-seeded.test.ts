import ExcelJS from 'exceljs';
import { bandText } from '../../contract/supervision';
import { getDb } from '../../server/platform/cloud';
import { now as serverNow } from '../../server/platform/clock';
import { periodMonths } from '../../server/complaints/metrics';
import { localDays } from '../../server/supervision/sources';
import { refreshQuarter } from '../../server/supervision/tallies';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { people, type People } from '../helpers/people';

/**
 * 督导 on the seeded county, one figure on every page: each community's and unit's figures of the
 * seed's last full quarter (2025Q4, before the anchor 2026-01-05) agree with what the 诉求指标 page
 * (complaint.metrics), the 六个一 tally page (sixOnes.tally) and the documents themselves say.
 */

let t: TestCloud;
let p: People;
const Q = '2025Q4';
const COUNTY = 'demo-county-admin';

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
  await refreshQuarter({ db: getDb(), now: serverNow() }, Q, { keepStock: false });
});
afterAll(() => t.stop());

const percent = (share: number | null) => (share === null ? null : Math.round(Math.round(share * 10_000) / 10) / 10);
const value = (row: any, key: string) => row.cells.find((c: any) => c.key === key).value;

it('every community: the complaint rates are the 诉求指标 page’s, the members the 六个一 page’s', async () => {
  const view = await p.ok<any>(p.call('supervision', 'ranking', { quarter: Q, scope: 'community' }, COUNTY));
  expect(view.rows).toHaveLength(14);
  for (const row of view.rows) {
    const m = await p.ok<any>(
      p.call(
        'complaint',
        'metrics',
        { scope: 'community', scopeId: row.id, period: 'quarter', year: 2025, index: 4 },
        COUNTY,
      ),
    );
    expect({ id: row.id, response: value(row, 'responseRate'), resolution: value(row, 'resolutionRate') }).toEqual({
      id: row.id,
      response: percent(m.rates.responseRate),
      resolution: percent(m.rates.resolutionRate),
    });
    expect(value(row, 'satisfactionRate')).toBe(percent(m.rates.satisfactionRate));
    expect(value(row, 'whistleRate')).toBe(percent(m.rates.whistleRate));
    const tally = await p.ok<any>(
      p.call('sixOnes', 'tally', { scope: 'community', scopeId: row.id, year: 2025 }, COUNTY),
    );
    expect(value(row, 'sixOnesComplete')).toBe(tally.reported ? percent(tally.complete / tally.reported) : null);
  }
  // The seed's figures are not all empty: the check above compared numbers.
  expect(view.rows.filter((r: any) => value(r, 'responseRate') !== null).length).toBeGreaterThanOrEqual(5);
  expect(view.rows.filter((r: any) => r.total !== null)).toHaveLength(14);
});

it('双报到率 from the units’ 在职党员数, wishes, ratings and meetings from the documents', async () => {
  const view = await p.ok<any>(p.call('supervision', 'ranking', { quarter: Q, scope: 'community' }, COUNTY));
  const { from, to } = periodMonths('quarter', 2025, 4);
  const inQuarter = (d: Date | string | null) =>
    d !== null && new Date(d) >= new Date(from) && new Date(d) < new Date(to);
  const wishes = t.cloud.store
    .find('wishes', { query: { status: 'completed' } })
    .filter((w: any) => inQuarter(w.completedAt));
  const units = t.cloud.store.find('units', { query: {} });
  for (const row of view.rows) {
    const paired = units.filter((u: any) => u.pairedCommunityId === row.id);
    const headcount = paired.reduce((n: number, u: any) => n + u.memberCount, 0);
    const reported = await p.ok<any>(p.call('sixOnes', 'tally', { scope: 'community', scopeId: row.id }, COUNTY));
    expect({ id: row.id, dual: value(row, 'dualReport') }).toEqual({
      id: row.id,
      dual: paired.length ? percent(Math.round((reported.reported / headcount) * 10_000) / 10_000) : null,
    });
    const mine = wishes.filter((w: any) => w.communityId === row.id);
    expect(value(row, 'wishesCompleted')).toBe(mine.length);
    const days = mine.reduce(
      (n: number, w: any) => n + localDays(new Date(w.publishedAt), new Date(w.fulfilment.at)),
      0,
    );
    expect(value(row, 'wishDays')).toBe(mine.length ? Math.round((10 * days) / mine.length) / 10 : null);
    const ratings = t.cloud.store.find('propertyRatings', { query: { quarter: Q, communityId: row.id } });
    const good = ratings.filter((r: any) => r.rating !== 'unsatisfied').length;
    expect(value(row, 'propertySatisfaction')).toBe(
      ratings.length ? percent(Math.round((good / ratings.length) * 10_000) / 10_000) : null,
    );
    const held = t.cloud.store.find('meetings', {
      query: { communityId: row.id, status: 'held', year: 2025, quarter: 4 },
    });
    expect(value(row, 'meetingsHeld')).toBe(held.length);
  }
  expect(wishes.length).toBeGreaterThan(0);
});

describe('the Excel export', () => {
  const download = async (url: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    return book;
  };
  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const out: unknown[][] = [];
    sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };

  it('a quarter’s workbook read back cell by cell: each scope as ranked, the gaps, Chinese headers and widths', async () => {
    const out = await p.ok<any>(p.call('supervisionExport', 'exportReport', { quarter: Q }, COUNTY));
    expect(out.fileName).toBe('2025年四季度城市社区党建工作督导情况.xlsx');
    expect(out.fileID).toMatch(/\/exports\/supervision\/2025Q4\/[0-9a-f]{24}\.xlsx$/);
    const book = await download(out.url);
    expect(book.worksheets.map((s) => s.name)).toEqual(['社区', '结对单位', '职能部门', '各社区差距清单']);
    for (const [name, scope] of [
      ['社区', 'community'],
      ['结对单位', 'unit'],
      ['职能部门', 'department'],
    ] as const) {
      const view = await p.ok<any>(p.call('supervision', 'ranking', { quarter: Q, scope }, COUNTY));
      const rows = rowsOf(book.getWorksheet(name)!);
      expect(rows[0].slice(0, 5)).toEqual(['排名', name, '总分', '等次', '总分较上季度']);
      expect(rows[0][5]).toBe(`${view.columns[0].label}（${view.columns[0].unit}）`);
      expect(rows).toHaveLength(view.rows.length + 1);
      view.rows.forEach((r: any, i: number) => {
        const row = rows[i + 1];
        expect(row[0] === '' || row[0] === undefined ? null : row[0]).toBe(r.rank);
        expect(row[1]).toBe(r.name);
        expect(row[2]).toBe(r.total ?? '无数据');
        expect(row[3]).toBe(r.band ? bandText(r.band) : '无数据');
        view.columns.forEach((c: any, k: number) => {
          const cell = r.cells.find((x: any) => x.key === c.key);
          expect(row[5 + 2 * k]).toBe(cell.value ?? '无数据');
        });
      });
      // A Chinese name is counted two a character.
      expect(book.getWorksheet(name)!.getColumn(2).width).toBeGreaterThanOrEqual(
        Math.max(...view.rows.map((r: any) => [...r.name].length * 2)),
      );
    }
    const gaps = rowsOf(book.getWorksheet('各社区差距清单')!);
    expect(gaps[0]).toEqual(['社区', '未达目标的指标', '具体差距']);
    const c01 = await p.ok<any>(p.call('supervision', 'report', { quarter: Q, scope: 'community', id: 'c01' }, COUNTY));
    const mine = gaps.filter((g) => g[0] === c01.row.name).map((g) => g[1]);
    expect(mine).toEqual(c01.gaps.map((g: any) => g.text));
  });

  it('a half year’s summary; only the county admin; nothing yet to export is INVALID_INPUT', async () => {
    const out = await p.ok<any>(p.call('supervisionExport', 'exportReport', { year: 2025, half: 2 }, COUNTY));
    expect(out.fileName).toBe('2025年下半年城市社区党建工作督导汇总.xlsx');
    const book = await download(out.url);
    const rows = rowsOf(book.getWorksheet('社区')!);
    expect(rows[0]).toEqual([
      '社区',
      '2025年三季度总分',
      '2025年三季度等次',
      '2025年四季度总分',
      '2025年四季度等次',
      '半年平均分',
      '半年等次',
    ]);
    expect(rows).toHaveLength(15);
    for (const who of ['demo-secretary', 'demo-unit-admin', 'demo-department', 'demo-resident'])
      expect((await p.call('supervisionExport', 'exportReport', { quarter: Q }, who)).error?.code).toBe('FORBIDDEN');
    expect((await p.call('supervisionExport', 'exportReport', { quarter: '2099Q1' }, COUNTY)).error?.code).toBe(
      'INVALID_INPUT',
    );
    expect((await p.call('supervisionExport', 'exportReport', { quarter: Q, half: 1 }, COUNTY)).error?.code).toBe(
      'INVALID_INPUT',
    );
  });
});
