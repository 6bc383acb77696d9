import { Text } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { Choices } from '../../../../components/staff/Choices';
import { ROUTES } from '../../../../routes';
import { resourceForm as form } from '../../../../stores/cobuild/resources';
import { backOr } from '../../../../utils/navigation';
import { AmountRow, CategoryField, EditForm, itemFormPage, NameRows, saveForm } from '../../lib/FormFrame';
import '../../lib/cobuild.scss';

const save = () => saveForm(form, '已加入资源清单', () => backOr(ROUTES.cobuildResources));

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
  <EditForm form={form} submit={form.isNew ? '加入资源清单' : '保存修改'} onSave={save}>
    <CategoryField form={form} hint="与社区需求同一类别的资源会被推荐匹配" />
    <NameRows
      form={form}
      label="资源名称"
      titleHint="2–40 字，如 医护志愿者义诊"
      descriptionHint="能提供什么、由谁来做"
    />
    <Field name="amount" label="能提供多少" error={form.errors.amount ?? form.errors.unit} hint="如 12 次、5 人">
      <AmountRow
        name="amount"
        amount={form.amount}
        unit={form.unit}
        onAmount={(v) => form.set('amount', v)}
        onUnit={(v) => form.set('unit', v)}
      />
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
  </EditForm>
));

/** 新增资源, or `?id=` 编辑资源 (unit admin). */
const ResourceEdit = itemFormPage({
  form,
  editTitle: '编辑资源',
  openNew: () => form.openNew(),
  locked: '这项资源已用完或已撤回，不能再修改。',
  Form: ResourceForm,
});

export default ResourceEdit;
