/**
 * The plain rules of the contract's fields — patterns, lengths, ranges and what is said when a
 * value breaks them — without zod, so that the mini-program checks a form as the server will
 * (src/utils/fields.ts) while contract/fields.ts builds its schemas from the same values.
 * tests/unit/field-checks.test.ts runs both over the same values. Zod-free: src/ imports it.
 */

/** A real name: 2–20 characters, Chinese or Latin letters, middle dot allowed (少数民族姓名). */
export const PERSON_NAME = /^[\u4e00-\u9fa5A-Za-z·• ]{2,20}$/;
export const PERSON_NAME_MESSAGE = '姓名应为 2–20 个汉字或字母';

/** A mainland mobile number. */
export const PHONE = /^1[3-9]\d{9}$/;
export const PHONE_MESSAGE = '请输入 11 位手机号';

/** A station's opening hours: `08:00-20:00`. */
export const OPENING_HOURS = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;

/** The rotating check-in code of an activity: 8 digits. */
export const CHECK_IN_CODE = /^\d{8}$/;
export const CHECK_IN_CODE_MESSAGE = '签到码为 8 位数字';

/** A point (GCJ-02) within mainland China. */
export const LAT_RANGE = [3, 54] as const;
export const LNG_RANGE = [73, 136] as const;

/** A reason a decision states (驳回, 取消活动, 手工签到, 补签退 …). */
export const REASON = { min: 2, max: 200 } as const;

/** account.findUsers: a piece of a name or a phone number. */
export const USER_QUERY = { min: 1, max: 20 } as const;
/** The words typed into a staff queue's search box (empty: no narrowing). */
export const QUEUE_QUERY = { min: 0, max: 30 } as const;

/*
 * The forms' sizes: the contract's schemas allow exactly these and the forms check and count down
 * with them (characters for texts, files for photos).
 */
export const WISH_DESCRIPTION = { min: 5, max: 500 } as const;
export const WISH_PHOTOS = { min: 0, max: 3 } as const;
/** A wish on a resident's behalf: the place within the building (单元、门牌号). */
export const WISH_DOOR = { min: 2, max: 100 } as const;
export const FULFIL_NOTE = { min: 2, max: 500 } as const;
export const FULFIL_PHOTOS = { min: 1, max: 9 } as const;
export const CASE_DESCRIPTION = { min: 5, max: 500 } as const;
export const CASE_PHOTOS = { min: 0, max: 6 } as const;
/** 吹哨: the co-handling departments beside the lead. */
export const ASSIST_DEPARTMENTS_MAX = 5;
export const RECORD_TITLE = { min: 2, max: 40 } as const;
export const RECORD_NOTE = { min: 10, max: 2000 } as const;
export const RECORD_PHOTOS = { min: 1, max: 9 } as const;
/** 结对共建 lists (needs, resources, projects, agreements). */
export const COBUILD_TITLE = { min: 2, max: 40 } as const;
export const COBUILD_DESCRIPTION = { min: 0, max: 500 } as const;
/** A unit of a quantity: 次, 户, 人, 场 … */
export const COBUILD_QUANTITY_UNIT = { min: 1, max: 6 } as const;
/** Short texts: how often, when available. */
export const COBUILD_TEXT = { min: 2, max: 60 } as const;
/** A progress update's or a result's note. */
export const COBUILD_NOTE = { min: 5, max: 1000 } as const;
export const COBUILD_PHOTOS = { min: 0, max: 9 } as const;
export const COBUILD_MILESTONES = { min: 1, max: 12 } as const;
export const AGREEMENT_DUTIES = { min: 5, max: 1000 } as const;

/** A paired unit's in-service party members (在职党员数), typed in by the county admin: whole people. */
export const UNIT_MEMBER_COUNT = { min: 0, max: 100_000 } as const;
export const UNIT_MEMBER_COUNT_MESSAGE = `在职党员数应为 ${UNIT_MEMBER_COUNT.min}–${UNIT_MEMBER_COUNT.max} 之间的整数`;

/** sixOnes.reviewRecords: records one 通过 / 驳回 decides. */
export const REVIEW_BATCH_MAX = 100;

/* 轮值主席 and 联席会议 (cobuild meetings). */
export const CHAIR_THEME = { min: 2, max: 40 } as const;
export const MEETING_PLACE = { min: 2, max: 60 } as const;
export const MEETING_SUBJECT = { min: 0, max: 60 } as const;
export const TOPIC_TITLE = { min: 2, max: 40 } as const;
export const TOPIC_DESCRIPTION = { min: 0, max: 500 } as const;
/** Topics one meeting takes (all submitters together), and the agenda's length. */
export const TOPICS_MAX = 30;
export const AGENDA_MAX = 30;
export const MEETING_MINUTES = { min: 10, max: 5000 } as const;
export const DECISION_TITLE = { min: 2, max: 60 } as const;
/** Decisions one meeting records. */
export const DECISIONS_MAX = 20;
export const DECISION_NOTE = { min: 2, max: 500 } as const;

/**
 * Characters that never belong in what a user typed: C0/C1 controls (NUL …) but newline and tab,
 * bidi overrides and isolates (which reorder what others see), marks and the BOM. Removed.
 */
const FORBIDDEN_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Invisible but harmless inside text (zero-width joiners build emoji): they do not count as content. */
const INVISIBLE_CHARS = /[\u200b-\u200d\u2060\u180e]/g;

/** A text as it is kept: forbidden characters removed, whitespace trimmed. */
export const keptText = (s: string) => s.replace(FORBIDDEN_CHARS, '').trim();

/** What a text shows: without forbidden and invisible characters, whitespace trimmed. */
export const visibleText = (s: string) => s.replace(FORBIDDEN_CHARS, '').replace(INVISIBLE_CHARS, '').trim();

/** Characters, not UTF-16 units: 𠮷 and an emoji count one each. */
export const charCount = (s: string) => [...s].length;

/**
 * Whether a text fits `text(min, max)`: `min` counts what is visible (five zero-width spaces are
 * no text at all), `max` what is kept.
 */
export const textTooShort = (s: string, min: number) => charCount(visibleText(s)) < min;
export const textTooLong = (s: string, max: number) => charCount(keptText(s)) > max;

/** 红色物业: a resident's comment on their quarterly property rating; a handler's progress reply on a case. */
export const PROPERTY_RATING_COMMENT = { min: 0, max: 200 } as const;
export const CASE_REPLY = { min: 2, max: 200 } as const;

/* 督导通报: the title and text the county admin edits before publishing (a drafted 通报 of 14 communities is about 3,000 characters). */
export const BULLETIN_TITLE_MAX = 60;
export const BULLETIN_TEXT_MAX = 8000;
