import '../configure';
import { CASE_DESCRIPTION, CASE_PHOTOS } from '../../../contract/limits';
import Taro from '@tarojs/taro';
import { makeAutoObservable } from 'mobx';
import type { CaseView, CommunityDetail, Input } from '../../../contract';
import { CASE_CATEGORIES, type CaseCategory, type Urgency } from '../../../contract/caseLabels';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { cases } from '../cases';
import { directory } from '../directory';
import type { Loadable } from '../loadable';
import { Draft } from '../../utils/drafts';
import { session } from '../session';
import { PhotoSet } from '../photos';

export const CASE_DESCRIPTION_MIN = CASE_DESCRIPTION.min;
export const CASE_DESCRIPTION_MAX = CASE_DESCRIPTION.max;
export const CASE_PHOTOS_MAX = CASE_PHOTOS.max;

/**
 * Where the problem is: a point picked on WeChat's map (weapp only), the resident's registered
 * address, or a building (micro-grid) of the directory picked by community → building.
 */
export type LocationKind = 'point' | 'address' | 'building';

export type CaseSubmitField = 'category' | 'description' | 'photos' | 'location' | 'community' | 'building';

/** Server issue paths → the form's fields. */
function fieldOf(path: string): CaseSubmitField | undefined {
  if (path === 'category' || path === 'description') return path;
  if (path.startsWith('photos')) return 'photos';
  if (path === 'location.microGridId') return 'building';
  if (path.startsWith('location')) return 'location';
  return undefined;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * 我要反映 (complaint.submit): category, description (5–500 characters), up to 6 photos uploaded
 * as they are chosen, the place, urgency (一般/紧急) and whether to stay anonymous to the public.
 * Every field is checked here as the contract checks it, so a bad form never reaches the server;
 * the server's own field errors land next to their fields.
 */
/** What a complaint form keeps while unsent. */
interface CaseDraft {
  category: CaseCategory | null;
  description: string;
  urgency: Urgency;
  anonymous: boolean;
}

class CaseSubmitStore {
  category: CaseCategory | null = null;
  description = '';
  readonly photos = new PhotoSet(CASE_PHOTOS_MAX);
  locationKind: LocationKind | null = null;
  /** weapp: the point picked on the map (GCJ-02) with its name. */
  point: { lat: number; lng: number; label: string } | null = null;
  communityId = '';
  microGridId = '';
  urgency: Urgency = 'normal';
  anonymous = false;

  errors: FieldErrors<CaseSubmitField> = {};
  saving = false;
  error: CloudError | null = null;
  /** The case just submitted: the page shows where it went and the way to it. */
  submitted: CaseView | null = null;
  /** The form opened on what was typed last time and not sent. */
  restored = false;
  private readonly draft: Draft<CaseDraft>;

  constructor() {
    makeAutoObservable(this, { photos: false }, { autoBind: true, deep: false });
    this.draft = new Draft<CaseDraft>(
      'case',
      () => ({
        category: this.category,
        description: this.description,
        urgency: this.urgency,
        anonymous: this.anonymous,
      }),
      (d) => d.description.trim() !== '',
    );
  }

  /**
   * The form as it was left unsent (a kept draft: what and how urgent; the place is chosen again),
   * else blank — each time the page opens; the registered address as the place when there is one.
   */
  start(): void {
    const kept = this.draft.load();
    this.category = kept?.category ?? null;
    this.description = kept?.description ?? '';
    this.restored = kept !== null && kept.description.trim() !== '';
    this.photos.clear();
    this.point = null;
    this.communityId = '';
    this.microGridId = '';
    this.urgency = kept?.urgency ?? 'normal';
    this.anonymous = kept?.anonymous ?? false;
    this.errors = {};
    this.error = null;
    this.saving = false;
    this.submitted = null;
    this.locationKind = null;
    this.useDefaultPlace();
  }

  /** 清空: the kept draft and what it filled in go. */
  discardDraft(): void {
    this.draft.clear();
    this.category = null;
    this.description = '';
    this.urgency = 'normal';
    this.anonymous = false;
    this.restored = false;
    this.errors = {};
  }

  /** The registered address once the session has it (the page may open before it arrives). */
  useDefaultPlace(): void {
    if (this.locationKind !== null) return;
    const address = session.me?.address;
    if (address) {
      this.locationKind = 'address';
      this.communityId = address.communityId;
      this.readAddressNames();
    }
  }

  /** The names of the registered address, for the line that says which address it is. */
  readAddressNames(): void {
    const address = session.me?.address;
    if (!address) return;
    directory.communities.ensure();
    directory.community(address.communityId).ensure();
  }

  get hasAddress(): boolean {
    return Boolean(session.me?.address);
  }

  /** 潋江社区 · 阳光小区1栋 · 2单元301室, as far as the directory has answered. */
  get addressText(): string {
    const a = session.me?.address;
    if (!a) return '';
    const building = directory
      .community(a.communityId)
      .value?.grids.flatMap((g) => g.microGrids)
      .find((m) => m.id === a.microGridId)?.name;
    // The room often repeats the building (凤凰名苑1栋2单元301室): then once.
    const shownBuilding = building && !a.building.startsWith(building) ? building : null;
    return [directory.communityName(a.communityId), shownBuilding, a.building].filter(Boolean).join(' · ');
  }

  get length(): number {
    return [...this.description.trim()].length;
  }

  /** The chosen community's buildings, or null before a community is chosen. */
  get community(): Loadable<CommunityDetail> | null {
    return this.communityId ? directory.community(this.communityId) : null;
  }

  get buildings(): Array<{ id: string; name: string; gridName: string }> {
    return (this.community?.value?.grids ?? []).flatMap((g) =>
      g.microGrids.map((m) => ({ id: m.id, name: m.name, gridName: g.name })),
    );
  }

  setCategory(category: string): void {
    if (!(CASE_CATEGORIES as readonly string[]).includes(category)) return;
    this.category = category as CaseCategory;
    this.clearError('category');
  }

  setDescription(value: string): void {
    this.description = value;
    if (!this.errors.description) return;
    const error = this.checkDescription();
    if (error) this.errors = { ...this.errors, description: error };
    else this.clearError('description');
  }

  setUrgency(urgency: Urgency): void {
    this.urgency = urgency;
  }

  setAnonymous(on: boolean): void {
    this.anonymous = on;
  }

  setLocationKind(kind: LocationKind): void {
    this.clearError('location');
    if (kind === 'point') {
      void this.choosePoint();
      return;
    }
    this.locationKind = kind;
    if (kind === 'address') this.readAddressNames();
    if (kind === 'building') {
      directory.communities.ensure();
      if (this.communityId) directory.community(this.communityId).ensure();
    }
  }

  /** weapp: WeChat's map; closing it without a choice changes nothing. */
  async choosePoint(): Promise<void> {
    const near = this.point ? { latitude: this.point.lat, longitude: this.point.lng } : {};
    try {
      const picked = await Taro.chooseLocation(near);
      this.pointPicked(picked.name || picked.address || '', picked.latitude, picked.longitude);
    } catch {
      // Closed without choosing.
    }
  }

  private pointPicked(label: string, lat: number, lng: number): void {
    this.point = { lat: round6(lat), lng: round6(lng), label: label.slice(0, 60) };
    this.locationKind = 'point';
    this.clearError('location');
  }

  chooseCommunity(id: string): void {
    if (id === this.communityId) return;
    this.communityId = id;
    this.microGridId = '';
    this.clearError('community');
    this.clearError('building');
    directory.community(id).ensure();
  }

  chooseBuilding(id: string): void {
    this.microGridId = id;
    this.clearError('building');
  }

  validate(): boolean {
    const errors: FieldErrors<CaseSubmitField> = {};
    if (!this.category) errors.category = '请选择问题类别';
    const description = this.checkDescription();
    if (description) errors.description = description;
    const photos = this.photos.problem();
    if (photos) errors.photos = photos;
    switch (this.locationKind) {
      case null:
        errors.location = '请选择问题发生的地点';
        break;
      case 'address':
        if (!this.hasAddress) errors.location = '您还没有登记住址，请选择楼栋';
        break;
      case 'point':
        if (!this.point) errors.location = '请在地图上选择地点';
        break;
      case 'building':
        if (!this.communityId) errors.community = '请选择社区';
        else if (!this.microGridId) errors.building = '请选择小区或楼栋';
        break;
    }
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  private get location(): Input<'complaint', 'submit'>['location'] {
    if (this.locationKind === 'point' && this.point) return { kind: 'point', ...this.point };
    if (this.locationKind === 'building') return { kind: 'building', microGridId: this.microGridId };
    return { kind: 'address' };
  }

  /** Submits the case; true when it was submitted (`submitted` holds it). */
  async submit(): Promise<boolean> {
    this.error = null;
    if (this.saving || !this.validate()) return false;
    this.saving = true;
    try {
      const view = await call('complaint', 'submit', {
        category: this.category!,
        description: this.description.trim(),
        photos: this.photos.fileIds,
        location: this.location,
        urgency: this.urgency,
        anonymous: this.anonymous,
      });
      this.done(view);
      return true;
    } catch (e) {
      this.failed(toCloudError(e));
      return false;
    }
  }

  private checkDescription(): string | null {
    if (this.description.trim() === '') return '请描述遇到的问题';
    return checkText(this.description, CASE_DESCRIPTION_MIN, CASE_DESCRIPTION_MAX);
  }

  private done(view: CaseView): void {
    this.saving = false;
    this.submitted = view;
    this.restored = false;
    this.draft.sent();
    this.photos.clear();
    cases.prepend(view);
  }

  private failed(error: CloudError): void {
    this.saving = false;
    this.error = error;
    this.errors = withFieldIssues(this.errors, error.details, fieldOf);
  }

  private clearError(field: CaseSubmitField): void {
    this.errors = withoutError(this.errors, field);
  }
}

export const caseSubmit = new CaseSubmitStore();
