import '../configure';
import { makeAutoObservable } from 'mobx';
import type { ActivityView, AttendeeView, CheckInCode } from '../../../contract';
import { CHECK_IN_OPENS_BEFORE_MINUTES, CHECK_IN_SLOT_SECONDS } from '../../../contract/sixOnes';
import { call } from '../../services/cloud';
import { Loadable, Pending } from '../loadable';
import { checkReason } from '../../utils/reason';

export type ManualAction = 'checkIn' | 'checkOut';

const SLOT_MS = CHECK_IN_SLOT_SECONDS * 1000;
/** After a refused read (e.g. the window not open yet by the server's clock): try again this much later. */
const RETRY_MS = 10_000;

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/**
 * 活动签到 (the organiser's phone): the current rotating code (sixOnes.checkInCode), read again
 * when it rotates, with the seconds left; the sign-ups with their check-in and check-out
 * (sixOnes.attendees), read again with each new code; 手工签到 and 补签退 with a reason
 * (sixOnes.manualAttendance).
 *
 * The page starts the one-second timer when shown and stops it when hidden or closed. The
 * phone's clock may differ from the server's, so the next read is never planned more than one
 * slot (30 s) ahead nor sooner than a second — and the server accepts the previous code for
 * another 30 s anyway.
 */
class CheckInStore {
  activityId: string | null = null;
  readonly activity = new Loadable<ActivityView>(() => call('sixOnes', 'activity', { activityId: this.activityId! }));
  readonly code = new Loadable<CheckInCode>(() => call('sixOnes', 'checkInCode', { activityId: this.activityId! }));
  readonly attendees = new Loadable<AttendeeView[]>(() =>
    call('sixOnes', 'attendees', { activityId: this.activityId! }),
  );

  /** The phone's clock, ticking each second while the page shows. */
  now = Date.now();
  /** When the code is read next (phone clock); null: not planned. */
  refreshAt: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  marking: { attendee: AttendeeView; action: ManualAction } | null = null;
  reason = '';
  reasonError: string | null = null;
  readonly mark = new Pending();

  constructor() {
    makeAutoObservable<CheckInStore, 'timer'>(
      this,
      { activity: false, code: false, attendees: false, mark: false, timer: false },
      { autoBind: true, deep: false },
    );
  }

  /** Opening the page for one activity: everything read afresh. */
  async enter(activityId: string): Promise<void> {
    this.activityId = activityId;
    this.activity.clear();
    this.code.clear();
    this.attendees.clear();
    this.refreshAt = null;
    this.cancelMark();
    void this.attendees.load();
    const a = await this.activity.load();
    if (a && this.activityId === activityId) this.plan(a);
  }

  /** Starts (or restarts) the one-second timer. */
  resume(): void {
    this.tick();
    this.timer ??= setInterval(this.tick, 1000);
  }

  /** Stops the timer (page hidden or closed); nothing is read until `resume`. */
  pause(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  tick(): void {
    this.now = Date.now();
    if (this.refreshAt !== null && this.now >= this.refreshAt && !this.code.loading) void this.readCode();
  }

  /** Seconds until the code changes, for the countdown; null when no code is showing. */
  get secondsLeft(): number | null {
    if (this.refreshAt === null || !this.code.value || this.code.error) return null;
    return clamp(Math.ceil((this.refreshAt - this.now) / 1000), 0, CHECK_IN_SLOT_SECONDS);
  }

  /** When check-in opens (phone clock), for an activity not yet in its window. */
  get opensAt(): number | null {
    const a = this.activity.value;
    return a ? Date.parse(a.startAt) - CHECK_IN_OPENS_BEFORE_MINUTES * 60_000 : null;
  }

  /** Read the code now if the activity is in its check-in window, else plan the read for when it opens. */
  private plan(a: ActivityView): void {
    if (a.phase === 'checkIn') void this.readCode();
    else if (a.phase === 'signUp' || a.phase === 'closed') this.refreshAt = this.opensAt;
    else this.refreshAt = null;
  }

  /** Reads the current code (and the sign-ups with it); plans the next read. */
  async readCode(): Promise<void> {
    this.refreshAt = null;
    const id = this.activityId;
    const code = await this.code.load();
    if (id !== this.activityId) return;
    if (code) {
      const sent = Date.now();
      this.refreshAt = sent + clamp(Date.parse(code.rotatesAt) - sent + 300, 1000, SLOT_MS);
      if (this.attendees.value) void this.attendees.load();
      return;
    }
    // Refused: the window has closed (or not opened by the server's clock), or the activity changed.
    if (this.code.error?.code === 'CONFLICT') {
      const a = await this.activity.load();
      if (a && id === this.activityId && (a.phase === 'checkIn' || a.phase === 'signUp' || a.phase === 'closed'))
        this.refreshAt = Date.now() + RETRY_MS;
    }
  }

  /** 重试 after a failed read. */
  retry(): void {
    void this.readCode();
  }

  askMark(attendee: AttendeeView, action: ManualAction): void {
    this.marking = { attendee, action };
    this.reason = '';
    this.reasonError = null;
    this.mark.clear();
  }

  cancelMark(): void {
    if (this.mark.busy) return;
    this.marking = null;
    this.reasonError = null;
    this.mark.clear();
  }

  setReason(value: string): void {
    this.reason = value;
    if (this.reasonError) this.reasonError = checkReason(value);
  }

  /** 手工签到 / 补签退 with the reason; the sign-up is replaced in the list. Resolves with it, or null. */
  async confirmMark(): Promise<AttendeeView | null> {
    const marking = this.marking;
    const activityId = this.activityId;
    if (!marking || activityId === null || this.mark.busy) return null;
    this.reasonError = checkReason(this.reason);
    if (this.reasonError) return null;
    const marked = await this.mark.run(() =>
      call('sixOnes', 'manualAttendance', {
        activityId,
        openid: marking.attendee.openid,
        action: marking.action,
        reason: this.reason.trim(),
      }),
    );
    if (!marked) return null;
    const list = this.attendees.value;
    if (list) this.attendees.value = list.map((a) => (a.openid === marked.openid ? marked : a));
    this.marking = null;
    return marked;
  }
}

export const checkIn = new CheckInStore();
