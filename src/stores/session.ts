import './configure';
import Taro from '@tarojs/taro';
import { makeAutoObservable } from 'mobx';
import type { Me, Role, RoleGrant } from '../../contract';
import { call } from '../services/cloud';
import type { CloudError } from '../services/CloudError';
import { PRIVACY_AGREE_BUTTON_ID, PRIVACY_VERSION, type PlatformResolve } from '../services/privacy';
import { Loadable, Pending } from './loadable';

const LARGE_TEXT_KEY = 'txy.largeText';
const ACTIVE_ROLE_KEY = 'txy.activeRole';

export type MemberGrant = Extract<RoleGrant, { role: 'member' }>;

/** Roles that see the staff subpackage (packages/staff). */
export const STAFF_ROLES: readonly Role[] = [
  'secretary',
  'gridWorker',
  'department',
  'unitAdmin',
  'countyAdmin',
  'propertyLiaison',
];

/** The signed-in user: profile and roles from `account.me`, privacy consent, display preferences. */
class SessionStore {
  /** `account.me`, replaced whole by actions that answer a fresh `Me`. */
  readonly account = new Loadable<Me>(() => call('account', 'me', {}));

  /** The user's choice among held roles; see `activeRole`. */
  preferredRole: Role | null = readStored<Role>(ACTIVE_ROLE_KEY);
  /** WeChat's font setting (weapp; null elsewhere or unknown): see `readWechatFont`. */
  readonly wechatFont: WechatFont = readWechatFont();
  /**
   * Elderly-friendly mode (适老化): larger text everywhere. The user's own choice in 我的 → 设置
   * once made (stored); until then, in weapp, WeChat's font setting (`followsWechat`).
   */
  largeText = storedChoice(readStored<unknown>(LARGE_TEXT_KEY)) ?? followsWechat(this.wechatFont);

  /** 拒绝 keeps browsing without private features; remembered for this launch only. */
  privacyDeclined = false;
  /** Recording the user's consent (account.acceptPrivacy). */
  readonly consent = new Pending();
  /** weapp: WeChat is waiting for the user's answer before a privacy API runs. */
  platformPrivacyPending = false;
  platformPrivacyResolve: PlatformResolve | null = null;

  constructor() {
    makeAutoObservable(
      this,
      { account: false, consent: false, platformPrivacyResolve: false, wechatFont: false },
      { autoBind: true, deep: false },
    );
  }

  get me(): Me | null {
    return this.account.value;
  }

  get loading(): boolean {
    return this.account.loading;
  }

  get error(): CloudError | null {
    return this.account.error;
  }

  /**
   * Every role held, `resident` first (implied for every registered user), no duplicates. As on
   * the server, a member counts only once verified (an unverified grant is a pending report).
   */
  get roles(): Role[] {
    const held = new Set<Role>(['resident']);
    for (const grant of this.me?.roles ?? []) {
      if (grant.role === 'member' && !grant.verified) continue;
      held.add(grant.role);
    }
    return [...held];
  }

  get staffGrants(): RoleGrant[] {
    return (this.me?.roles ?? []).filter((g) => STAFF_ROLES.includes(g.role));
  }

  /** The role the UI is acting as: the chosen one if still held, else the first above resident. */
  get activeRole(): Role {
    const roles = this.roles;
    if (this.preferredRole && roles.includes(this.preferredRole)) return this.preferredRole;
    return roles.find((r) => r !== 'resident') ?? 'resident';
  }

  /** Name, phone and address given: what member registration and "my grid" need. */
  get profileComplete(): boolean {
    return Boolean(this.me?.name && this.me.phone && this.me.address);
  }

  get memberGrant(): MemberGrant | null {
    return (this.me?.roles ?? []).find((g): g is MemberGrant => g.role === 'member') ?? null;
  }

  /** Only a verified member (双报到 checked by the secretary) sees the member-only parts (六个一). */
  get isVerifiedMember(): boolean {
    return this.memberGrant?.verified === true;
  }

  /** 双报到 as 我的 shows it: verified somewhere (a move may be pending too), pending, or none. */
  get memberStatus(): 'verified' | 'pending' | 'none' {
    if (this.isVerifiedMember) return 'verified';
    return this.me?.pendingReport ? 'pending' : 'none';
  }

  get privacyAccepted(): boolean {
    return this.me?.privacyAcceptedVersion === PRIVACY_VERSION;
  }

  /** Show the privacy popup: consent missing (and not declined this launch), or WeChat asks. */
  get privacyPromptVisible(): boolean {
    if (this.platformPrivacyPending) return true;
    return this.me !== null && !this.privacyAccepted && !this.privacyDeclined;
  }

  async load(): Promise<void> {
    await this.account.load();
  }

  async acceptPrivacy(): Promise<void> {
    const me = await this.consent.run(() => call('account', 'acceptPrivacy', { version: PRIVACY_VERSION }));
    if (me) this.setMe(me);
  }

  /** A fresh `Me` from an action that changed it (consent given, profile saved, report filed). */
  setMe(me: Me): void {
    this.account.value = me;
    this.account.error = null;
  }

  declinePrivacy(): void {
    this.privacyDeclined = true;
    this.answerPlatformPrivacy('disagree');
  }

  /** Ask again (from 我的) after a 拒绝. */
  reopenPrivacy(): void {
    this.privacyDeclined = false;
  }

  /** weapp: registered with wx.onNeedPrivacyAuthorization at launch. */
  requestPlatformPrivacy(resolve: PlatformResolve): void {
    this.platformPrivacyResolve = resolve;
    this.platformPrivacyPending = true;
  }

  setActiveRole(role: Role): void {
    if (!this.roles.includes(role)) return;
    this.preferredRole = role;
    Taro.setStorageSync(ACTIVE_ROLE_KEY, role);
  }

  /**
   * weapp, large mode: the root font size in real px (an inline style: Taro leaves it px, where
   * SCSS px become rpx, which do not follow WeChat's setting). WeChat's body size when larger than
   * the large mode's own 22px (关怀模式 ≈ 23.8px), at most 24px so that pages keep their layout;
   * null: the stylesheet's size (h5, or the setting unknown).
   */
  get rootFontPx(): number | null {
    const size = this.wechatFont.size;
    if (!this.largeText || size === null) return null;
    return Math.round(Math.min(Math.max(size, LARGE_ROOT_PX), MAX_ROOT_PX) * 10) / 10;
  }

  setLargeText(on: boolean): void {
    this.largeText = on;
    Taro.setStorageSync(LARGE_TEXT_KEY, on);
  }

  /** Forget the signed-in user (h5 demo identity switch). */
  reset(): void {
    this.account.clear();
    this.privacyDeclined = false;
  }

  /** weapp: answers WeChat's pending question; 'agree' only from the popup's agree button. */
  answerPlatformPrivacy(event: 'agree' | 'disagree'): void {
    const resolve = this.platformPrivacyResolve;
    this.platformPrivacyResolve = null;
    this.platformPrivacyPending = false;
    // WeChat accepts 'agree' only together with a tap on that agreePrivacyAuthorization button.
    resolve?.(event === 'agree' ? { event, buttonId: PRIVACY_AGREE_BUTTON_ID } : { event });
  }
}

/** WeChat's font setting: body text in px (17 standard) and its scale (1 standard, 关怀模式 1.4). */
export interface WechatFont {
  size: number | null;
  scale: number | null;
}

/**
 * Large mode follows WeChat when its text is at least two steps above standard: the setting moves
 * in steps of 10% of 17px (18.7, 20.4, … 23.8 in 关怀模式), so 20px or a 1.2 scale. One step up
 * (18.7px) stays in normal mode: the large mode is half as large again, more than was asked for.
 */
export const FOLLOW_FONT_PX = 20;
export const FOLLOW_FONT_SCALE = 1.2;
/** The large mode's root font size (Screen/index.scss), and the most WeChat's setting may raise it to. */
const LARGE_ROOT_PX = 22;
const MAX_ROOT_PX = 24;

export function followsWechat(font: WechatFont): boolean {
  return (font.size ?? 0) >= FOLLOW_FONT_PX || (font.scale ?? 0) >= FOLLOW_FONT_SCALE;
}

/** weapp: `getAppBaseInfo` (base library 2.20.1+), else `getSystemInfoSync`; h5 has no such setting. */
function readWechatFont(): WechatFont {
  if (process.env.TARO_ENV !== 'weapp') return { size: null, scale: null };
  type FontInfo = { fontSizeSetting?: number; fontSizeScaleFactor?: number };
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);
  try {
    const base = (Taro.getAppBaseInfo?.() ?? {}) as FontInfo;
    const size = num(base.fontSizeSetting) ?? num((Taro.getSystemInfoSync() as FontInfo).fontSizeSetting);
    return { size, scale: num(base.fontSizeScaleFactor) };
  } catch {
    return { size: null, scale: null };
  }
}

const storedChoice = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

function readStored<T>(key: string): T | null {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return value === '' || value === undefined ? null : (value as T);
  } catch {
    return null;
  }
}

export const session = new SessionStore();
