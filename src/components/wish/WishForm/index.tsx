import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ReactNode } from 'react';
import type { WishView } from '../../../../contract';
import type { WishCategory } from '../../../../contract/wishLabels';
import { ROUTES } from '../../../routes';
import type { PhotoSet } from '../../../stores/photos';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, WISH_PHOTOS_MAX } from '../../../stores/wishContent';
import { ErrorNotice } from '../../ErrorNotice';
import { Field } from '../../Field';
import type { CloudError } from '../../../services/CloudError';
import { Chips } from '../Chips';
import { CATEGORY_CHIPS, categoryOfChip, chipOfCategory } from '../labels';
import { PhotoPicker } from '../PhotoPicker';
import { StatusTag } from '../StatusTag';
import './index.scss';

/** What both wish forms (许个心愿, 代居民提交) hold for the fields they share. */
export interface WishContentForm {
  category: WishCategory | null;
  description: string;
  length: number;
  photos: PhotoSet;
  errors: Partial<Record<'category' | 'description' | 'photos', string>>;
  setCategory(category: string): void;
  setDescription(value: string): void;
}

/**
 * The fields a wish is made of: category, description with its counter, up to 3 photos. Each
 * element carries the shared `wish-form__*` class (styled here) and the page's own
 * `<prefix>__*` class.
 */
export const WishContentFields = observer(
  ({ form, prefix, placeholder }: { form: WishContentForm; prefix: string; placeholder: string }) => (
    <>
      <Field label="心愿类别" name="category" error={form.errors.category}>
        <Chips
          name="category"
          chips={CATEGORY_CHIPS}
          value={chipOfCategory(form.category)}
          onPick={(key) => form.setCategory(categoryOfChip(key) ?? '')}
        />
      </Field>
      <Field label="心愿内容" name="description" error={form.errors.description}>
        <TextArea
          className={`wish-form__description ${prefix}__description`}
          value={form.description}
          placeholder={placeholder}
          maxLength={DESCRIPTION_MAX}
          autoSize
          onChange={form.setDescription}
        />
        <Text
          className={`wish-form__counter ${prefix}__counter${form.length < DESCRIPTION_MIN ? ` wish-form__counter--short ${prefix}__counter--short` : ''}`}
        >
          已写 {form.length}/{DESCRIPTION_MAX} 字（至少 {DESCRIPTION_MIN} 个字）
        </Text>
      </Field>
      <Field label={`照片（最多 ${WISH_PHOTOS_MAX} 张）`} name="photos" optional error={form.errors.photos}>
        <PhotoPicker set={form.photos} name={prefix.replace(/^wish-/, '')} />
      </Field>
    </>
  ),
);

/** The form's server error and its big submit button. */
export const WishFormSubmit = observer(
  ({
    prefix,
    error,
    saving,
    label,
    onSubmit,
  }: {
    prefix: string;
    error: CloudError | null;
    saving: boolean;
    label: string;
    onSubmit: () => void;
  }) => (
    <>
      {error ? <ErrorNotice error={error} /> : null}
      <View className={`wish-form__actions ${prefix}__actions`}>
        <Button
          className={`wish-form__submit ${prefix}__submit`}
          type="primary"
          size="large"
          block
          loading={saving}
          onClick={onSubmit}
        >
          {label}
        </Button>
      </View>
    </>
  ),
);

/** After submitting: a tick, what happens next, the wish, 查看心愿, and the page's second button. */
export function WishSubmitted({
  wish,
  prefix,
  title,
  text,
  children,
}: {
  wish: WishView;
  prefix: string;
  title: string;
  text: ReactNode;
  children: ReactNode;
}) {
  const c = (name: string) => `wish-form__${name} ${prefix}__${name}`;
  return (
    <View className={c('done')}>
      <Text className={c('done-mark')}>✓</Text>
      <Text className={c('done-title')}>{title}</Text>
      <Text className={c('done-text')}>{text}</Text>
      <View className={c('done-wish')}>
        <View className={c('done-head')}>
          <Text className={c('done-category')}>{wish.category}</Text>
          <StatusTag status={wish.status} />
        </View>
        <Text className={c('done-description')}>{wish.description}</Text>
      </View>
      <Button
        className={c('view')}
        type="primary"
        size="large"
        block
        onClick={() => void Taro.redirectTo({ url: `${ROUTES.wishDetail}?id=${encodeURIComponent(wish.id)}` })}
      >
        查看心愿
      </Button>
      {children}
    </View>
  );
}
