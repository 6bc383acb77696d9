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
import { resourceForm as form } from '../../../../stores/cobuild/resources';
import { backOr } from '../../../../utils/navigation';
import '../../lib/cobuild.scss';

const CATEGORIES = COBUILD_CATEGORIES.map((c) => ({ value: c, label: c }));

async function save() {
  const wasNew = form.isNew;
  const saved = await form.save();
  if (!saved) return;
  void Taro.showToast({ title: wasNew ? '已加入资源清单' : '已保存', icon: 'success' });
  backOr(ROUTES.cobuildResources);
}

const Liaison = observer(() => {
  const { members } = form;
  if (members.error) return <ErrorNotice error={members.error} onRetry={members.load} />;
  if (!members.value) return <Loading text="正在读取本单位党员…" />;
  if (form.liaisons.length === 0)
    return <Text className="cobuild__muted">本单位还没有已报到的党员，党员到社区报到并经审核后可选为联络人</Text>;
  return (
    <Choices name="liaison" options={form.liaisons} selected={form.liaisonOpenid || null} onPick={form.pickLiaison} />
  );
});

const ResourceForm = observer(() => (
  <View className="cobuild-form">
    <Field name="category" label="类别" error={form.errors.category} hint="与社区需求同一类别的资源会被推荐匹配">
      <Choices name="category" options={CATEGORIES} selected={form.category || null} onPick={form.setCategory} />
    </Field>
    <Field name="title" label="资源名称" error={form.errors.title}>
      <Input
        className="cobuild-form__title"
        value={form.title}
        maxLength={40}
        placeholder="2–40 字，如 医护志愿者义诊"
        onChange={(v) => form.set('title', v)}
      />
    </Field>
    <Field name="description" label="具体说明" optional error={form.errors.description}>
      <TextArea
        className="cobuild__textarea cobuild-form__description"
        value={form.description}
        maxLength={500}
        placeholder="能提供什么、由谁来做"
        onChange={(v) => form.set('description', v)}
      />
    </Field>
    <Field name="amount" label="能提供多少" error={form.errors.amount ?? form.errors.unit} hint="如 12 次、5 人">
      <View className="cobuild__row">
        <Input
          className="cobuild-form__amount"
          type="number"
          value={form.amount}
          placeholder="数量"
          onChange={(v) => form.set('amount', v)}
        />
        <Input
          className="cobuild-form__unit"
          value={form.unit}
          maxLength={6}
          placeholder="单位"
          onChange={(v) => form.set('unit', v)}
        />
      </View>
    </Field>
    <Field name="frequency" label="频次" error={form.errors.frequency}>
      <Input
        className="cobuild-form__frequency"
        value={form.frequency}
        maxLength={60}
        placeholder="如 每月一次"
        onChange={(v) => form.set('frequency', v)}
      />
    </Field>
    <Field name="availability" label="可提供的时间" error={form.errors.availability}>
      <Input
        className="cobuild-form__availability"
        value={form.availability}
        maxLength={60}
        placeholder="如 周末全天、工作日晚上"
        onChange={(v) => form.set('availability', v)}
      />
    </Field>
    <Field name="liaison" label="联络人" error={form.errors.liaison} hint="本单位已报到的党员">
      <Liaison />
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
        {form.isNew ? '加入资源清单' : '保存修改'}
      </Button>
    </View>
  </View>
));

/** 新增资源, or `?id=` 编辑资源 (unit admin). */
const ResourceEdit = observer(() => {
  const [opened, setOpened] = useState(false);
  const [editing, setEditing] = useState(false);
  usePageTitle(editing ? '编辑资源' : null);
  useLoad((params: Record<string, string | undefined>) => {
    if (params.id) {
      setEditing(true);
      void form.openEdit(params.id);
    } else form.openNew();
    setOpened(true);
  });
  let body = <ResourceForm />;
  if (opened && form.original.error) body = <ErrorNotice error={form.original.error} onRetry={form.original.load} />;
  else if (!opened || !form.ready) body = <Loading />;
  else if (form.locked) body = <Text className="cobuild__invalid">这项资源已用完或已撤回，不能再修改。</Text>;
  return <Screen>{body}</Screen>;
});

export default ResourceEdit;
