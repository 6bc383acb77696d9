import { Input } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { Field } from '../../../../components/Field';
import { ROUTES } from '../../../../routes';
import { needForm as form } from '../../../../stores/cobuild/needs';
import { today } from '../../../../utils/date';
import { backOr } from '../../../../utils/navigation';
import { DateRow } from '../../lib/DateRow';
import { AmountRow, CategoryField, EditForm, itemFormPage, NameRows, saveForm } from '../../lib/FormFrame';
import '../../lib/cobuild.scss';

const save = () => saveForm(form, '已加入需求清单', () => backOr(ROUTES.cobuildNeeds));

const NeedForm = observer(() => (
  <EditForm form={form} submit={form.isNew ? '加入需求清单' : '保存修改'} onSave={save}>
    <CategoryField form={form} />
    <NameRows
      form={form}
      label="需求名称"
      titleHint="2–40 字，如 独居老人上门理发"
      descriptionHint="需要做什么、在哪里、帮助哪些居民"
    />
    <Field name="quantity" label="数量" error={form.errors.quantity ?? form.errors.quantityUnit} hint="如 10 次、20 户">
      <AmountRow
        name="quantity"
        amount={form.quantity}
        unit={form.quantityUnit}
        onAmount={(v) => form.set('quantity', v)}
        onUnit={(v) => form.set('quantityUnit', v)}
      />
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
  </EditForm>
));

/** 新增需求, or `?id=` 编辑需求 (secretary). */
const NeedEdit = itemFormPage({
  form,
  editTitle: '编辑需求',
  openNew: () => form.openNew(),
  locked: '这条需求已完成或已关闭，不能再修改。',
  Form: NeedForm,
});

export default NeedEdit;
