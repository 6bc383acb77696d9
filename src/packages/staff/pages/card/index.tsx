import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Choices } from '../../../../components/staff/Choices';
import { Field } from '../../../../components/Field';
import { Screen } from '../../../../components/Screen';
import { CARD_TITLES, contactCardForm as form } from '../../../../stores/staff/card';
import './index.scss';

async function save() {
  const saved = await form.save();
  if (!saved) return;
  void Taro.showToast({ title: '已保存', icon: 'success' });
  void Taro.navigateBack();
}

const PublishSwitch = observer(
  ({ what, label, disabled }: { what: 'name' | 'phone' | 'photo'; label: string; disabled?: boolean }) => (
    <View className="staff-card__switch">
      <Text>{label}</Text>
      <Switch
        className={`staff-card__publish-${what}`}
        checked={form.published[what]}
        disabled={disabled}
        onChange={(on) => form.setPublished(what, on)}
      />
    </View>
  ),
);

/** 民情联系卡: edit (or add) a grid worker's public card and choose what the grid's residents see. */
const ContactCard = observer(() => {
  if (!form.gridId) {
    return (
      <Screen>
        <EmptyState title="请从“网格员与联系卡”进入" description="先选择网格，再编辑其联系卡" />
      </Screen>
    );
  }
  return (
    <Screen>
      <View className="staff-card">
        <Text className="staff-card__intro">
          {form.isNew ? '为新任网格员添加联系卡。' : '编辑联系卡。'}
          居民只能看到下方开关打开的内容；请先征得本人同意。
        </Text>
        <Field name="title" label="职务">
          <Choices
            name="title"
            options={CARD_TITLES.map((t) => ({ value: t, label: t }))}
            selected={form.title}
            onPick={(t) => form.setTitle(t as (typeof CARD_TITLES)[number])}
          />
        </Field>
        <Field name="name" label="姓名" error={form.errors.name}>
          <Input
            className="staff-card__name"
            value={form.name}
            maxLength={20}
            placeholder="网格员姓名"
            onChange={(v) => form.setField('name', v)}
          />
        </Field>
        <Field name="phone" label="电话" error={form.errors.phone}>
          <Input
            className="staff-card__phone"
            type="tel"
            value={form.phone}
            maxLength={11}
            placeholder="11 位手机号"
            onChange={(v) => form.setField('phone', v)}
          />
        </Field>
        <Field name="duties" label="职责" error={form.errors.duties} hint="2–200 字，居民可见">
          <TextArea
            className="staff-card__duties"
            value={form.duties}
            maxLength={200}
            showCount
            placeholder="例如：负责本网格民情收集、矛盾调解和政策宣传"
            onChange={(v) => form.setField('duties', v)}
          />
        </Field>
        <Field name="published" label="向居民公开">
          <PublishSwitch what="name" label="公开姓名" />
          <PublishSwitch what="phone" label="公开电话" />
          <PublishSwitch what="photo" label={form.photo ? '公开照片' : '公开照片（尚无照片）'} disabled={!form.photo} />
        </Field>
        {form.saving.error ? <ErrorNotice error={form.saving.error} /> : null}
        <View className="staff-card__submit">
          <Button
            className="staff-card__save"
            type="primary"
            block
            loading={form.saving.busy}
            onClick={() => void save()}
          >
            保存联系卡
          </Button>
        </View>
      </View>
    </Screen>
  );
});

export default ContactCard;
