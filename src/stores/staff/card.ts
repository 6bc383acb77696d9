import '../configure';
import { makeAutoObservable } from 'mobx';
import type { ContactCardAdminView } from '../../../contract';
import { call } from '../../services/cloud';
import { checkName, checkPhone, checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { Pending } from '../loadable';

type Title = ContactCardAdminView['title'];
type Published = ContactCardAdminView['published'];
export type CardField = 'name' | 'phone' | 'duties';

export const CARD_TITLES: readonly Title[] = ['网格长', '网格员'];

/**
 * The contact card (民情联系卡) being edited or added: who is on it, what they do, and which of
 * name, phone and photo the residents of the grid may see (nothing unless switched on).
 */
class ContactCardForm {
  gridId = '';
  cardId: string | null = null;
  openid = '';
  title: Title = '网格员';
  name = '';
  phone = '';
  duties = '';
  /** Kept as it is: photos are not uploaded here. */
  photo: string | null = null;
  published: Published = { name: false, phone: false, photo: false };
  errors: FieldErrors<CardField> = {};
  readonly saving = new Pending();

  constructor() {
    makeAutoObservable(this, { saving: false }, { autoBind: true, deep: false });
  }

  get isNew(): boolean {
    return this.cardId === null;
  }

  edit(card: ContactCardAdminView): void {
    this.gridId = card.gridId;
    this.cardId = card.id;
    this.openid = card.openid;
    this.title = card.title;
    this.name = card.name;
    this.phone = card.phone;
    this.duties = card.duties;
    this.photo = card.photo;
    this.published = { ...card.published };
    this.reset();
  }

  /** A new card for someone just appointed: their name and phone as the account has them. */
  create(gridId: string, person: { openid: string; name: string; phone: string }): void {
    this.gridId = gridId;
    this.cardId = null;
    this.openid = person.openid;
    this.title = '网格员';
    this.name = person.name;
    this.phone = person.phone;
    this.duties = '';
    this.photo = null;
    this.published = { name: false, phone: false, photo: false };
    this.reset();
  }

  setTitle(title: Title): void {
    this.title = title;
  }

  setField(field: CardField, value: string): void {
    this[field] = value;
    this.errors = withoutError(this.errors, field);
  }

  setPublished(what: keyof Published, on: boolean): void {
    this.published = { ...this.published, [what]: on };
  }

  /** Checks and saves; the saved card, or null (errors are on the fields or in `saving.error`). */
  async save(): Promise<ContactCardAdminView | null> {
    if (this.saving.busy || !this.gridId) return null;
    const errors: FieldErrors<CardField> = {
      name: checkName(this.name) ?? undefined,
      phone: checkPhone(this.phone) ?? undefined,
      duties: checkText(this.duties, 2, 200) ?? undefined,
    };
    this.errors = errors;
    if (Object.values(errors).some(Boolean)) return null;
    const saved = await this.saving.run(() =>
      call('directory', 'saveContactCard', {
        gridId: this.gridId,
        ...(this.cardId ? { cardId: this.cardId } : {}),
        openid: this.openid,
        title: this.title,
        name: this.name.trim(),
        phone: this.phone.replace(/\s+/g, ''),
        photo: this.photo,
        duties: this.duties.trim(),
        published: this.published,
      }),
    );
    if (!saved) {
      this.serverIssues();
      return null;
    }
    this.cardId = saved.id;
    return saved;
  }

  /** INVALID_INPUT from the server names its fields: show them where they belong. */
  private serverIssues(): void {
    this.errors = withFieldIssues(this.errors, this.saving.error?.details, (path) => {
      const field = path.split('.')[0];
      return field === 'name' || field === 'phone' || field === 'duties' ? field : undefined;
    });
  }

  private reset(): void {
    this.errors = {};
    this.saving.clear();
  }
}

export const contactCardForm = new ContactCardForm();
