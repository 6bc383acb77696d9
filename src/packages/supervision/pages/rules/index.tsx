import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { SupervisionRulesView } from '../../../../../contract';
import { quarterWords } from '../../../../../contract/quarters';
import {
  BANDS,
  bandText,
  indicatorsOf,
  SUPERVISION_SCOPE_LABELS,
  SUPERVISION_SCOPES,
  type IndicatorSpec,
  type SupervisionRules,
  type SupervisionScope,
} from '../../../../../contract/supervision';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { Segmented } from '../../../../components/staff/Segmented';
import { supervisionRules as form } from '../../../../stores/supervision/supervisionRules';
import {
  bandKey,
  deductionWords,
  DIRECTION_WORDS,
  keyName,
  RULE_FIELD_LABELS,
  ruleFieldsOf,
  ruleKey,
  scopeWeightsKey,
  targetLabel,
  type RuleField,
} from '../../../../utils/rulesFields';
import './index.scss';

const SCOPE_OPTIONS = SUPERVISION_SCOPES.map((s) => ({ key: s, label: SUPERVISION_SCOPE_LABELS[s] }));

/** 当前执行 / 待生效 / 已停用, or replaced before it started (a later version from the same quarter). */
function versionStatus(v: SupervisionRules, view: SupervisionRulesView): string {
  if (v.version === view.current.version) return '当前执行';
  const newer = view.versions.find((w) => w.effectiveFrom === v.effectiveFrom && w.version > v.version);
  if (newer) return `已由第 ${newer.version} 版取代`;
  return v.effectiveFrom > view.current.effectiveFrom ? '待生效' : '已停用';
}

/** The version in force, and every version saved, newest first. */
const Versions = ({ view }: { view: SupervisionRulesView }) => (
  <View className="rules-page__summary">
    <Text className="rules-page__current">
      {`当前执行：第 ${view.current.version} 版（自 ${quarterWords(view.current.effectiveFrom)}起）`}
    </Text>
    <Text className="rules-page__section">历次版本</Text>
    {view.versions.map((v) => {
      const status = versionStatus(v, view);
      return (
        <View key={v.version} className={`rules-page__version rules-page__version--v${v.version}`}>
          <Text className="rules-page__version-name">{`第 ${v.version} 版`}</Text>
          <Text className="rules-page__version-from">{`自${quarterWords(v.effectiveFrom)}起`}</Text>
          <Text
            className={`rules-page__version-status${status === '当前执行' ? ' rules-page__version-status--current' : ''}`}
          >
            {status}
          </Text>
        </View>
      );
    })}
  </View>
);

/** A number field's input, with its unit after it. */
const NumberInput = observer(({ path, unit }: { path: string; unit?: string }) => (
  <View className="rules-form__number">
    <Input
      className={`rules-form__input rules-form__input--${keyName(path)}`}
      type="digit"
      value={form.texts[path] ?? ''}
      placeholder="数字"
      onChange={(v) => form.set(path, v)}
    />
    {unit ? <Text className="rules-form__unit">{unit}</Text> : null}
  </View>
));

const FIELD_HINTS: Partial<Record<RuleField, string>> = {
  floor: '差得再多，此项也不低于这个分数',
};

/** One field of an indicator's rule. */
const RuleRow = observer(
  ({ scope, spec, field }: { scope: SupervisionScope; spec: IndicatorSpec; field: RuleField }) => {
    const path = ruleKey(scope, spec.key, field);
    const label = field === 'target' ? targetLabel(spec) : RULE_FIELD_LABELS[field];
    if (field === 'deduction') {
      const words = deductionWords(spec);
      // A row of its own: the words around the number are long.
      return (
        <View className="rules-form__wide">
          <Field name={keyName(path)} label={label} error={form.errors[path]}>
            <View className="rules-form__deduction">
              <Text>{words.before}</Text>
              <NumberInput path={path} unit={words.after} />
            </View>
          </Field>
        </View>
      );
    }
    return (
      <Field name={keyName(path)} label={label} hint={FIELD_HINTS[field]} error={form.errors[path]}>
        <NumberInput path={path} unit={field === 'weight' || field === 'floor' ? '分' : spec.unit} />
      </Field>
    );
  },
);

const IndicatorCard = ({ scope, spec }: { scope: SupervisionScope; spec: IndicatorSpec }) => (
  <View className={`rules-form__indicator rules-form__indicator--${spec.key}`}>
    <View className="rules-form__indicator-head">
      <Text className="rules-form__indicator-name">{spec.label}</Text>
      <Text className="rules-form__indicator-way">
        {`单位：${spec.unit === '%' ? '百分比' : spec.unit}，${DIRECTION_WORDS[spec.better]}`}
      </Text>
    </View>
    <View className="rules-form__grid">
      {ruleFieldsOf(spec).map((field) => (
        <RuleRow key={field} scope={scope} spec={spec} field={field} />
      ))}
    </View>
  </View>
);

/** A scope's indicators, the sum of its weights and its band lines. */
const ScopeForm = observer(({ scope }: { scope: SupervisionScope }) => {
  const weightsError = form.errors[scopeWeightsKey(scope)];
  return (
    <View className="rules-form__scope">
      {indicatorsOf(scope).map((spec) => (
        <IndicatorCard key={spec.key} scope={scope} spec={spec} />
      ))}
      <View className={`rules-form__weights${weightsError ? ' rules-form__weights--invalid' : ''}`}>
        <Text className="rules-form__weights-sum">{`权重合计 ${form.weightSum(scope)}`}</Text>
        <Text className="rules-form__hint">总分按各项权重折算为百分制，合计不必正好是 100</Text>
        {weightsError ? <Text className="rules-form__error rules-form__error--weights">{weightsError}</Text> : null}
      </View>
      <View className="rules-form__bands">
        <Text className="rules-form__section">{`${SUPERVISION_SCOPE_LABELS[scope]}的等次分数线`}</Text>
        <Field
          name={keyName(bandKey(scope, 'good'))}
          label={`${bandText('good')}分数线`}
          hint={`总分不低于此线为“${BANDS.good.label}”`}
          error={form.errors[bandKey(scope, 'good')]}
        >
          <NumberInput path={bandKey(scope, 'good')} unit="分" />
        </Field>
        <Field
          name={keyName(bandKey(scope, 'watch'))}
          label={`${bandText('watch')}分数线`}
          hint={`总分不低于此线为“${BANDS.watch.label}”，低于此线为${bandText('behind')}`}
          error={form.errors[bandKey(scope, 'watch')]}
        >
          <NumberInput path={bandKey(scope, 'watch')} unit="分" />
        </Field>
      </View>
    </View>
  );
});

/** 生效季度: the earliest quarter the server takes and the three after it. */
const EffectiveFrom = observer(({ view }: { view: SupervisionRulesView }) => {
  const replaced = view.versions.find((v) => v.effectiveFrom === form.effectiveFrom);
  return (
    <Field
      name="effectiveFrom"
      label="生效季度"
      error={form.errors.effectiveFrom}
      hint={
        replaced
          ? `第 ${replaced.version} 版也自${quarterWords(replaced.effectiveFrom)}起生效，新版本保存后将取代它`
          : '从所选季度起按新规则评分；已经开始的季度仍按原规则'
      }
    >
      <Choices
        name="effectiveFrom"
        options={form.quarters.map((q) => ({ value: q, label: quarterWords(q) }))}
        selected={form.effectiveFrom}
        onPick={form.pickQuarter}
      />
    </Field>
  );
});

/** What stands between the form and saving: this tab's problems, the other tabs', the server's answer. */
const Problems = observer(() => {
  const here = form.problemLines(form.scope);
  const others = SUPERVISION_SCOPES.filter((s) => s !== form.scope && form.problemsIn(s) > 0);
  const general = [...(form.errors.effectiveFrom ? [form.errors.effectiveFrom] : []), ...form.unplaced];
  if (here.length === 0 && others.length === 0 && general.length === 0) return null;
  return (
    <View className="rules-form__problems">
      {here.length > 0 ? (
        <>
          <Text className="rules-form__problems-title">{`本页有 ${here.length} 处需要修改：`}</Text>
          {here.map((line) => (
            <Text key={line} className="rules-form__problem">
              {line}
            </Text>
          ))}
        </>
      ) : null}
      {general.map((line) => (
        <Text key={line} className="rules-form__problem">
          {line}
        </Text>
      ))}
      {others.map((s) => (
        <View key={s} className={`rules-form__elsewhere rules-form__elsewhere--${s}`}>
          <Text>{`“${SUPERVISION_SCOPE_LABELS[s]}”中有 ${form.problemsIn(s)} 处需要修改`}</Text>
          <Button className={`rules-form__go rules-form__go--${s}`} size="small" onClick={() => form.setScope(s)}>
            去修改
          </Button>
        </View>
      ))}
    </View>
  );
});

/** The server's refusal: CONFLICT with 刷新 (what was typed stays), anything else as it is. */
const SaveError = observer(() => {
  const error = form.saving.error;
  if (!error) return null;
  if (form.conflict)
    return (
      <View className="rules-form__conflict">
        <Text className="rules-form__conflict-message">{error.message}</Text>
        <Button
          className="rules-form__refresh"
          size="small"
          loading={form.view.loading}
          onClick={() => void form.refresh()}
        >
          刷新
        </Button>
      </View>
    );
  return <ErrorNotice error={error} />;
});

async function save() {
  const saved = await form.save();
  if (!saved) return;
  void Taro.showToast({ title: `已保存，自${quarterWords(saved.effectiveFrom)}起生效`, icon: 'none' });
}

const RulesForm = observer(({ view }: { view: SupervisionRulesView }) => (
  <View className="rules-form">
    <View className="rules-form__intro">
      <Text className="rules-form__title">{`修改评分规则（保存为第 ${form.nextVersion} 版）`}</Text>
      <Text className="rules-form__hint">
        {`以第 ${form.nextVersion - 1} 版为基础填好了各项。每项指标达到目标得满分（权重），差多少按扣分标准扣分，但不低于最低得分。`}
      </Text>
    </View>
    <Segmented options={SCOPE_OPTIONS} value={form.scope} onChange={form.setScope} />
    <ScopeForm scope={form.scope} />
    <EffectiveFrom view={view} />
    <View className="rules-form__submit">
      <Problems />
      <SaveError />
      <Button className="rules-form__save" type="primary" block loading={form.saving.busy} onClick={() => void save()}>
        {`保存为第 ${form.nextVersion} 版`}
      </Button>
    </View>
  </View>
));

/**
 * 督导评分规则 (county admin): the version in force and those saved; the next version's form,
 * filled from the latest, saved as a new version effective from a coming quarter. Anyone else is
 * refused by the server (FORBIDDEN), said as it is.
 */
const RulesPage = observer(() => {
  useLoad(() => void form.open());
  const view = form.view.value;
  if (!form.base || !view) {
    return (
      <Screen>
        {form.view.error ? (
          <ErrorNotice
            error={form.view.error}
            onRetry={form.view.error.code === 'FORBIDDEN' ? undefined : () => void form.open()}
          />
        ) : (
          <Loading />
        )}
      </Screen>
    );
  }
  return (
    <Screen>
      <Versions view={view} />
      {form.notice ? <Text className="rules-page__notice">{form.notice}</Text> : null}
      {form.view.error ? <ErrorNotice error={form.view.error} onRetry={() => void form.refresh()} /> : null}
      <RulesForm view={view} />
    </Screen>
  );
});

export default RulesPage;
