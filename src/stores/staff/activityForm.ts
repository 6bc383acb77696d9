import '../configure';
import { makeAutoObservable, when, type IReactionDisposer } from 'mobx';
import type { ActivityType, ActivityView, Input, PlaceOption, StationView } from '../../../contract';
import { ACTIVITY_TYPES } from '../../../contract/sixOnes';
import { call } from '../../services/cloud';
import { chooseOnMap, type MapPick } from '../../services/location';
import { checkText, inLatLngRange, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import type { LatLng } from '../../utils/gcj02';
import { addDays, today } from '../../utils/date';
import { Loadable, Pending } from '../loadable';
import { session } from '../session';
import { fromShanghai, isValidLocal, monthDays, toShanghai } from '../../utils/activityTimes';
import { checkReason } from '../../utils/reason';

export type ActivityField =
  | 'type'
  | 'title'
  | 'description'
  | 'startTime'
  | 'endTime'
  | 'signUpBy'
  | 'placeName'
  | 'location'
  | 'radius'
  | 'capacity';

type ActivityInput = Input<'sixOnes', 'publishActivity'>;

/** The check-in radius a new activity starts with (metres). */
export const DEFAULT_RADIUS = 200;
/** The radii offered as chips (the contract takes 20–5000 m; other values are typed). */
export const RADIUS_CHOICES = [50, 100, 200, 500, 1000] as const;
/** Where the county town is, for a community without a Red Station to take a point from. */
const COUNTY_TOWN = { lat: 26.34, lng: 115.355 };

/** The check-in point and what people read for it (never its coordinates). */
export interface CheckInPoint extends LatLng {
  /** The place the point was taken from: a Red Station, a building, what the map named. */
  name: string;
  address: string;
  phone: string | null;
}

/** Which form field a server field issue (`endAt`, `place.radius` …) belongs to. */
function fieldOf(path: string): ActivityField | undefined {
  if (path === 'startAt') return 'startTime';
  if (path === 'endAt') return 'endTime';
  if (path === 'place.name') return 'placeName';
  if (path === 'place.lat' || path === 'place.lng') return 'location';
  if (path === 'place.radius') return 'radius';
  const top = path.split('.')[0];
  return (['type', 'title', 'description', 'signUpBy', 'capacity'] as const).find((f) => f === top);
}

/** A whole number typed into a form within [min, max], with the contract's messages. */
function checkWhole(value: string, min: number, max: number, low: string, high: string): string | null {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n)) return '请填写数字';
  if (!Number.isInteger(n)) return '请填写整数';
  if (n < min) return low;
  if (n > max) return high;
  return null;
}

/** 轮值主席: the chair month an activity is planned for (cobuild.planChairActivity), and the community's. */
export interface ChairMonth {
  year: number;
  /** 1–12 */
  month: number;
  communityId: string;
}

/**
 * 发布活动 / 编辑活动 (secretary): the form of one activity, checked here as the contract checks
 * it (sixOnes.publishActivity / updateActivity) so the secretary reads every problem before
 * sending; what the server still refuses lands on its field. Also 取消活动 with a reason.
 * In chair mode (`chair` set) the same form plans the month's activity of the 轮值主席 unit
 * (cobuild.planChairActivity): it must start within that month.
 */
class ActivityFormStore {
  /** null: a new activity. */
  activityId: string | null = null;
  /** Set: the chair unit's admin plans the month's activity (a new one). */
  chair: ChairMonth | null = null;
  /** The form holds this page's values (defaults, or the activity read): the page shows it from then on. */
  ready = false;
  /** The activity being edited, as last read. */
  readonly original = new Loadable<ActivityView>(() => call('sixOnes', 'activity', { activityId: this.activityId! }));

  type: ActivityType | '' = '';
  title = '';
  description = '';
  date = '';
  startTime = '';
  endTime = '';
  signUpDate = '';
  signUpTime = '';
  /** A new form's sign-up deadline follows the start until the secretary sets it. */
  signUpTouched = false;
  placeName = '';
  /** The check-in point: null until the community's is read (or, editing, the activity's). */
  point: CheckInPoint | null = null;
  /** Where the point came from, said under it. */
  locationSource: 'station' | 'county' | 'map' | 'directory' | 'activity' | null = null;
  /** Why WeChat's map could not be used (permission refused …); null otherwise. */
  mapProblem: string | null = null;
  /** h5: the list of the community's places is open. */
  placesOpen = false;
  radius = String(DEFAULT_RADIUS);
  capacity = '30';
  errors: FieldErrors<ActivityField> = {};
  readonly saving = new Pending();

  /** 取消活动: the dialog is open, with its reason. */
  cancelOpen = false;
  cancelReason = '';
  cancelReasonError: string | null = null;
  readonly cancelling = new Pending();

  private readonly stations = new Loadable<StationView[]>(() => call('directory', 'stations', {}));
  /** h5: where the secretary's community can hold an activity (no map tiles offline). */
  readonly places = new Loadable<PlaceOption[]>(() => call('directory', 'places', {}));
  private waiting: IReactionDisposer | null = null;

  constructor() {
    makeAutoObservable<ActivityFormStore, 'stations' | 'waiting'>(
      this,
      { original: false, saving: false, cancelling: false, stations: false, places: false, waiting: false },
      { autoBind: true, deep: false },
    );
  }

  get isNew(): boolean {
    return this.activityId === null;
  }

  /** An activity that has ended or was cancelled can no longer be changed. */
  get locked(): boolean {
    const a = this.original.value;
    return a !== null && !a.can.includes('edit');
  }

  /**
   * A new activity: tomorrow 09:00–11:00, sign-up until the start, the community's coordinates
   * (the form shows once they are in, so no field changes under the secretary's thumb).
   */
  openNew(): void {
    this.reset(null);
    this.date = addDays(today(), 1);
    this.startTime = '09:00';
    this.endTime = '11:00';
    this.signUpDate = this.date;
    this.signUpTime = this.startTime;
    this.waiting = when(
      () => session.me !== null || session.error !== null,
      () => void this.defaultLocation(),
    );
  }

  /**
   * 轮值主席: a new activity of the chair month — on its first day still to come (tomorrow, or
   * the month's first day), 09:00–11:00, at the community's Red Station.
   */
  openChair(chair: ChairMonth, now = Date.now()): void {
    this.openNew();
    this.chair = chair;
    const { first, last } = monthDays(chair);
    const tomorrow = addDays(today(now), 1);
    const day = tomorrow < first ? first : tomorrow > last ? last : tomorrow;
    this.date = day;
    this.signUpDate = day;
  }

  /** Editing an activity: the form filled from sixOnes.activity. */
  async openEdit(activityId: string): Promise<void> {
    this.reset(activityId);
    const a = await this.original.load();
    if (a && this.activityId === activityId) this.fill(a);
  }

  private reset(activityId: string | null): void {
    this.waiting?.();
    this.waiting = null;
    this.activityId = activityId;
    this.chair = null;
    this.ready = false;
    this.original.clear();
    this.type = '';
    this.title = '';
    this.description = '';
    this.date = '';
    this.startTime = '';
    this.endTime = '';
    this.signUpDate = '';
    this.signUpTime = '';
    this.signUpTouched = false;
    this.placeName = '';
    this.point = null;
    this.locationSource = null;
    this.mapProblem = null;
    this.placesOpen = false;
    this.radius = String(DEFAULT_RADIUS);
    this.capacity = '30';
    this.errors = {};
    this.saving.clear();
    this.closeCancel();
  }

  private fill(a: ActivityView): void {
    const start = toShanghai(a.startAt);
    const end = toShanghai(a.endAt);
    const signUp = toShanghai(a.signUpBy);
    this.type = a.type;
    this.title = a.title;
    this.description = a.description;
    this.date = start.date;
    this.startTime = start.time;
    // An activity past midnight is not made here; its end keeps the start's day.
    this.endTime = end.time;
    this.signUpDate = signUp.date;
    this.signUpTime = signUp.time;
    this.signUpTouched = true;
    this.placeName = a.place.name;
    const { name, address, phone, lat, lng } = a.place;
    this.point = { name, address, phone, lat, lng };
    this.locationSource = 'activity';
    this.radius = String(a.place.radius);
    this.capacity = String(a.capacity);
    this.ready = true;
  }

  /**
   * The point a new activity starts with: the secretary's community's Red Station, else the
   * county town (said so). The picker replaces it: WeChat's map in weapp, the community's places
   * in h5 (no map offline).
   */
  private async defaultLocation(): Promise<void> {
    const grant = session.staffGrants.find((g) => g.role === 'secretary');
    const communityId = this.chair?.communityId ?? (grant && grant.role === 'secretary' ? grant.communityId : null);
    const stations = await this.stations.get();
    if (!this.isNew || this.ready) return;
    const own = communityId ? stations?.find((s) => s.communityId === communityId) : null;
    this.point = own
      ? { name: own.name, address: own.address, phone: own.phone, ...own.location }
      : { name: '县城中心', address: '', phone: null, ...COUNTY_TOWN };
    this.locationSource = own ? 'station' : 'county';
    this.ready = true;
  }

  setType(type: string): void {
    if ((ACTIVITY_TYPES as readonly string[]).includes(type)) this.type = type as ActivityType;
    this.clearError('type');
  }

  setTitle(value: string): void {
    this.title = value;
    this.clearError('title');
  }

  setDescription(value: string): void {
    this.description = value;
    this.clearError('description');
  }

  setDate(value: string): void {
    this.date = value;
    if (!this.signUpTouched) this.signUpDate = value;
    this.clearTimes();
  }

  setStartTime(value: string): void {
    this.startTime = value;
    if (!this.signUpTouched) this.signUpTime = value;
    this.clearTimes();
  }

  setEndTime(value: string): void {
    this.endTime = value;
    this.clearTimes();
  }

  setSignUpDate(value: string): void {
    this.signUpDate = value;
    this.signUpTouched = true;
    this.clearTimes();
  }

  setSignUpTime(value: string): void {
    this.signUpTime = value;
    this.signUpTouched = true;
    this.clearTimes();
  }

  setPlaceName(value: string): void {
    this.placeName = value;
    this.clearError('placeName');
  }

  setRadius(value: string): void {
    this.radius = value;
    this.clearError('radius');
  }

  setCapacity(value: string): void {
    this.capacity = value;
    this.clearError('capacity');
  }

  /** A radius chip, or a number typed. */
  chooseRadius(metres: number): void {
    this.setRadius(String(metres));
  }

  /** weapp: the place picked on WeChat's map (GCJ-02); closing the map changes nothing. */
  async chooseOnMap(): Promise<void> {
    this.mapProblem = null;
    const near = this.point && inLatLngRange(this.point) ? this.point : null;
    const choice = await chooseOnMap(near);
    if ('picked' in choice) this.pickFromMap(choice.picked);
    else if ('refused' in choice) this.mapProblem = choice.refused;
  }

  private pickFromMap(p: MapPick): void {
    const name = (p.name || p.address).slice(0, 60);
    this.setPoint({ name, address: p.address.slice(0, 100), phone: null, lat: p.lat, lng: p.lng }, 'map');
  }

  /** h5: opens (and reads) the list of the community's places, or closes it. */
  togglePlaces(): void {
    this.placesOpen = !this.placesOpen;
    if (this.placesOpen) void this.places.get();
  }

  /** h5: a place of the directory picked from the list. */
  pickPlace(p: PlaceOption): void {
    this.placesOpen = false;
    this.setPoint({ name: p.name, address: p.address, phone: p.phone, ...p.location }, 'directory');
  }

  private setPoint(point: CheckInPoint, source: 'map' | 'directory'): void {
    // The place's name follows the pick unless the secretary wrote their own (二楼会议室).
    const typed = this.placeName.trim() !== '' && this.placeName !== this.point?.name;
    this.point = point;
    if (point.name && !typed) this.placeName = point.name.slice(0, 60);
    this.locationSource = source;
    this.errors = withoutError<ActivityField>(withoutError<ActivityField>(this.errors, 'location'), 'placeName');
  }

  private clearError(field: ActivityField): void {
    this.errors = withoutError(this.errors, field);
  }

  private clearTimes(): void {
    for (const f of ['startTime', 'endTime', 'signUpBy'] as const) this.clearError(f);
  }

  /** The form checked as the contract and the server check it: its errors, and the input when there are none. */
  check(now = Date.now()): { errors: FieldErrors<ActivityField>; input: ActivityInput | null } {
    const errors: FieldErrors<ActivityField> = {};
    if (this.type === '') errors.type = '请选择活动类型';
    const title = this.title.trim();
    errors.title = title === '' ? '请填写活动名称' : (checkText(title, 2, 40) ?? undefined);
    errors.description = checkText(this.description, 0, 1000) ?? undefined;

    const startOk = isValidLocal(this.date, this.startTime);
    const endOk = isValidLocal(this.date, this.endTime);
    const signUpOk = isValidLocal(this.signUpDate, this.signUpTime);
    const startAt = fromShanghai(this.date, this.startTime);
    const endAt = fromShanghai(this.date, this.endTime);
    const signUpBy = fromShanghai(this.signUpDate, this.signUpTime);
    if (!startOk) errors.startTime = '请选择活动日期和开始时间';
    else if (this.chair) {
      const { first, last } = monthDays(this.chair);
      if (this.date < first || this.date > last) errors.startTime = `轮值活动须在${this.chair.month}月内举行`;
    }
    if (!endOk) errors.endTime = '请选择结束时间';
    else if (startOk && Date.parse(endAt) <= Date.parse(startAt)) errors.endTime = '结束时间须晚于开始时间';
    else if (Date.parse(endAt) <= now) errors.endTime = '结束时间须在将来';
    if (!signUpOk) errors.signUpBy = '请选择报名截止时间';
    else if (endOk && Date.parse(signUpBy) > Date.parse(endAt)) errors.signUpBy = '报名截止须早于活动结束';

    const placeName = this.placeName.trim();
    errors.placeName = placeName === '' ? '请填写活动地点' : (checkText(placeName, 2, 60) ?? undefined);
    const point = this.point && inLatLngRange(this.point) ? this.point : null;
    if (!point) errors.location = '请选择签到位置';
    errors.radius = checkWhole(this.radius, 20, 5000, '签到范围至少 20 米', '签到范围最多 5000 米') ?? undefined;
    errors.capacity = checkWhole(this.capacity, 1, 2000, '名额至少为 1', '名额最多为 2000') ?? undefined;
    const signedUp = this.original.value?.signedUp ?? 0;
    if (!errors.capacity && Number(this.capacity) < signedUp)
      errors.capacity = `已有 ${signedUp} 人报名，名额不能少于报名人数`;

    for (const key of Object.keys(errors) as ActivityField[]) if (!errors[key]) delete errors[key];
    if (Object.keys(errors).length > 0 || this.type === '' || !point) return { errors, input: null };
    return {
      errors,
      input: {
        type: this.type,
        title,
        description: this.description.trim(),
        startAt,
        endAt,
        signUpBy,
        place: {
          name: placeName,
          address: point.address,
          phone: point.phone,
          lat: point.lat,
          lng: point.lng,
          radius: Number(this.radius),
        },
        capacity: Number(this.capacity),
      },
    };
  }

  /** 发布 / 保存: resolves with the activity as the server has it, or null (errors shown on the form). */
  async save(): Promise<ActivityView | null> {
    if (this.saving.busy || this.locked) return null;
    const { errors, input } = this.check();
    this.errors = errors;
    if (!input) return null;
    const id = this.activityId;
    const chair = this.chair;
    const saved = await this.saving.run(() =>
      chair
        ? call('meeting', 'planChairActivity', { year: chair.year, month: chair.month, ...input })
        : id === null
          ? call('sixOnes', 'publishActivity', input)
          : call('sixOnes', 'updateActivity', { activityId: id, ...input }),
    );
    if (!saved) {
      const error = this.saving.error;
      if (error?.code === 'INVALID_INPUT') this.errors = withFieldIssues(this.errors, error.details, fieldOf);
      return null;
    }
    this.original.value = saved;
    return saved;
  }

  askCancel(): void {
    this.cancelOpen = true;
    this.cancelReason = '';
    this.cancelReasonError = null;
    this.cancelling.clear();
  }

  closeCancel(): void {
    if (this.cancelling.busy) return;
    this.cancelOpen = false;
    this.cancelReasonError = null;
    this.cancelling.clear();
  }

  setCancelReason(value: string): void {
    this.cancelReason = value;
    if (this.cancelReasonError) this.cancelReasonError = checkReason(value);
  }

  /** 取消活动 (sixOnes.cancelActivity): signed-up members are told the reason. */
  async confirmCancel(): Promise<ActivityView | null> {
    const id = this.activityId;
    if (id === null || this.cancelling.busy) return null;
    this.cancelReasonError = checkReason(this.cancelReason);
    if (this.cancelReasonError) return null;
    const cancelled = await this.cancelling.run(() =>
      call('sixOnes', 'cancelActivity', { activityId: id, reason: this.cancelReason.trim() }),
    );
    if (!cancelled) return null;
    this.original.value = cancelled;
    this.cancelOpen = false;
    return cancelled;
  }
}

export const activityForm = new ActivityFormStore();
