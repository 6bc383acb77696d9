import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Choices, type Choice } from '../../../../components/staff/Choices';
import { Field } from '../../../../components/Field';
import { Screen, usePageTitle } from '../../../../components/Screen';
import { UserSearchPanel } from '../../../../components/staff/UserSearchPanel';
import {
  CORNERS,
  cornerKeys,
  isDirectoryKind,
  KIND_LABELS,
  STATION_AMENITIES,
  STATION_SERVICES,
  UNIT_KIND_LABELS,
  PARTY_ORG_KIND_OPTIONS,
  UNIT_KINDS,
  type FieldSpec,
  type OptionSource,
} from '../../../../utils/directoryKinds';
import { directoryEntryForm as form } from '../../../../stores/staff/directoryForm';
import { directory } from '../../../../stores/directory';
import './index.scss';

function optionsOf(source: OptionSource): Choice[] {
  switch (source) {
    case 'communities':
      return (directory.communities.value ?? []).map((c) => ({ value: c.id, label: c.name }));
    case 'grids': {
      const detail = form.communityId ? directory.community(form.communityId).value : null;
      return (detail?.grids ?? []).map((g) => ({ value: g.id, label: g.name }));
    }
    case 'unitKinds':
      return UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));
    case 'partyOrgKinds':
      return PARTY_ORG_KIND_OPTIONS;
    case 'services':
      return STATION_SERVICES.map((s) => ({ value: s, label: s }));
    case 'amenities':
      return STATION_AMENITIES.map((a) => ({ value: a, label: a }));
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const Control = observer(({ spec }: { spec: FieldSpec }) => {
  const value = form.values[spec.key];
  switch (spec.type) {
    case 'choice': {
      const options = optionsOf(spec.source);
      if (spec.lockedOnEdit && !form.isNew) {
        return <Text>{options.find((o) => o.value === value)?.label ?? str(value)}</Text>;
      }
      return <Choices name={spec.key} options={options} selected={str(value)} onPick={(v) => form.set(spec.key, v)} />;
    }
    case 'multi':
      return (
        <Choices
          name={spec.key}
          options={optionsOf(spec.source)}
          selected={Array.isArray(value) ? value : []}
          onPick={(v) => form.toggle(spec.key, v)}
        />
      );
    case 'switch':
      return <Switch checked={value === true} onChange={(on) => form.set(spec.key, on)} />;
    case 'account':
      return <AccountControl spec={spec} />;
    case 'text':
      if (spec.multiline) {
        return <TextArea value={str(value)} maxLength={spec.max} onChange={(v) => form.set(spec.key, v)} />;
      }
      return (
        <Input
          className={`staff-entry__input staff-entry__input--${spec.key}`}
          value={str(value)}
          maxLength={spec.max}
          placeholder={spec.placeholder ?? `${spec.min}–${spec.max} 字`}
          onChange={(v) => form.set(spec.key, v)}
        />
      );
    case 'number':
      return (
        <Input
          className={`staff-entry__input staff-entry__input--${spec.key}`}
          type="digit"
          value={str(value)}
          placeholder={spec.placeholder ?? `${spec.min}–${spec.max}`}
          onChange={(v) => form.set(spec.key, v)}
        />
      );
    default:
      return (
        <Input
          className={`staff-entry__input staff-entry__input--${spec.key}`}
          type={spec.type === 'phone' ? 'tel' : 'text'}
          value={str(value)}
          placeholder={spec.type === 'hours' ? '08:00-20:00' : spec.type === 'phone' ? '11 位手机号' : '姓名'}
          onChange={(v) => form.set(spec.key, v)}
        />
      );
  }
});

/** An account field: who it links now, unlink, or find a person by name or phone and link them. */
const AccountControl = observer(({ spec }: { spec: Extract<FieldSpec, { type: 'account' }> }) => {
  const openid = str(form.values[spec.key]);
  return (
    <View className="staff-entry__account">
      <Text className="staff-entry__hint">{spec.hint}</Text>
      <View className="staff-entry__account-now">
        <Text className="staff-entry__account-name">
          {openid
            ? form.accountNames[openid]
              ? `已关联：${form.accountNames[openid]}`
              : '已关联联络人的账号'
            : '未关联账号'}
        </Text>
        {openid ? (
          <Button size="small" onClick={() => form.pickAccount(spec.key, null)}>
            取消关联
          </Button>
        ) : null}
      </View>
      <UserSearchPanel
        search={form.accountSearch}
        placeholder="联络人姓名或手机号"
        emptyTitle="没有找到此人，请确认对方已登录过小程序"
        emptyDescription="可以只输入姓名中的一两个字，或输入完整手机号"
        action={(user) => (
          <Button size="small" type="primary" onClick={() => form.pickAccount(spec.key, user)}>
            关联
          </Button>
        )}
      />
    </View>
  );
});

/** A new grid's boundary: the four corners, each a longitude and a latitude (GCJ-02). */
const Corners = observer(() => (
  <Field
    name="corners"
    label="边界（四个角点的经纬度）"
    hint="在腾讯或高德地图上取点，按 西南 → 东南 → 东北 → 西北 的顺序填写"
  >
    {CORNERS.map((corner, i) => {
      const keys = cornerKeys(i);
      const error = form.errors[keys.lng] ?? form.errors[keys.lat];
      return (
        <View key={corner} className="staff-entry__corner">
          <Text className="staff-entry__corner-label">{corner}</Text>
          <Input
            className={`staff-entry__input staff-entry__input--${keys.lng}`}
            type="digit"
            value={str(form.values[keys.lng])}
            placeholder="经度 如 115.36"
            onChange={(v) => form.set(keys.lng, v)}
          />
          <Input
            className={`staff-entry__input staff-entry__input--${keys.lat}`}
            type="digit"
            value={str(form.values[keys.lat])}
            placeholder="纬度 如 26.33"
            onChange={(v) => form.set(keys.lat, v)}
          />
          {error ? <Text className="staff-entry__corner-error">{error}</Text> : null}
        </View>
      );
    })}
  </Field>
));

async function save() {
  const id = await form.save();
  if (!id) return;
  void Taro.showToast({ title: '已保存', icon: 'success' });
  void Taro.navigateBack();
}

/** The county admin's form for one directory entry: create one, or edit one as it is stored. */
const DirectoryEntry = observer(() => {
  // This page's own opening: until it runs, the form still holds the entry opened before.
  const [opening, setOpening] = useState<'none' | 'opened' | 'pending'>('pending');
  const [title, setTitle] = useState<string | null>(null);
  usePageTitle(title);
  useLoad((params: Record<string, string | undefined>) => {
    const kind = params.kind && isDirectoryKind(params.kind) ? params.kind : null;
    setOpening(kind ? 'opened' : 'none');
    if (!kind) return;
    directory.communities.ensure();
    // A community's paired units are shown by name.
    if (kind === 'community') directory.units.ensure();
    if (params.communityId) directory.community(params.communityId).ensure();
    void form.open(kind, params.id ?? null, params.communityId ?? null, params.gridId);
    setTitle(`${params.id ? '编辑' : '新建'}${KIND_LABELS[kind]}`);
  });
  if (opening === 'none' || !form.opened) {
    return (
      <Screen>
        <EmptyState
          title="请从“目录管理”选择要编辑的内容"
          description="在“目录管理”中点某一项的“编辑”，或点“新建”按钮"
        />
      </Screen>
    );
  }
  if (form.loadError) {
    return (
      <Screen>
        <ErrorNotice error={form.loadError} onRetry={() => void form.open(form.kind, form.id, form.communityId)} />
      </Screen>
    );
  }
  if (opening === 'pending' || form.loading) {
    return (
      <Screen>
        <View className="staff-entry__loading">加载中…</View>
      </Screen>
    );
  }
  return (
    <Screen>
      <View className="staff-entry">
        {form.fields.map((spec) => (
          <Field
            key={spec.key}
            name={spec.key}
            label={spec.label}
            optional={spec.type === 'multi'}
            hint={spec.type === 'number' ? spec.hint : undefined}
            error={form.errors[spec.key]}
          >
            <Control spec={spec} />
          </Field>
        ))}
        {form.kind === 'community' && !form.isNew ? (
          <Field name="pairedUnitIds" label="结对单位" hint="结对关系在单位中修改">
            <Text>{form.pairedUnitIds.map((id) => directory.unitName(id) ?? id).join('、') || '（无）'}</Text>
          </Field>
        ) : null}
        {form.needsCorners ? <Corners /> : null}
        {!form.isNew && form.boundary ? (
          <Field name="boundary" label="边界">
            <Text>沿用现有边界（{form.boundary.coordinates[0]?.length ?? 0} 个点）</Text>
          </Field>
        ) : null}
        {form.saving.error ? <ErrorNotice error={form.saving.error} /> : null}
        <View className="staff-entry__submit">
          <Button
            className="staff-entry__save"
            type="primary"
            block
            loading={form.saving.busy}
            onClick={() => void save()}
          >
            保存
          </Button>
        </View>
      </View>
    </Screen>
  );
});

export default DirectoryEntry;
