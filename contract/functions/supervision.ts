import { z } from 'zod';
import { defineAction, type ActionMap } from '../action';
import { id, text } from '../fields';
import { BULLETIN_TEXT_MAX, BULLETIN_TITLE_MAX } from '../limits';
import { QUARTER_KEY, QUARTER_KEY_MESSAGE } from '../quarters';
import {
  SUPERVISION_SCOPES,
  type Band,
  type IndicatorKey,
  type IndicatorUnit,
  type IndicatorDirection,
  type SupervisionRules,
  type SupervisionScope,
} from '../supervision';
import { supervisionRulesSchema } from '../supervisionRules';

/** One indicator of a row: the figure, its points and the change since the previous quarter. */
export interface SupervisionCell {
  key: IndicatorKey;
  /** The figure in the indicator's unit; null: nothing to measure (无数据, not scored). */
  value: number | null;
  /** Points earned, 0 … weight; null without a figure. */
  score: number | null;
  weight: number;
  met: boolean;
  /** How far from the rule, in the indicator's unit (0 when met). */
  shortfall: number | null;
  /** This quarter's figure minus the previous one's; null when either has none. */
  change: number | null;
  /** The six items' shares with 六个一完成率. */
  details?: Array<{ key: string; label: string; value: number | null }>;
}

/** A community's, unit's or department's quarter. */
export interface SupervisionRow {
  scope: SupervisionScope;
  id: string;
  name: string;
  /** 0–100 to one decimal; null without any figure. */
  total: number | null;
  band: Band | null;
  /** 1 = highest total; equal totals share a rank; null without a total. */
  rank: number | null;
  /** Total minus the previous quarter's. */
  change: number | null;
  cells: SupervisionCell[];
}

/** An indicator as a table's column heads it. */
export interface SupervisionColumn {
  key: IndicatorKey;
  label: string;
  unit: IndicatorUnit;
  better: IndicatorDirection;
  weight: number;
  /** The rule's goal: ≥95%, ≤7天, 5%–40%. */
  goal: string;
}

export interface SupervisionRankingView {
  /** `2026Q3`, and the one compared with. */
  quarter: string;
  previous: string;
  scope: SupervisionScope;
  rulesVersion: number;
  /** The figures as of closing (closed quarters) or as of the last refresh (the open one). */
  frozen: boolean;
  asOf: string | null;
  columns: SupervisionColumn[];
  /** Ranking order. */
  rows: SupervisionRow[];
}

/** One body's half year: each quarter's total and band, and the half's average and band. */
export interface SupervisionHalfRow {
  scope: SupervisionScope;
  id: string;
  name: string;
  /** The half's two quarters, in order: the total and band each had (by its own rules); null without a figure. */
  quarters: Array<{ quarter: string; total: number | null; band: Band | null }>;
  /** The average of the quarters' totals it has, to one decimal; null with neither. */
  average: number | null;
  /** The average banded by the second quarter's rules. */
  band: Band | null;
  /** 1 = highest average; equal averages share a rank; null without one. */
  rank: number | null;
}

/** The county admin's table of a half year (上半年: Q1 and Q2; 下半年: Q3 and Q4). */
export interface SupervisionHalfYearView {
  year: number;
  half: 1 | 2;
  quarters: [string, string];
  scope: SupervisionScope;
  /** The rules of the second quarter, which band the averages. */
  rulesVersion: number;
  /** Ranking order. */
  rows: SupervisionHalfRow[];
}

/** Something behind in a community's quarter, in words, with the page that lists it. */
export interface SupervisionGap {
  key: IndicatorKey;
  /** 双报到率82%，低于目标95% */
  text: string;
  /** What is missing, counted: 12 名党员未参加座谈; null when the figure says it all. */
  items: string[];
  /** The mini-program page that lists it (relative, no leading slash); null when none does. */
  page: string | null;
}

/** One body's report of a quarter: its row, its trend, what is behind. */
export interface SupervisionReportView {
  quarter: string;
  rulesVersion: number;
  frozen: boolean;
  asOf: string | null;
  columns: SupervisionColumn[];
  row: SupervisionRow;
  /** The last four quarters, oldest first (the quarter itself last): totals and figures. */
  trend: Array<{
    quarter: string;
    total: number | null;
    band: Band | null;
    values: Partial<Record<IndicatorKey, number | null>>;
  }>;
  gaps: SupervisionGap[];
  status: SupervisionQuarterStatus;
  /** Rows of the scope that have a total this quarter, and the band counts: where the body stands, without the others' names. */
  bands: Record<Band, number>;
}

/** Where a quarter's report stands: open (figures moving), closing, closed (frozen, 通报 drafted), published. */
export type SupervisionQuarterStatus = 'open' | 'closing' | 'closed' | 'published';

/** A quarter's report as the county admin manages it. */
export interface SupervisionQuarterView {
  quarter: string;
  status: SupervisionQuarterStatus;
  /** Whether the quarter has ended (only an ended quarter may be closed). */
  ended: boolean;
  rulesVersion: number | null;
  /** The 通报's title and text (null until closed). */
  title: string;
  bulletin: string | null;
  /** Names the state an edit or the publishing was made on. */
  version: number;
  closedAt: string | null;
  publishedAt: string | null;
}

export interface SupervisionRulesView {
  /** The rules the current quarter is scored by. */
  current: SupervisionRules;
  /** Every saved version, newest first (the built-in default first until the county saves its own). */
  versions: SupervisionRules[];
  /** The quarter a new version may take effect from at the earliest (the next one). */
  earliest: string;
}

const quarter = z.string().regex(QUARTER_KEY, QUARTER_KEY_MESSAGE);

/** A workbook in cloud storage, and a link to it valid a few minutes. */
export interface SupervisionExportView {
  fileID: string;
  /** The temporary download URL (null if the storage could not sign one: download by fileID). */
  url: string | null;
  /** What to call the file when saved: 2026年三季度城市社区党建工作督导情况.xlsx. */
  fileName: string;
  bytes: number;
  expiresAt: string;
}

/** 督导 (function `supervision`): the quarter's figures of every community, unit and department, scored by the county's rules. */
export const supervision = {
  ranking: defineAction<SupervisionRankingView>()({
    summary:
      "The county admin's table of one scope (communities, paired units or departments) for a quarter (default the current one): every indicator's figure, points and change since the previous quarter, the total, band and rank, in ranking order. Figures are those of the last refresh (every 5 minutes) or, for a closed quarter, as of closing. At most 3 database requests.",
    input: z.object({ quarter: quarter.optional(), scope: z.enum(SUPERVISION_SCOPES) }).strict(),
    roles: ['countyAdmin'],
  }),
  halfYear: defineAction<SupervisionHalfYearView>()({
    summary:
      "The county admin's table of one scope for a half year (上半年 Q1+Q2, 下半年 Q3+Q4; empty before it has figures): each body's total and band in both quarters, the average of its totals banded by the second quarter's rules, in ranking order. At most 3 database requests.",
    input: z
      .object({
        year: z.number().int().min(2020).max(2100),
        half: z.union([z.literal(1), z.literal(2)]),
        scope: z.enum(SUPERVISION_SCOPES),
      })
      .strict(),
    roles: ['countyAdmin'],
  }),
  report: defineAction<SupervisionReportView>()({
    summary:
      "One community's, unit's or department's report of a quarter: its row (no rank), the trend of the last four quarters, what is behind with the lists that show it, and how many of its kind are in each band (not who). The county admin any; a secretary their community, a unit admin their unit, department staff their department.",
    input: z
      .object({ quarter: quarter.optional(), scope: z.enum(SUPERVISION_SCOPES).optional(), id: id.optional() })
      .strict(),
    roles: ['countyAdmin', 'secretary', 'unitAdmin', 'department'],
  }),
  rules: defineAction<SupervisionRulesView>()({
    summary:
      'The scoring rules: the versions saved, the one the current quarter uses, and the earliest quarter a new one may start.',
    input: z.object({}).strict(),
    roles: ['countyAdmin'],
  }),
  saveRules: defineAction<SupervisionRulesView>()({
    summary:
      'Saves a new version of the rules, effective from a quarter after the current one (a quarter already scored keeps its rules). `version` is the next number (latest + 1): two saves at once → one CONFLICT.',
    input: z.object({ rules: supervisionRulesSchema }).strict(),
    roles: ['countyAdmin'],
    rateLimit: { max: 30, windowMinutes: 60 },
  }),
  quarterReport: defineAction<SupervisionQuarterView>()({
    summary:
      "A quarter's report as the county admin manages it (default the quarter before the current one, the next to close): its state, the 通报 and the version an edit names.",
    input: z.object({ quarter: quarter.optional() }).strict(),
    roles: ['countyAdmin'],
  }),
  closeQuarter: defineAction<SupervisionQuarterView>()({
    summary:
      'Closes an ended quarter: its figures are refreshed once more and frozen (never changed afterwards), and a 情况通报 is drafted from them. Twice → CONFLICT; a close that died half-way goes on.',
    input: z.object({ quarter }).strict(),
    roles: ['countyAdmin'],
    rateLimit: { max: 20, windowMinutes: 60 },
  }),
  saveBulletin: defineAction<SupervisionQuarterView>()({
    summary:
      "Edits a closed quarter's 通报 before it is published (content-checked); `version` is the one read (an edit meanwhile → CONFLICT).",
    input: z
      .object({
        quarter,
        title: text(4, BULLETIN_TITLE_MAX),
        text: text(20, BULLETIN_TEXT_MAX),
        version: z.number().int().min(1),
      })
      .strict(),
    roles: ['countyAdmin'],
    rateLimit: { max: 60, windowMinutes: 60 },
  }),
  publishReport: defineAction<SupervisionQuarterView>()({
    summary:
      "Publishes a closed quarter's 通报 (once; `version` the one read): each community's secretary is told, with their band, and may then see their own report of the quarter.",
    input: z.object({ quarter, version: z.number().int().min(1) }).strict(),
    roles: ['countyAdmin'],
    rateLimit: { max: 20, windowMinutes: 60 },
  }),
} satisfies ActionMap;

/**
 * 督导's Excel export (function `supervisionExport`): a function of its own, because exceljs
 * (about 1 MB bundled) would make every call of the others start slower.
 */
export const supervisionExport = {
  exportReport: defineAction<SupervisionExportView>()({
    summary:
      "The county admin's Excel workbook of a quarter (default the current one: communities, paired units, departments, each community's missing items, the 通报 once drafted) or, with `half`, a half year's summary (both quarters and the average). Stored under exports/supervision/, answered as a link valid 10 minutes.",
    input: z
      .object({
        quarter: quarter.optional(),
        year: z.number().int().min(2020).max(2100).optional(),
        half: z.union([z.literal(1), z.literal(2)]).optional(),
      })
      .strict()
      .refine((p) => !(p.quarter && p.half), { message: '季度和半年只能选一个', path: ['half'] }),
    roles: ['countyAdmin'],
    rateLimit: { max: 30, windowMinutes: 60 },
  }),
} satisfies ActionMap;
