import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import { COBUILD_CATEGORIES } from '../../../../../contract/cobuild';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { Screen, usePageTitle } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { ROUTES } from '../../../../routes';
import { needForm as form } from '../../../../stores/cobuild/needs';
import { today } from '../../../../utils/date';
import { backOr } from '../../../../utils/navigation';
import { DateRow } from '../../lib/DateRow';
import '../../lib/cobuild.scss';

const CATEGORIES = COBUILD_CATEGORIES.map((c) => ({ value: c, label: c }));

async function save() {
  const wasNew = form.isNew;
  const saved = await form.save();
  if (!saved) return;
  void Taro.showToast({ title: wasNew ? '已加入需求清单' : '已保存', icon: 'success' });
  backOr(ROUTES.cobuildNeeds);
}

const NeedForm = observer(() => (
  <View className="cobuild-form">
    <Field name="category" label="类别" error={form.errors.category}>
      <Choices name="category" options={CATEGORIES} selected={form.category || null} onPick={form.setCategory} />
    </Field>
    <Field name="title" label="需求名称" error={form.errors.title}>
      <Input
        className="cobuild-form__title"
        value={form.title}
        maxLength={40}
        placeholder="2–40 字，如 独居老人上门理发"
        onChange={(v) => form.set('title', v)}
      />
    </Field>
    <Field name="description" label="具体说明" optional error={form.errors.description}>
      <TextArea
        className="cobuild__textarea cobuild-form__description"
        value={form.description}
        maxLength={500}
        placeholder="需要做什么、在哪里、帮助哪些居民"
        onChange={(v) => form.set('description', v)}
      />
    </Field>
    <Field name="quantity" label="数量" error={form.errors.quantity ?? form.errors.quantityUnit} hint="如 10 次、20 户">
      <View className="cobuild__row">
        <Input
          className="cobuild-form__quantity"
          type="number"
          value={form.quantity}
          placeholder="数量"
          onChange={(v) => form.set('quantity', v)}
        />
        <Input
          className="cobuild-form__unit"
          value={form.quantityUnit}
          maxLength={6}
          placeholder="单位"
          onChange={(v) => form.set('quantityUnit', v)}
        />
      </View>
    </Field>
    <Field name="wantedBy" label="需要在何时前" error={form.errors.wantedBy}>
      <DateRow
        name="wantedBy"
        value={form.wantedBy}
        placeholder="选择日期"
        start={form.isNew ? today() : undefined}
        onChange={(v) => form.set('wantedBy', v)}
      />
    </Field>
    <Field name="contactName" label="社区联系人" error={form.errors.contactName}>
      <Input
        className="cobuild-form__contact-name"
        value={form.contactName}
        maxLength={20}
        placeholder="姓名"
        onChange={(v) => form.set('contactName', v)}
      />
    </Field>
    <Field name="contactPhone" label="联系电话" error={form.errors.contactPhone}>
      <Input
        className="cobuild-form__contact-phone"
        type="number"
        value={form.contactPhone}
        maxLength={11}
        placeholder="手机号"
        onChange={(v) => form.set('contactPhone', v)}
      />
    </Field>
    {form.saving.error && form.saving.error.code !== 'INVALID_INPUT' ? <ErrorNotice error={form.saving.error} /> : null}
    {Object.keys(form.errors).length > 0 ? <Text className="cobuild__invalid">请按提示修改标红的项目</Text> : null}
    <View className="cobuild__submit">
      <Button
        className="cobuild-form__save"
        type="primary"
        size="large"
        block
        loading={form.saving.busy}
        onClick={() => void save()}
      >
        {form.isNew ? '加入需求清单' : '保存修改'}
      </Button>
    </View>
  </View>
));

/** 新增需求, or `?id=` 编辑需求 (secretary). */
const NeedEdit = observer(() => {
  const [opened, setOpened] = useState(false);
  const [editing, setEditing] = useState(false);
  usePageTitle(editing ? '编辑需求' : null);
  useLoad((params: Record<string, string | undefined>) => {
    if (params.id) {
      setEditing(true);
      void form.openEdit(params.id);
    } else form.openNew();
    setOpened(true);
  });
  let body = <NeedForm />;
  if (opened && form.original.error) body = <ErrorNotice error={form.original.error} onRetry={form.original.load} />;
  else if (!opened || !form.ready) body = <Loading />;
  else if (form.locked) body = <Text className="cobuild__invalid">这条需求已完成或已关闭，不能再修改。</Text>;
  return <Screen>{body}</Screen>;
});

export default NeedEdit;
