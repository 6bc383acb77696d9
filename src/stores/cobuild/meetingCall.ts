import '../configure';
import { makeAutoObservable } from 'mobx';
import type { MeetingView } from '../../../contract';
import { MEETING_PLACE, MEETING_SUBJECT } from '../../../contract/limits';
import { call } from '../../services/cloud';
import { fromShanghai, isValidLocal } from '../../utils/activityTimes';
import { addDays, today } from '../../utils/date';
import { checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { Pending } from '../loadable';

export type MeetingCallField = 'start' | 'place' | 'topicsBy' | 'subject';

/** Topics are collected until this many days before the meeting unless the secretary sets it. */
export const TOPIC_WINDOW_DAYS = 3;
const TOPICS_CLOSE_AT = '18:00';

const fieldOf = (path: string): MeetingCallField | undefined =>
  path === 'startAt'
    ? 'start'
    : path === 'place'
      ? 'place'
      : path === 'topicsBy'
        ? 'topicsBy'
        : path === 'subject'
          ? 'subject'
          : undefined;

/**
 * 召集联席会议 (secretary): when and where, until when topics are taken (three days before unless
 * set), and an optional subject; checked as the contract and the server check it.
 */
class MeetingCallForm {
  date = '';
  time = '';
  place = '';
  subject = '';
  topicsDate = '';
  topicsTime = '';
  /** The topic window follows the meeting's day until the secretary sets it. */
  topicsTouched = false;
  errors: FieldErrors<MeetingCallField> = {};
  readonly saving = new Pending();

  constructor() {
    makeAutoObservable(this, { saving: false }, { autoBind: true, deep: false });
  }

  /** A new meeting: a week from today at 09:00, topics until 18:00 three days before. */
  openNew(now = Date.now()): void {
    this.date = addDays(today(now), 7);
    this.time = '09:00';
    this.place = '';
    this.subject = '';
    this.topicsTouched = false;
    this.followDate();
    this.errors = {};
    this.saving.clear();
  }

  private followDate(): void {
    if (this.topicsTouched || !this.date) return;
    this.topicsDate = addDays(this.date, -TOPIC_WINDOW_DAYS);
    this.topicsTime = TOPICS_CLOSE_AT;
  }

  setDate(value: string): void {
    this.date = value;
    this.followDate();
    this.clearTimes();
  }

  setTime(value: string): void {
    this.time = value;
    this.clearTimes();
  }

  setTopicsDate(value: string): void {
    this.topicsDate = value;
    this.topicsTouched = true;
    this.clearTimes();
  }

  setTopicsTime(value: string): void {
    this.topicsTime = value;
    this.topicsTouched = true;
    this.clearTimes();
  }

  setPlace(value: string): void {
    this.place = value;
    this.errors = withoutError(this.errors, 'place');
  }

  setSubject(value: string): void {
    this.subject = value;
    this.errors = withoutError(this.errors, 'subject');
  }

  private clearTimes(): void {
    this.errors = withoutError<MeetingCallField>(withoutError<MeetingCallField>(this.errors, 'start'), 'topicsBy');
  }

  /** The form's errors, and the input for cobuild.callMeeting when there are none. */
  check(now = Date.now()) {
    const errors: FieldErrors<MeetingCallField> = {};
    const startAt = fromShanghai(this.date, this.time);
    const topicsBy = fromShanghai(this.topicsDate, this.topicsTime);
    if (!isValidLocal(this.date, this.time)) errors.start = '请选择会议日期和时间';
    else if (Date.parse(startAt) <= now) errors.start = '会议时间须在将来';
    if (!isValidLocal(this.topicsDate, this.topicsTime)) errors.topicsBy = '请选择议题征集截止时间';
    else if (Date.parse(topicsBy) <= now) errors.topicsBy = '议题征集截止须在将来';
    else if (!errors.start && Date.parse(topicsBy) >= Date.parse(startAt))
      errors.topicsBy = '议题征集须在会议开始前截止';
    const place = this.place.trim();
    const placeError = place === '' ? '请填写会议地点' : checkText(place, MEETING_PLACE.min, MEETING_PLACE.max);
    if (placeError) errors.place = placeError;
    const subject = this.subject.trim();
    const subjectError = checkText(subject, MEETING_SUBJECT.min, MEETING_SUBJECT.max);
    if (subjectError) errors.subject = subjectError;
    const ok = Object.keys(errors).length === 0;
    return {
      errors,
      input: ok ? { startAt, place, topicsBy, ...(subject ? { subject } : {}) } : null,
    };
  }

  /** 召集: the meeting as called, or null (errors on the form, or `saving.error`). */
  async submit(): Promise<MeetingView | null> {
    if (this.saving.busy) return null;
    const { errors, input } = this.check();
    this.errors = errors;
    if (!input) return null;
    const called = await this.saving.run(() => call('meeting', 'callMeeting', input));
    if (!called && this.saving.error?.code === 'INVALID_INPUT')
      this.errors = withFieldIssues(this.errors, this.saving.error.details, fieldOf);
    return called ?? null;
  }
}

export const meetingCall = new MeetingCallForm();
