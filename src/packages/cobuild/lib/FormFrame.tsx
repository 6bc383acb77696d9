import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useState, type ComponentType, type PropsWithChildren } from 'react';
import { COBUILD_CATEGORIES } from '../../../../contract/cobuild';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Screen, usePageTitle } from '../../../components/Screen';
import { Choices } from '../../../components/staff/Choices';
import type { CloudError } from '../../../services/CloudError';
import type { FieldErrors } from '../../../utils/fields';

/** The categories of needs and resources, as choices. */
export const CATEGORIES = COBUILD_CATEGORIES.map((c) => ({ value: c, label: c }));

/** What the frame reads of a form store (need, resource, project, agreement). */
interface SavingForm {
  errors: FieldErrors;
  saving: { busy: boolean; error: CloudError | null };
}

interface ScreenProps {
  opened: boolean;
  /** The form store is ready to show (what it edits is read). */
  ready: boolean;
  /** What the form is opened from: the item being edited (or the one a new version revises). */
  source: { error: CloudError | null; load(): unknown };
  /** Why the item can no longer be changed, or null. */
  locked?: string | null;
}

/**
 * Opens the page's form once the page loads: `open` opens it for the page's params and returns
 * the page's title (null keeps the config's). True once opened: before that the form shows nothing
 * of the last visit.
 */
export function useOpenForm(open: (params: Record<string, string | undefined>) => string | null): boolean {
  const [opened, setOpened] = useState(false);
  const [title, setTitle] = useState<string | null>(null);
  usePageTitle(title);
  useLoad((params: Record<string, string | undefined>) => {
    setTitle(open(params));
    setOpened(true);
  });
  return opened;
}

/**
 * A form page: the form once opened and ready; the failure to read what it edits, with 重试; or,
 * when `locked` says why, that the item can no longer be changed.
 */
export const FormScreen = observer(({ opened, ready, source, locked, children }: PropsWithChildren<ScreenProps>) => {
  let body = children;
  if (opened && source.error) body = <ErrorNotice error={source.error} onRetry={source.load} />;
  else if (!opened || !ready) body = <Loading />;
  else if (locked) body = <Text className="cobuild__invalid">{locked}</Text>;
  return <Screen>{body}</Screen>;
});

/** A form of a list item (need, resource, project): new, or `?id=` to edit while not `locked`. */
interface ItemForm {
  ready: boolean;
  locked: boolean;
  original: ScreenProps['source'];
  openEdit(id: string): Promise<void>;
}

/**
 * The page of an item's form: `openNew` for the page's params, or `?id=` 编辑 titled `editTitle`;
 * `locked` says why an item that can no longer be changed is not shown in the form.
 */
export function itemFormPage({
  form,
  editTitle,
  openNew,
  locked,
  Form,
}: {
  form: ItemForm;
  editTitle: string;
  openNew: (params: Record<string, string | undefined>) => void;
  locked: string;
  Form: ComponentType;
}) {
  return observer(() => {
    const opened = useOpenForm((params) => {
      if (params.id) {
        void form.openEdit(params.id);
        return editTitle;
      }
      openNew(params);
      return null;
    });
    return (
      <FormScreen opened={opened} ready={form.ready} source={form.original} locked={form.locked ? locked : null}>
        <Form />
      </FormScreen>
    );
  });
}

interface FormProps {
  form: SavingForm;
  /** The save button's words. */
  submit: string;
  onSave: () => unknown;
  disabled?: boolean;
  /** A line under the button. */
  note?: string | null;
}

/**
 * A co-building form: its field rows, then the save failure (a field's own shows on the field),
 * 请按提示修改标红的项目 while a field is marked, and the save button.
 */
export const EditForm = observer(({ form, submit, onSave, disabled, note, children }: PropsWithChildren<FormProps>) => (
  <View className="cobuild-form">
    {children}
    {form.saving.error && form.saving.error.code !== 'INVALID_INPUT' ? <ErrorNotice error={form.saving.error} /> : null}
    {Object.keys(form.errors).length > 0 ? <Text className="cobuild__invalid">请按提示修改标红的项目</Text> : null}
    <View className="cobuild__submit">
      <Button
        disabled={disabled ?? false}
        className="cobuild-form__save"
        type="primary"
        size="large"
        block
        loading={form.saving.busy}
        onClick={() => void onSave()}
      >
        {submit}
      </Button>
      {note ? <Text className="cobuild__muted">{note}</Text> : null}
    </View>
  </View>
));

/**
 * 保存 of a form that adds to a list or edits one of its items: on success the toast (`added` for
 * a new one, else 已保存), then `then` with the saved item.
 */
export async function saveForm<T>(
  form: { isNew: boolean; save(): Promise<T | null> },
  added: string,
  then: (saved: T, wasNew: boolean) => void,
): Promise<void> {
  const wasNew = form.isNew;
  const saved = await form.save();
  if (!saved) return;
  void Taro.showToast({ title: wasNew ? added : '已保存', icon: 'success' });
  then(saved, wasNew);
}

/** The 类别 row of a need or a resource. */
export const CategoryField = observer(
  ({
    form,
    hint,
  }: {
    form: { category: string; errors: FieldErrors<'category'>; setCategory(c: string): void };
    hint?: string;
  }) => (
    <Field name="category" label="类别" error={form.errors.category} hint={hint}>
      <Choices name="category" options={CATEGORIES} selected={form.category || null} onPick={form.setCategory} />
    </Field>
  ),
);

/** How much (a number) and its unit, on one row: `name` names the number's input. */
export function AmountRow(props: {
  name: string;
  amount: string;
  unit: string;
  onAmount: (v: string) => void;
  onUnit: (v: string) => void;
}) {
  return (
    <View className="cobuild__row">
      <Input
        className={`cobuild-form__${props.name}`}
        type="number"
        value={props.amount}
        placeholder="数量"
        onChange={props.onAmount}
      />
      <Input
        className="cobuild-form__unit"
        value={props.unit}
        maxLength={6}
        placeholder="单位"
        onChange={props.onUnit}
      />
    </View>
  );
}

/** The 名称 and 具体说明 rows of a need or a resource. */
export const NameRows = observer(
  ({
    form,
    label,
    titleHint,
    descriptionHint,
  }: {
    form: {
      title: string;
      description: string;
      errors: FieldErrors<'title' | 'description'>;
      set(field: 'title' | 'description', value: string): void;
    };
    label: string;
    /** The placeholders. */
    titleHint: string;
    descriptionHint: string;
  }) => (
    <>
      <Field name="title" label={label} error={form.errors.title}>
        <Input
          className="cobuild-form__title"
          value={form.title}
          maxLength={40}
          placeholder={titleHint}
          onChange={(v) => form.set('title', v)}
        />
      </Field>
      <Field name="description" label="具体说明" optional error={form.errors.description}>
        <TextArea
          className="cobuild__textarea cobuild-form__description"
          value={form.description}
          maxLength={500}
          placeholder={descriptionHint}
          onChange={(v) => form.set('description', v)}
        />
      </Field>
    </>
  ),
);
