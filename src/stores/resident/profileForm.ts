import '../configure';
import { makeAutoObservable } from 'mobx';
import type { CommunityDetail, Input, Me } from '../../../contract';
import { call } from '../../services/cloud';
import type { CloudError } from '../../services/CloudError';
import { checkName, checkPhone, checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { directory } from '../directory';
import { Pending, type Loadable } from '../loadable';
import { session } from '../session';

export type ProfileField = 'name' | 'phone' | 'community' | 'residentGroup' | 'microGrid' | 'building';

/** Where the server's `details` paths land on the form. */
const SERVER_PATHS: Record<string, ProfileField> = {
  name: 'name',
  phone: 'phone',
  phoneCode: 'phone',
  'address.communityId': 'community',
  'address.residentGroupId': 'residentGroup',
  'address.microGridId': 'microGrid',
  'address.building': 'building',
};

/** A building (micro-grid) as the picker lists it, with the grid it belongs to. */
export interface BuildingOption {
  id: string;
  name: string;
  gridName: string;
}

/**
 * The resident's profile form (姓名, 手机号, 社区 → 居民小组 → 小区/楼栋, 门牌). Checks on the
 * client what contract/fields.ts checks on the server, and puts the server's own field errors
 * next to their fields.
 *
 * Phone: h5 types it. weapp asks WeChat (the getPhoneNumber button gives a one-time code the
 * server exchanges); typing stays possible for someone whose WeChat number is not the one to use.
 */
class ProfileFormStore {
  name = '';
  phone = '';
  /** weapp: the code from the getPhoneNumber button, exchanged on the server. */
  phoneCode: string | null = null;
  /** weapp: the resident chose to type the number instead of the WeChat button. */
  typingPhone = process.env.TARO_ENV === 'h5';
  /** The number on file: kept when the resident gives no new one (weapp). */
  phoneOnFile: string | null = null;
  communityId = '';
  residentGroupId = '';
  microGridId = '';
  building = '';

  errors: FieldErrors<ProfileField> = {};
  readonly saving = new Pending();

  constructor() {
    makeAutoObservable(this, { saving: false }, { autoBind: true });
  }

  /** Fills the form from the profile on file (empty for a first-time resident). */
  start(me: Me): void {
    this.name = me.name ?? '';
    this.phoneOnFile = me.phone;
    this.phone = process.env.TARO_ENV === 'h5' ? (me.phone ?? '') : '';
    this.phoneCode = null;
    this.typingPhone = process.env.TARO_ENV === 'h5';
    this.communityId = me.address?.communityId ?? '';
    this.residentGroupId = me.address?.residentGroupId ?? '';
    this.microGridId = me.address?.microGridId ?? '';
    this.building = me.address?.building ?? '';
    this.errors = {};
    this.saving.clear();
    directory.communities.ensure();
    if (this.communityId) directory.community(this.communityId).ensure();
  }

  /** The chosen community's groups and buildings, or null before a community is chosen. */
  get community(): Loadable<CommunityDetail> | null {
    return this.communityId ? directory.community(this.communityId) : null;
  }

  get buildings(): BuildingOption[] {
    return (this.community?.value?.grids ?? []).flatMap((g) =>
      g.microGrids.map((m) => ({ id: m.id, name: m.name, gridName: g.name })),
    );
  }

  setName(value: string): void {
    this.name = value;
    this.clearError('name');
  }

  setPhone(value: string): void {
    this.phone = value.replace(/\D/g, '').slice(0, 11);
    this.clearError('phone');
  }

  setBuilding(value: string): void {
    this.building = value;
    this.clearError('building');
  }

  chooseCommunity(id: string): void {
    if (id === this.communityId) return;
    this.communityId = id;
    this.residentGroupId = '';
    this.microGridId = '';
    this.clearError('community');
    directory.community(id).ensure();
  }

  chooseResidentGroup(id: string): void {
    this.residentGroupId = id;
    this.clearError('residentGroup');
  }

  chooseBuilding(id: string): void {
    this.microGridId = id;
    this.clearError('microGrid');
  }

  /** weapp getPhoneNumber: a code when the resident allowed it, else nothing. */
  phoneAuthorized(code: string | undefined): void {
    if (code) {
      this.phoneCode = code;
      this.typingPhone = false;
      this.clearError('phone');
    } else {
      this.errors = { ...this.errors, phone: '未获取到手机号，可以改为手动填写' };
    }
  }

  typePhoneInstead(): void {
    this.typingPhone = true;
    this.phoneCode = null;
    this.clearError('phone');
  }

  /** Checks every field as the server would; true when the form can be sent. */
  validate(): boolean {
    const errors: FieldErrors<ProfileField> = {};
    const name = checkName(this.name);
    if (name) errors.name = name;
    if (!this.phoneCode) {
      if (this.typingPhone) {
        const phone = checkPhone(this.phone);
        if (phone) errors.phone = phone;
      } else if (!this.phoneOnFile) {
        errors.phone = '请点击按钮获取微信绑定的手机号';
      }
    }
    if (!this.communityId) errors.community = '请选择社区';
    if (!this.residentGroupId) errors.residentGroup = '请选择居民小组';
    if (!this.microGridId) errors.microGrid = '请选择小区或楼栋';
    const building = checkText(this.building, 0, 30);
    if (building) errors.building = building;
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  private get payload(): Input<'account', 'updateProfile'> {
    const phone = this.phoneCode
      ? { phoneCode: this.phoneCode }
      : { phone: this.typingPhone ? this.phone : (this.phoneOnFile ?? '') };
    return {
      name: this.name.trim(),
      ...phone,
      address: {
        communityId: this.communityId,
        residentGroupId: this.residentGroupId,
        microGridId: this.microGridId,
        building: this.building.trim(),
      },
    };
  }

  /** Validates, then saves; true when saved (session.me is then the new profile). */
  async submit(): Promise<boolean> {
    this.saving.clear();
    if (!this.validate() || this.saving.busy) return false;
    const { payload } = this;
    const me = await this.saving.run(() => call('account', 'updateProfile', payload));
    if (me) this.saved(me);
    else if (this.saving.error) this.failed(this.saving.error);
    return me !== undefined;
  }

  private saved(me: Me): void {
    this.phoneCode = null;
    this.phoneOnFile = me.phone;
    session.setMe(me);
  }

  private failed(error: CloudError): void {
    const errors = withFieldIssues(this.errors, error.details, (path) => SERVER_PATHS[path]);
    // A phone code is good once: after a failure the resident asks WeChat again.
    if (errors.phone) this.phoneCode = null;
    this.errors = errors;
  }

  private clearError(field: ProfileField): void {
    this.errors = withoutError(this.errors, field);
  }
}

export const profileForm = new ProfileFormStore();
