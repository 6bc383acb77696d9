import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { NEED_STATUS_LABELS, RESOURCE_STATUS_LABELS } from '../../../../../contract/cobuild';
import { COBUILD_MILESTONES } from '../../../../../contract/limits';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { ROUTES } from '../../../../routes';
import { projectForm as form } from '../../../../stores/cobuild/projects';
import { Check } from '../../lib/Check';
import { DateRow } from '../../lib/DateRow';
import { EditForm, itemFormPage, saveForm } from '../../lib/FormFrame';
import '../../lib/cobuild.scss';

const save = () =>
  saveForm(form, '已建立项目', (saved, wasNew) => {
    if (wasNew) void Taro.redirectTo({ url: `${ROUTES.cobuildProject}?id=${encodeURIComponent(saved.id)}` });
    else void Taro.navigateBack();
  });

const Needs = observer(() => {
  const { needs } = form;
  if (needs.error) return <ErrorNotice error={needs.error} onRetry={needs.load} />;
  if (!needs.value) return <Loading />;
  if (form.needOptions.length === 0) return <Text className="cobuild__muted">需求清单中没有待对接的需求</Text>;
  return (
    <View className="cobuild__rows">
      {form.needOptions.map((n) => (
        <Check
          key={n.id}
          id={`pick-need-${n.id}`}
          on={form.needIds.includes(n.id)}
          title={n.title}
          hint={`${n.category} · ${n.quantity} ${n.quantityUnit} · ${NEED_STATUS_LABELS[n.status]}`}
          onTap={() => form.toggleNeed(n.id)}
        />
      ))}
    </View>
  );
});

const Resources = observer(() => {
  const { resources } = form;
  if (resources.error) return <ErrorNotice error={resources.error} onRetry={resources.load} />;
  if (!resources.value) return <Loading />;
  if (form.resourceOptions.length === 0)
    return <Text className="cobuild__muted">结对单位的资源清单中没有可用的资源</Text>;
  return (
    <View className="cobuild__rows">
      {form.resourceOptions.map((r) => (
        <Check
          key={r.id}
          id={`pick-resource-${r.id}`}
          on={form.resourceIds.includes(r.id)}
          title={`${r.unitName}：${r.title}`}
          hint={`${r.category} · ${r.capacity.amount} ${r.capacity.unit} · ${RESOURCE_STATUS_LABELS[r.status]}`}
          onTap={() => form.toggleResource(r.id)}
        />
      ))}
    </View>
  );
});

const Milestones = observer(() => (
  <View className="cobuild__rows">
    {form.milestones.map((m, i) => (
      <View key={m.key} className={`cobuild__milestone cobuild__milestone--${i + 1}`}>
        <Input
          className="cobuild-form__milestone-title"
          value={m.title}
          maxLength={40}
          placeholder={`第 ${i + 1} 个节点，如 完成第一次上门服务`}
          onChange={(v) => form.setMilestone(m.key, { title: v })}
        />
        <DateRow
          name={`due-${i + 1}`}
          value={m.dueAt}
          placeholder="完成日期"
          onChange={(v) => form.setMilestone(m.key, { dueAt: v })}
        />
        {form.milestones.length > 1 ? (
          <Text className="cobuild__link cobuild-form__milestone-remove" onClick={() => form.removeMilestone(m.key)}>
            删除这个节点
          </Text>
        ) : null}
      </View>
    ))}
    {form.milestones.length < COBUILD_MILESTONES.max ? (
      <Button className="cobuild-form__milestone-add" onClick={form.addMilestone}>
        添加节点
      </Button>
    ) : null}
  </View>
));

const ProjectForm = observer(() => (
  <EditForm
    form={form}
    submit={form.isNew ? '建立项目' : '保存修改'}
    onSave={save}
    note={form.isNew ? '建立后为“计划中”，双方确认后启动' : null}
  >
    <Field name="title" label="项目名称" error={form.errors.title}>
      <Input
        className="cobuild-form__title"
        value={form.title}
        maxLength={40}
        placeholder="2–40 字，如 银龄助餐共建行动"
        onChange={form.setTitle}
      />
    </Field>
    <Field name="goal" label="项目目标" error={form.errors.goal}>
      <TextArea
        className="cobuild__textarea cobuild-form__goal"
        value={form.goal}
        maxLength={500}
        placeholder="要达到什么效果，惠及哪些居民"
        onChange={form.setGoal}
      />
    </Field>
    <Field name="needs" label="对接的需求" error={form.errors.needs} hint="可多选">
      <Needs />
    </Field>
    <Field name="resources" label="投入的资源" error={form.errors.resources} hint="可多选，来自结对单位的资源清单">
      <Resources />
    </Field>
    <Field name="milestones" label="进度节点" error={form.errors.milestones} hint="每个节点写明完成日期">
      <Milestones />
    </Field>
    <Field name="leadCommunity" label="社区负责人" error={form.errors.leadCommunity}>
      <Input
        className="cobuild-form__lead-community"
        value={form.leadCommunityName}
        maxLength={20}
        placeholder="姓名"
        onChange={form.setLeadCommunity}
      />
    </Field>
    <Field name="leadUnit" label="单位负责人" error={form.errors.leadUnit}>
      <Input
        className="cobuild-form__lead-unit"
        value={form.leadUnitName}
        maxLength={20}
        placeholder="姓名"
        onChange={form.setLeadUnit}
      />
    </Field>
  </EditForm>
));

/** 新建共建项目 (`?needId=&resourceId=` chosen from 匹配资源), or `?id=` 编辑 a planned one. */
const ProjectEdit = itemFormPage({
  form,
  editTitle: '编辑共建项目',
  openNew: (params) => form.openNew({ needId: params.needId, resourceId: params.resourceId }),
  locked: '只有计划中的项目可以修改，这个项目已启动或已结束。',
  Form: ProjectForm,
});

export default ProjectEdit;
