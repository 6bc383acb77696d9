import '../configure';
import { makeAutoObservable } from 'mobx';
import type { ActivityView } from '../../../contract';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { Loadable } from '../loadable';
import { session } from '../session';
import { activities } from './activityList';
import { currentPoint } from '../../services/location';
import { CHECK_IN_CODE, CHECK_IN_CODE_MESSAGE, codeFromQr, scanQr } from '../../utils/checkInCode';
import { myYear } from '../sixOnesYear';

/** What the member may be doing on the page; the button of each shows it is busy. */
export type ActivityAction = 'signUp' | 'cancelSignUp' | 'checkIn' | 'checkOut';

/** Actions that ask first (they cannot be undone by the member). */
export type ActivityDialog = 'cancelSignUp' | 'checkOut';

/** The toast after each action. */
export const ACTIVITY_DONE_TEXT: Record<ActivityAction, string> = {
  signUp: '报名成功',
  cancelSignUp: '已取消报名',
  checkIn: '签到成功',
  checkOut: '签退成功',
};

const isWeapp = process.env.TARO_ENV !== 'h5';

/**
 * One activity (sixOnes.activity) and what the member does with it: 报名, 取消报名 (asked first),
 * 签到 — weapp scans the organiser's rotating QR code and sends the location when allowed; h5
 * (no camera) and weapp's fallback take the 8-digit code typed — and 签退 (volunteer
 * activities). Each answer replaces the activity shown and its card in the list; the server's
 * message is shown when it refuses.
 */
class ActivityDetailStore {
  activityId = '';
  readonly view = new Loadable<ActivityView>(() => call('sixOnes', 'activity', { activityId: this.activityId }));

  dialog: ActivityDialog | null = null;
  busy: ActivityAction | null = null;
  error: CloudError | null = null;
  /** The code typed (h5; weapp when scanning is not possible). */
  code = '';
  codeError: string | null = null;
  /** weapp: the typed-code field is opened from 无法扫码？ */
  codeOpen = !isWeapp;

  constructor() {
    makeAutoObservable(this, { view: false }, { autoBind: true, deep: false });
  }

  get activity(): ActivityView | null {
    const value = this.view.value;
    return value && value.id === this.activityId ? value : null;
  }

  open(activityId: string): void {
    this.dialog = null;
    this.error = null;
    this.code = '';
    this.codeError = null;
    this.codeOpen = !isWeapp;
    if (activityId !== this.activityId) {
      this.activityId = activityId;
      this.view.clear();
    }
    void this.view.load();
  }

  ask(dialog: ActivityDialog): void {
    this.dialog = dialog;
    this.error = null;
  }

  closeDialog(): void {
    if (this.busy) return;
    this.dialog = null;
    this.error = null;
  }

  openCode(): void {
    this.codeOpen = true;
  }

  setCode(value: string): void {
    this.code = value.replace(/\s+/g, '');
    if (this.codeError) this.codeError = CHECK_IN_CODE.test(this.code) ? null : this.codeError;
  }

  /** 报名, at once: it can be cancelled until the deadline. */
  signUp(): Promise<string | null> {
    return this.run('signUp', (activityId) => call('sixOnes', 'signUp', { activityId }));
  }

  /** The dialog's confirm button: 取消报名 or 签退. */
  confirmDialog(): Promise<string | null> {
    const dialog = this.dialog;
    if (dialog === 'cancelSignUp')
      return this.run('cancelSignUp', (activityId) => call('sixOnes', 'cancelSignUp', { activityId }));
    if (dialog === 'checkOut')
      return this.run('checkOut', async (activityId) => {
        const location = await this.location();
        return call('sixOnes', 'checkOut', { activityId, ...(location ? { location } : {}) });
      });
    return Promise.resolve(null);
  }

  /** weapp: scan the organiser's QR code, then check in with its code (and the location when allowed). */
  async scanToCheckIn(): Promise<string | null> {
    if (this.busy) return null;
    this.error = null;
    let code: string;
    try {
      const text = await scanQr();
      if (text === null) return null;
      code = codeFromQr(text, this.activityId);
    } catch (e) {
      this.error = toCloudError(e);
      return null;
    }
    return this.checkIn(code);
  }

  /** The typed code, checked as the contract does before it is sent. */
  checkInWithCode(): Promise<string | null> {
    this.error = null;
    if (this.code === '') this.codeError = '请输入组织者手机上显示的 8 位签到码';
    else this.codeError = CHECK_IN_CODE.test(this.code) ? null : CHECK_IN_CODE_MESSAGE;
    if (this.codeError) return Promise.resolve(null);
    return this.checkIn(this.code);
  }

  private checkIn(code: string): Promise<string | null> {
    return this.run('checkIn', async (activityId) => {
      const location = await this.location();
      return call('sixOnes', 'checkIn', { activityId, code, ...(location ? { location } : {}) });
    });
  }

  /**
   * With the privacy guide accepted: the member's point, if they allow it (weapp and h5 alike).
   * Refused or unavailable, the check-in goes without it — the rotating code is the proof, the
   * record keeps no distance, and the organiser's manual check-in remains for anyone stuck.
   */
  private location(): Promise<{ lat: number; lng: number } | null> {
    return session.privacyAccepted ? currentPoint() : Promise.resolve(null);
  }

  /** Sends one action; resolves with what to toast, or null after recording the failure. */
  private async run(
    action: ActivityAction,
    send: (activityId: string) => Promise<ActivityView>,
  ): Promise<string | null> {
    if (this.busy) return null;
    const activityId = this.activityId;
    this.busy = action;
    this.error = null;
    try {
      const view = await send(activityId);
      this.done(view);
      return ACTIVITY_DONE_TEXT[action];
    } catch (e) {
      this.failed(toCloudError(e));
      return null;
    }
  }

  private done(view: ActivityView): void {
    this.busy = null;
    this.dialog = null;
    this.code = '';
    if (view.id === this.activityId) {
      // The answer wins over any read still on its way (one started when the scanner closed).
      this.view.clear();
      this.view.value = view;
    }
    activities.replace(view);
    // A check-in files an attendance record; a check-out adds its minutes.
    myYear.invalidate();
  }

  private failed(error: CloudError): void {
    this.busy = null;
    this.error = error;
    // The activity moved on meanwhile (full, deadline passed, cancelled): show it as it is now.
    if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') void this.view.load();
  }
}

export const activityDetail = new ActivityDetailStore();
