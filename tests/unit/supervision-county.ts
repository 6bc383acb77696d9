/**
 * A hand-built county for the 督导 tests: four communities, a paired unit and two departments with
 * known counts for 2026Q3. Every figure and score the tests expect is worked out by hand beside them.
 */
import { COUNTERS, type Counter } from '../../server/complaints/metrics';
import { emptyRaw, type SupervisionRaw } from '../../server/supervision/indicators';

export function cases(counts: Partial<Record<Counter, number>>): Record<Counter, number> {
  return { ...(Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>), ...counts };
}

const items = (
  partyMeeting: number,
  symposium: number,
  survey: number,
  wish: number,
  volunteer: number,
  pairing: number,
) => ({
  partyMeeting,
  symposium,
  survey,
  wish,
  volunteer,
  pairing,
});

/** 潋江社区: meets every target (先进). */
export const lianjiang: SupervisionRaw = emptyRaw({
  headcount: 100,
  reported: 98,
  complete: 85,
  itemsDone: items(98, 95, 90, 88, 92, 86),
  volunteerMinutes: 29_988, // 29988 / (60 × 98) = 5.1 h
  wishesCompleted: 12,
  wishDaysSum: 60,
  cases: cases({
    submitted: 102,
    withdrawn: 2,
    responseDue: 100,
    respondedOnTime: 98,
    resolved: 95,
    rated: 50,
    satisfied: 48,
    communityLevel: 40,
    whistled: 8,
  }),
  meetingsHeld: 2,
  chairMonthsSet: 3,
  chairMonthsHeld: 3,
  projects: { planned: 1, active: 1, done: 3, dropped: 1 },
  propertyRatings: { satisfied: 30, basic: 10, unsatisfied: 5 },
});

/** 长冈社区: short nearly everywhere, 吹哨率 too low (落后). */
export const changgang: SupervisionRaw = emptyRaw({
  headcount: 200,
  reported: 174,
  complete: 120,
  itemsDone: items(150, 150, 150, 150, 150, 130),
  volunteerMinutes: 31_320, // 31320 / (60 × 174) = 3.0 h
  wishesCompleted: 6,
  wishDaysSum: 54,
  cases: cases({
    submitted: 83,
    withdrawn: 3,
    responseDue: 80,
    respondedOnTime: 72,
    resolved: 70,
    rated: 40,
    satisfied: 38,
    communityLevel: 50,
    whistled: 1,
  }),
  meetingsHeld: 1,
  chairMonthsSet: 3,
  chairMonthsHeld: 2,
  projects: { planned: 2, active: 2, done: 1, dropped: 0 },
  propertyRatings: { satisfied: 20, basic: 10, unsatisfied: 10 },
});

/** 文峰社区: headcount unknown, no rated case, no property rating; 吹哨率 too high, no meeting (关注). */
export const wenfeng: SupervisionRaw = emptyRaw({
  headcount: null,
  reported: 50,
  complete: 40,
  itemsDone: items(50, 50, 45, 40, 50, 40),
  volunteerMinutes: 12_000, // 12000 / (60 × 50) = 4.0 h
  wishesCompleted: 10,
  wishDaysSum: 70,
  cases: cases({ submitted: 40, responseDue: 40, respondedOnTime: 37, resolved: 34, communityLevel: 20, whistled: 10 }),
  meetingsHeld: 0,
  chairMonthsSet: 3,
  chairMonthsHeld: 3,
  projects: { planned: 1, active: 0, done: 3, dropped: 2 },
});

/** 埠头社区: no member reported yet, no cases, no chair set; wishes and a meeting (落后). */
export const butou: SupervisionRaw = emptyRaw({
  headcount: 40,
  wishesCompleted: 10,
  wishDaysSum: 30,
  meetingsHeld: 1,
});

/** 县供电公司, a paired unit. */
export const powerCompany: SupervisionRaw = emptyRaw({
  headcount: 30,
  reported: 27,
  complete: 20,
  itemsDone: items(27, 25, 24, 20, 22, 21),
  volunteerMinutes: 5_670, // 5670 / (60 × 27) = 3.5 h
  wishesCompleted: 1,
  wishDaysSum: 10,
  projects: { planned: 0, active: 1, done: 1, dropped: 0 },
});

/** 县住建局, a department with whistles and graded work. */
export const housingBureau: SupervisionRaw = emptyRaw({
  cases: cases({
    whistlesReceived: 12,
    reportInDue: 10,
    reportedOnTime: 9,
    grade_好: 5,
    grade_较好: 2,
    grade_一般: 2,
    grade_差: 1,
  }),
});

/** 县城管局: no whistle this quarter. */
export const urbanBureau: SupervisionRaw = emptyRaw();
