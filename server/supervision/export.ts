/**
 * 督导's Excel export (function `supervisionExport`, its own: exceljs is about 1 MB bundled): a
 * quarter's report — a sheet each for the communities, the paired units and the departments
 * (rank, total, band in words, every indicator with its change), each community's missing items,
 * and the 通报 once drafted — or a half year's summary (both quarters' totals and bands, and the
 * half year's average). Chinese headers, widths from the text (a Chinese character counts two),
 * the head row frozen. The file goes to cloud storage under `exports/supervision/<period>/` with a
 * random name; the caller gets a temporary URL valid ten minutes (the county admin only: every
 * community's figures are in it).
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { SupervisionExportView, SupervisionRankingView } from '../../contract/functions/supervision';
import { halfQuarters, halfWords, quarterWords } from '../../contract/quarters';
import { bandText, SUPERVISION_SCOPE_LABELS, SUPERVISION_SCOPES } from '../../contract/supervision';
import { getCloud } from '../platform/cloud';
import { invalidInput } from '../platform/errors';
import { tempUrls } from '../platform/files';
import { getById } from '../platform/read';
import type { CallContext } from '../platform/router';
import { scoreRow } from './scoring';
import { SUPERVISION_REPORTS, type SupervisionReportDoc } from './reports';
import { rulesOfQuarter } from './rules';
import { quarterAt } from './sources';
import { quarterTallies } from './tallies';
import { gapsOf, halfYear, ranking } from './views';

/** How long the download link lasts (seconds). */
export const EXPORT_URL_SECONDS = 600;

type Cell = string | number | null;

/** Display width of a text: a Chinese (or other wide) character counts two. */
const widthOf = (v: Cell) => [...String(v ?? '')].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);

/** A sheet of a head row and rows, widths fitted to the text (8 to 60), the head frozen and bold. */
function addSheet(book: ExcelJS.Workbook, name: string, head: string[], rows: Cell[][], wrap: number[] = []): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(head);
  for (const r of rows) sheet.addRow(r.map((v) => (v === null ? '' : v)));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  head.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    const widest = Math.max(widthOf(h), ...rows.map((r) => widthOf(r[i] ?? '')));
    column.width = Math.min(60, Math.max(8, widest + 2));
    if (wrap.includes(i)) column.alignment = { wrapText: true, vertical: 'top' };
  });
}

const figure = (v: number | null) => (v === null ? '无数据' : v);
const delta = (v: number | null) => (v === null ? '' : v > 0 ? `+${v}` : String(v));

function scopeSheet(book: ExcelJS.Workbook, view: SupervisionRankingView): void {
  const head = [
    '排名',
    SUPERVISION_SCOPE_LABELS[view.scope],
    '总分',
    '等次',
    '总分较上季度',
    ...view.columns.flatMap((c) => [`${c.label}（${c.unit}）`, `${c.label}较上季度`]),
  ];
  const rows = view.rows.map((r) => [
    r.rank,
    r.name,
    figure(r.total),
    r.band ? bandText(r.band) : '无数据',
    delta(r.change),
    ...view.columns.flatMap((c) => {
      const cell = r.cells.find((x) => x.key === c.key);
      return [figure(cell?.value ?? null), delta(cell?.change ?? null)];
    }),
  ]);
  addSheet(book, SUPERVISION_SCOPE_LABELS[view.scope], head, rows);
}

async function quarterBook(ctx: CallContext, quarter: string): Promise<ExcelJS.Workbook> {
  const views = await Promise.all(SUPERVISION_SCOPES.map((scope) => ranking({ quarter, scope }, ctx)));
  const [communities, rules, report] = await Promise.all([
    quarterTallies(ctx.db, [quarter], 'community'),
    rulesOfQuarter(ctx.db, quarter),
    getById<SupervisionReportDoc>(ctx.db, SUPERVISION_REPORTS, quarter),
  ]);
  const book = new ExcelJS.Workbook();
  book.creator = '同心圆';
  book.created = ctx.now;
  for (const v of views) scopeSheet(book, v);
  const gaps = communities
    .sort((a, b) => a.scopeId.localeCompare(b.scopeId))
    .flatMap((d) => {
      const score = scoreRow(d.raw, rules.scopes.community, 'community');
      return gapsOf(
        Number(quarter.slice(0, 4)),
        { scope: 'community', id: d.scopeId },
        d.raw,
        score,
        rules.scopes.community,
      ).map((g) => [d.name, g.text, g.items.join('；')] as Cell[]);
    });
  addSheet(book, '各社区差距清单', ['社区', '未达目标的指标', '具体差距'], gaps, [1, 2]);
  if (report?.bulletin) {
    const sheet = book.addWorksheet('督导通报');
    sheet.getColumn(1).width = 100;
    sheet.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
    sheet.addRow([report.bulletin.title]).font = { bold: true, size: 14 };
    for (const line of report.bulletin.text.split('\n').slice(1)) sheet.addRow([line]);
  }
  return book;
}

async function halfYearBook(ctx: CallContext, year: number, half: 1 | 2): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  book.creator = '同心圆';
  book.created = ctx.now;
  const views = await Promise.all(SUPERVISION_SCOPES.map((scope) => halfYear({ year, half, scope }, ctx)));
  for (const view of views) {
    const [a, b] = view.quarters;
    addSheet(
      book,
      SUPERVISION_SCOPE_LABELS[view.scope],
      [
        SUPERVISION_SCOPE_LABELS[view.scope],
        `${quarterWords(a)}总分`,
        `${quarterWords(a)}等次`,
        `${quarterWords(b)}总分`,
        `${quarterWords(b)}等次`,
        '半年平均分',
        '半年等次',
      ],
      view.rows.map((row) => [
        row.name,
        ...row.quarters.flatMap((q) => [figure(q.total), q.band ? bandText(q.band) : '无数据'] as Cell[]),
        figure(row.average),
        row.band ? bandText(row.band) : '无数据',
      ]),
    );
  }
  return book;
}

/**
 * Builds the workbook, puts it in cloud storage and answers a ten-minute link. A quarter after the
 * current one has nothing to export (INVALID_INPUT); the open quarter exports its figures so far.
 */
export async function exportReport(
  input: { quarter?: string; year?: number; half?: 1 | 2 },
  ctx: CallContext,
): Promise<SupervisionExportView> {
  const current = quarterAt(ctx.now);
  let book: ExcelJS.Workbook;
  let period: string;
  let title: string;
  if (input.half !== undefined) {
    const year = input.year ?? Number(current.slice(0, 4));
    const [first] = halfQuarters(year, input.half);
    if (first > current) throw invalidInput('该半年尚未开始', [{ path: 'half', message: '请选择已开始的半年' }]);
    book = await halfYearBook(ctx, year, input.half);
    period = `${year}H${input.half}`;
    title = `${halfWords(year, input.half)}城市社区党建工作督导汇总`;
  } else {
    const quarter = input.quarter ?? current;
    if (quarter > current) throw invalidInput('该季度尚未开始', [{ path: 'quarter', message: '请选择已开始的季度' }]);
    book = await quarterBook(ctx, quarter);
    period = quarter;
    title = `${quarterWords(quarter)}城市社区党建工作督导情况`;
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  const cloudPath = `exports/supervision/${period}/${randomBytes(12).toString('hex')}.xlsx`;
  const { fileID } = await getCloud().uploadFile({ cloudPath, fileContent: buffer });
  const url = (await tempUrls([fileID], EXPORT_URL_SECONDS)).get(fileID) ?? null;
  return {
    fileID,
    url,
    fileName: `${title}.xlsx`,
    bytes: buffer.length,
    expiresAt: new Date(ctx.now.getTime() + EXPORT_URL_SECONDS * 1000).toISOString(),
  };
}
