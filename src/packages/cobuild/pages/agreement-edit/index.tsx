import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { PROJECT_STATUS_LABELS } from '../../../../../contract/cobuild';
import type { AgreementView } from '../../../../../contract';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Choices } from '../../../../components/staff/Choices';
import { ROUTES } from '../../../../routes';
import { agreementForm as form } from '../../../../stores/cobuild/agreements';
import { Check } from '../../lib/Check';
import { DateRow } from '../../lib/DateRow';
import { EditForm, FormScreen, useOpenForm } from '../../lib/FormFrame';
import '../../lib/cobuild.scss';

const TITLES = { new: null, edit: '修改协议草稿', revise: '起草新版本' } as const;

async function save() {
  const saved = await form.save();
  if (!saved) return;
  void Taro.showToast({ title: '已保存，待双方签署', icon: 'none' });
  void Taro.redirectTo({ url: `${ROUTES.cobuildAgreement}?id=${encodeURIComponent(saved.id)}` });
}

const Projects = observer(() => {
  if (!form.unitId) return <Text className="cobuild__muted">请先选择共建单位</Text>;
  if (form.projectOptions.length === 0)
    return <Text className="cobuild__muted">今年与该单位还没有共建项目，请先在“共建项目”中建立</Text>;
  return (
    <View className="cobuild__rows">
      {form.projectOptions.map((p) => (
        <Check
          key={p.id}
          id={`pick-project-${p.id}`}
          on={form.projectIds.includes(p.id)}
          title={p.title}
          hint={PROJECT_STATUS_LABELS[p.status]}
          onTap={() => form.toggleProject(p.id)}
        />
      ))}
    </View>
  );
});

/** 起草 for a pair that has this year's agreement already: that one is opened instead (修改草稿, 签署, 新版本). */
/** What the caller can do with the pair's agreement, in words (a draft their side signed waits for the other). */
function nextStep(a: AgreementView): string {
  if (a.status !== 'draft') return '请在协议页起草新版本';
  const acts = [a.can.includes('edit') ? '修改' : null, a.can.includes('sign') ? '签署' : null].filter(Boolean);
  return acts.length ? `请在协议页${acts.join('或')}` : '本方已签署，等待对方签署';
}

const PairAgreement = observer(() => {
  const a = form.pairAgreement;
  if (!a) return null;
  return (
    <View className="cobuild__card cobuild-form__existing">
      <Text className="cobuild__line">
        与{a.unitName}今年已有协议（{a.status === 'draft' ? '待签署' : '已签署'}，第 {a.number} 版），{nextStep(a)}。
      </Text>
      <Button
        className="cobuild-form__open-existing"
        onClick={() => void Taro.redirectTo({ url: `${ROUTES.cobuildAgreement}?id=${encodeURIComponent(a.id)}` })}
      >
        打开这份协议
      </Button>
    </View>
  );
});

const AgreementForm = observer(() => (
  <EditForm
    form={form}
    submit="保存草稿"
    onSave={save}
    disabled={form.pairAgreement !== null}
    note="保存后双方在协议页各自签署；任何一方签署后草稿不能再改。"
  >
    {form.mode === 'revise' ? (
      <Text className="cobuild__notice">新版本经双方签署后替代原协议；签署前原协议仍然有效。</Text>
    ) : null}
    {form.choosesUnit ? (
      <Field name="unit" label="共建单位" error={form.errors.unit}>
        {form.unitOptions.length === 0 ? (
          <Text className="cobuild__muted">今年还没有与结对单位的共建项目，请先建立项目</Text>
        ) : (
          <Choices name="unit" options={form.unitOptions} selected={form.unitId || null} onPick={form.pickUnit} />
        )}
      </Field>
    ) : (
      <Field name="unit" label="共建单位" error={form.errors.unit}>
        <Text>
          {form.unitOptions.find((u) => u.value === form.unitId)?.label ?? form.base.value?.unitName ?? '本单位'}
        </Text>
      </Field>
    )}
    <PairAgreement />
    <Field name="projects" label="涵盖的共建项目" error={form.errors.projects} hint="可多选">
      {form.projects.error ? <ErrorNotice error={form.projects.error} onRetry={form.projects.load} /> : <Projects />}
    </Field>
    <Field name="dutiesCommunity" label="社区职责" error={form.errors.dutiesCommunity}>
      <TextArea
        className="cobuild__textarea cobuild-form__duties-community"
        value={form.dutiesCommunity}
        maxLength={1000}
        placeholder="如 摸清居民需求，组织居民参与，提供活动场地"
        onChange={(v) => form.set('dutiesCommunity', v)}
      />
    </Field>
    <Field name="dutiesUnit" label="单位职责" error={form.errors.dutiesUnit}>
      <TextArea
        className="cobuild__textarea cobuild-form__duties-unit"
        value={form.dutiesUnit}
        maxLength={1000}
        placeholder="如 每季度派党员志愿者参加共建项目，提供专业服务"
        onChange={(v) => form.set('dutiesUnit', v)}
      />
    </Field>
    <Field name="periodFrom" label="协议期限" error={form.errors.periodFrom ?? form.errors.periodTo}>
      <View className="cobuild__rows">
        <DateRow
          name="from"
          label="开始"
          value={form.periodFrom}
          placeholder="开始日期"
          onChange={(v) => form.set('periodFrom', v)}
        />
        <DateRow
          name="to"
          label="结束"
          value={form.periodTo}
          placeholder="结束日期"
          onChange={(v) => form.set('periodTo', v)}
        />
      </View>
    </Field>
  </EditForm>
));

/** 起草协议; `?id=` 修改草稿 (nobody signed); `?revises=` 新版本 of a signed one. */
const AgreementEdit = observer(() => {
  const opened = useOpenForm((params) => {
    const mode = params.id ? 'edit' : params.revises ? 'revise' : 'new';
    void form.open(mode, params.id ?? params.revises ?? null);
    return TITLES[mode];
  });
  return (
    <FormScreen opened={opened} ready={form.ready} source={form.base}>
      <AgreementForm />
    </FormScreen>
  );
});

export default AgreementEdit;
