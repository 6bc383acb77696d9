import '../configure';
import { RECORD_NOTE, RECORD_PHOTOS, RECORD_TITLE } from '../../../contract/limits';
import { makeAutoObservable, runInAction } from 'mobx';
import type { RecordView } from '../../../contract';
import { RECORD_KIND_LABELS } from '../../../contract/sixOnes';
import { call } from '../../services/cloud';
import { CloudError, toCloudError } from '../../services/CloudError';
import { checkName, checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { PhotoSet } from '../photos';
import { myYear } from '../sixOnesYear';

/** The records a member files themself (the others come from check-ins and completed wishes). */
export type FiledKind = 'surveyReport' | 'pairing' | 'visit';

export const FILED_KINDS: ReadonlyArray<{ key: FiledKind; label: string }> = [
  { key: 'surveyReport', label: RECORD_KIND_LABELS.surveyReport },
  { key: 'pairing', label: RECORD_KIND_LABELS.pairing },
  { key: 'visit', label: RECORD_KIND_LABELS.visit },
];

export const isFiledKind = (kind: string | undefined): kind is FiledKind => FILED_KINDS.some((k) => k.key === kind);

/** The contract's limits (fileRecord, refileRecord). */
export { RECORD_TITLE, RECORD_NOTE };
export const RECORD_PHOTOS_MAX = RECORD_PHOTOS.max;
export const HOUSEHOLD_ADDRESS = { min: 2, max: 100 } as const;

export type RecordField = 'kind' | 'title' | 'note' | 'photos' | 'householdName' | 'householdAddress' | 'pairingId';

/** Server issue paths → the form's fields. */
function fieldOf(path: string): RecordField | undefined {
  if (path.startsWith('photos')) return 'photos';
  const fields: Record<string, RecordField> = {
    kind: 'kind',
    title: 'title',
    note: 'note',
    pairingId: 'pairingId',
    'household.name': 'householdName',
    'household.address': 'householdAddress',
  };
  return fields[path];
}

const NOTE_PROMPT: Record<FiledKind, string> = {
  surveyReport: '请写明调研的内容和发现',
  pairing: '请写明困难群众的情况和帮扶打算',
  visit: '请写明这次走访的情况',
};

/**
 * 提交记录 (sixOnes.fileRecord): a survey report, a pairing with a household in difficulty
 * (name and address), or a visit to one of the member's pairings — each with a title, a note of
 * 10–2000 characters and 1–9 photos uploaded as they are chosen. `?refile=<id>`: a rejected
 * record, corrected and filed again (sixOnes.refileRecord), prefilled with what it had. Every
 * field is checked here as the contract does, so a bad form never reaches the server.
 */
class RecordFormStore {
  kind: FiledKind | null = null;
  title = '';
  note = '';
  householdName = '';
  householdAddress = '';
  pairingId = '';
  readonly photos = new PhotoSet(RECORD_PHOTOS_MAX);

  /** Refiling: the rejected record (its reason shown above the form). */
  refiling: RecordView | null = null;
  /** Refiling: the record is being read, or could not be refiled. */
  preparing = false;
  prepareError: CloudError | null = null;

  errors: FieldErrors<RecordField> = {};
  saving = false;
  error: CloudError | null = null;
  /** The record just filed: the page shows 已提交，等待社区审核. */
  filed: RecordView | null = null;

  constructor() {
    makeAutoObservable(this, { photos: false }, { autoBind: true, deep: false });
  }

  /** A blank form, the kind chosen when the page was opened from an item's button. */
  start(kind: FiledKind | null): void {
    this.reset();
    this.kind = kind;
  }

  /** The rejected record `recordId`, prefilled (its photos count as already uploaded). */
  async startRefile(recordId: string): Promise<void> {
    this.reset();
    this.preparing = true;
    const record = await myYear.record(recordId);
    runInAction(() => {
      this.preparing = false;
      if (!record) {
        this.prepareError = myYear.year.error ?? new CloudError('NOT_FOUND', '记录不存在', null);
        return;
      }
      if (!record.can.includes('refile') || !isFiledKind(record.kind)) {
        this.prepareError = new CloudError('CONFLICT', '只有被驳回的调研、结对和走访记录可以修改后重新提交', null);
        return;
      }
      this.refiling = record;
      this.kind = record.kind;
      this.title = record.title;
      this.note = record.note ?? '';
      this.householdName = record.household?.name ?? '';
      this.householdAddress = record.household?.address ?? '';
      this.pairingId = record.pairingId ?? '';
      this.photos.items = record.photos.map((p) => ({
        key: `kept-${p.fileId}`,
        preview: p.url ?? '',
        picked: { path: p.url ?? '' },
        state: 'done' as const,
        fileId: p.fileId,
        error: null,
      }));
    });
  }

  get noteLength(): number {
    return [...this.note.trim()].length;
  }

  get notePlaceholder(): string {
    return this.kind ? NOTE_PROMPT[this.kind] : '';
  }

  setKind(kind: string): void {
    if (this.refiling || !isFiledKind(kind)) return;
    this.kind = kind;
    this.errors = withoutError(this.errors, 'kind');
  }

  setTitle(value: string): void {
    this.title = value;
    this.recheck('title');
  }

  setNote(value: string): void {
    this.note = value;
    this.recheck('note');
  }

  setHouseholdName(value: string): void {
    this.householdName = value;
    this.recheck('householdName');
  }

  setHouseholdAddress(value: string): void {
    this.householdAddress = value;
    this.recheck('householdAddress');
  }

  setPairing(id: string): void {
    this.pairingId = id;
    this.errors = withoutError(this.errors, 'pairingId');
  }

  /** Every field's check, mirroring the contract; the errors by field (empty when it passes). */
  check(): FieldErrors<RecordField> {
    const errors: FieldErrors<RecordField> = {};
    const set = (field: RecordField, error: string | null) => {
      if (error) errors[field] = error;
    };
    if (!this.kind) errors.kind = '请选择要提交的记录类型';
    set('title', this.checkTitle());
    set('note', this.checkNote());
    set('photos', this.checkPhotos());
    if (this.kind === 'pairing' && !this.refiling) {
      set('householdName', this.checkHouseholdName());
      set('householdAddress', this.checkHouseholdAddress());
    }
    if (this.kind === 'visit' && !this.refiling && !this.pairingId) errors.pairingId = '请选择走访的结对户';
    return errors;
  }

  /** Sends the record (or the corrected one); resolves with it, or null. */
  async submit(): Promise<RecordView | null> {
    this.error = null;
    if (this.saving) return null;
    this.errors = this.check();
    if (Object.keys(this.errors).length > 0) return null;
    this.saving = true;
    try {
      const view = await this.send();
      this.done(view);
      return view;
    } catch (e) {
      this.failed(toCloudError(e));
      return null;
    }
  }

  private send(): Promise<RecordView> {
    const common = { title: this.title.trim(), note: this.note.trim(), photos: this.photos.fileIds };
    if (this.refiling) return call('sixOnes', 'refileRecord', { recordId: this.refiling.id, ...common });
    switch (this.kind) {
      case 'pairing':
        return call('sixOnes', 'fileRecord', {
          kind: 'pairing',
          ...common,
          household: { name: this.householdName.trim(), address: this.householdAddress.trim() },
        });
      case 'visit':
        return call('sixOnes', 'fileRecord', { kind: 'visit', pairingId: this.pairingId, ...common });
      default:
        return call('sixOnes', 'fileRecord', { kind: 'surveyReport', ...common });
    }
  }

  private checkTitle(): string | null {
    return this.title.trim() === '' ? '请填写标题' : checkText(this.title, RECORD_TITLE.min, RECORD_TITLE.max);
  }

  private checkNote(): string | null {
    if (this.note.trim() === '') return this.kind ? NOTE_PROMPT[this.kind] : '请填写情况说明';
    return checkText(this.note, RECORD_NOTE.min, RECORD_NOTE.max);
  }

  private checkPhotos(): string | null {
    return this.photos.problem('请至少上传 1 张照片作为凭证');
  }

  private checkHouseholdName(): string | null {
    return this.householdName.trim() === '' ? '请填写结对户的姓名' : checkName(this.householdName);
  }

  private checkHouseholdAddress(): string | null {
    return this.householdAddress.trim() === ''
      ? '请填写结对户的住址'
      : checkText(this.householdAddress, HOUSEHOLD_ADDRESS.min, HOUSEHOLD_ADDRESS.max);
  }

  /** A field with an error shown is checked again as it is typed, so the error goes once fixed. */
  private recheck(field: 'title' | 'note' | 'householdName' | 'householdAddress'): void {
    if (!this.errors[field]) return;
    const checks = {
      title: this.checkTitle,
      note: this.checkNote,
      householdName: this.checkHouseholdName,
      householdAddress: this.checkHouseholdAddress,
    };
    const error = checks[field]();
    this.errors = error ? { ...this.errors, [field]: error } : withoutError(this.errors, field);
  }

  private reset(): void {
    this.kind = null;
    this.title = '';
    this.note = '';
    this.householdName = '';
    this.householdAddress = '';
    this.pairingId = '';
    this.photos.clear();
    this.refiling = null;
    this.preparing = false;
    this.prepareError = null;
    this.errors = {};
    this.saving = false;
    this.error = null;
    this.filed = null;
  }

  private done(view: RecordView): void {
    this.saving = false;
    this.filed = view;
    this.photos.clear();
    myYear.invalidate();
  }

  private failed(error: CloudError): void {
    this.saving = false;
    this.error = error;
    this.errors = withFieldIssues(this.errors, error.details, fieldOf);
  }
}

export const recordForm = new RecordFormStore();
