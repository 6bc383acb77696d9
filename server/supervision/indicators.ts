/**
 * How each 督导 indicator's figure is worked out from the counts a scope has for a quarter
 * (`SupervisionRaw`) — the other half of an indicator's one entry (contract/supervision.ts
 * `INDICATORS` says its name, unit, direction and scopes). Pure: the refresh job gathers the
 * counts, this and server/supervision/scoring.ts turn them into figures and scores.
 *
 * Percentages are 0–100 to one decimal, worked out as the 诉求指标 page shows a rate: the share
 * to four decimals (`ratio`, `ratesOf`), then in percent to one decimal — one figure on both pages.
 * Hours and days are to one decimal. A figure is null when there is nothing to measure (no cases,
 * no reported members, the headcount unknown …): the indicator is then left out of the score.
 */
import type { ProjectStatus, PropertyRating } from '../../contract/cobuild';
import { SIX_ONES_ITEMS, SIX_ONES_SHORT, type SixOnesItem } from '../../contract/sixOnes';
import { isRangeRule, type IndicatorKey, type IndicatorRule, type IndicatorSpec } from '../../contract/supervision';
import { COUNTERS, ratesOf, ratio, type Counter } from '../complaints/metrics';

/**
 * The counts of one scope (a community, a unit, a department) for one quarter. Stock figures
 * (members, 六个一, volunteer minutes, projects) stand as at the quarter's end; flows (cases,
 * wishes, meetings, chair months, ratings) are those of the quarter. A scope has zeros where a
 * count does not apply to it (a department has no members, a unit no cases).
 */
export interface SupervisionRaw {
  /** In-service members who should report (在职党员): a unit's own; a community's, those of its paired units. Null: unknown. */
  headcount: number | null;
  /** Of them, reported to a community and verified (双报到). */
  reported: number;
  /** Reported members with all six of the year's 六个一 items done. */
  complete: number;
  /** Reported members with each item done. */
  itemsDone: Record<SixOnesItem, number>;
  /** Volunteer service of the reported members in the year, in minutes. */
  volunteerMinutes: number;
  /** Micro-wishes fulfilled and confirmed in the quarter. */
  wishesCompleted: number;
  /** Their days from published to fulfilled, each in whole days, added up. */
  wishDaysSum: number;
  /** The complaint counters (server/complaints/metrics.ts `COUNTERS`) of the quarter's three months, added up. */
  cases: Record<Counter, number>;
  /** 联席会议 held in the quarter. */
  meetingsHeld: number;
  /** Months of the quarter with a rotating chair (轮值主席) set; of those, months whose chair's activity was planned. */
  chairMonthsSet: number;
  chairMonthsHeld: number;
  /** Co-building projects by status. */
  projects: Record<ProjectStatus, number>;
  /** 红色物业 ratings of the quarter by grade. */
  propertyRatings: Record<PropertyRating, number>;
}

/** Counts all zero (headcount unknown), with some set: the start of every raw the job builds. */
export function emptyRaw(counts: Partial<SupervisionRaw> = {}): SupervisionRaw {
  return {
    headcount: null,
    reported: 0,
    complete: 0,
    itemsDone: Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, 0])) as Record<SixOnesItem, number>,
    volunteerMinutes: 0,
    wishesCompleted: 0,
    wishDaysSum: 0,
    cases: Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>,
    meetingsHeld: 0,
    chairMonthsSet: 0,
    chairMonthsHeld: 0,
    projects: { planned: 0, active: 0, done: 0, dropped: 0 },
    propertyRatings: { satisfied: 0, basic: 0, unsatisfied: 0 },
    ...counts,
  };
}

/** `x` to `places` decimals, halves up (a nudge keeps 4.175 from becoming 4.17 in binary). */
export const round = (x: number, places: number): number => {
  const f = 10 ** places;
  return Math.round(x * f + 1e-9) / f;
};

/** A four-decimal share (`ratio`) in percent to one decimal: 0.8571 → 85.7. */
export const percentOf = (share: number | null): number | null =>
  share === null ? null : Math.round(Math.round(share * 10_000) / 10) / 10;

const percent = (n: number, d: number) => percentOf(ratio(n, d));
/** n / d to one decimal, exact for whole numbers. */
const tenths = (n: number, d: number) => (d > 0 ? Math.round((10 * n) / d) / 10 : null);

/** A figure's breakdown shown with it (the six items of 六个一). */
export interface IndicatorDetail {
  key: string;
  label: string;
  value: number | null;
}

interface IndicatorMeasure {
  figure(raw: SupervisionRaw): number | null;
  details?(raw: SupervisionRaw): IndicatorDetail[];
}

/** Each indicator's figure: the one place it is defined. */
export const MEASURES: Record<IndicatorKey, IndicatorMeasure> = {
  // Members reported / members who should (null when the headcount is unknown or none).
  dualReport: { figure: (r) => (r.headcount === null ? null : percent(r.reported, r.headcount)) },
  sixOnesComplete: {
    figure: (r) => percent(r.complete, r.reported),
    details: (r) =>
      SIX_ONES_ITEMS.map((i) => ({ key: i, label: SIX_ONES_SHORT[i], value: percent(r.itemsDone[i], r.reported) })),
  },
  volunteerHours: { figure: (r) => tenths(r.volunteerMinutes, 60 * r.reported) },
  wishesCompleted: { figure: (r) => r.wishesCompleted },
  wishDays: { figure: (r) => tenths(r.wishDaysSum, r.wishesCompleted) },
  responseRate: { figure: (r) => percentOf(ratesOf([r.cases]).responseRate) },
  resolutionRate: { figure: (r) => percentOf(ratesOf([r.cases]).resolutionRate) },
  satisfactionRate: { figure: (r) => percentOf(ratesOf([r.cases]).satisfactionRate) },
  whistleRate: { figure: (r) => percentOf(ratesOf([r.cases]).whistleRate) },
  onTimeReportRate: { figure: (r) => percentOf(ratesOf([r.cases]).onTimeReportRate) },
  // The communities' grades of a department's work: 好 + 较好 over all grades.
  departmentPraise: {
    figure: (r) =>
      percent(
        r.cases.grade_好 + r.cases.grade_较好,
        r.cases.grade_好 + r.cases.grade_较好 + r.cases.grade_一般 + r.cases.grade_差,
      ),
  },
  meetingsHeld: { figure: (r) => r.meetingsHeld },
  chairMonths: { figure: (r) => percent(r.chairMonthsHeld, r.chairMonthsSet) },
  // Dropped projects are not counted either way.
  projectsDone: {
    figure: (r) => percent(r.projects.done, r.projects.planned + r.projects.active + r.projects.done),
  },
  propertySatisfaction: {
    figure: (r) =>
      percent(
        r.propertyRatings.satisfied + r.propertyRatings.basic,
        r.propertyRatings.satisfied + r.propertyRatings.basic + r.propertyRatings.unsatisfied,
      ),
  },
};

/**
 * How far a figure is from its rule, in the indicator's unit (0 when it meets it): below the
 * target for 'higher', above it for 'lower', outside the range for 'range'.
 */
export function shortfallOf(spec: Pick<IndicatorSpec, 'better'>, value: number, rule: IndicatorRule): number {
  if (isRangeRule(rule))
    return round(value < rule.low ? rule.low - value : value > rule.high ? value - rule.high : 0, 2);
  if (spec.better === 'range') throw new Error('a range indicator needs a range rule');
  return round(Math.max(0, spec.better === 'higher' ? rule.target - value : value - rule.target), 2);
}

/** Which side of its range a 'range' figure falls, null inside it (吹哨率 偏低 / 偏高). */
export function outsideOf(value: number, rule: IndicatorRule): 'low' | 'high' | null {
  if (!isRangeRule(rule)) return null;
  return value < rule.low ? 'low' : value > rule.high ? 'high' : null;
}

export const figureOf = (key: IndicatorKey, raw: SupervisionRaw) => MEASURES[key].figure(raw);
