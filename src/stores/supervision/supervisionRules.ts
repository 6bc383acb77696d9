import '../configure';
import { makeAutoObservable } from 'mobx';
import type { SupervisionRulesView } from '../../../contract';
import { nextQuarter } from '../../../contract/quarters';
import {
  indicatorsOf,
  rulesProblems,
  SUPERVISION_SCOPES,
  type IndicatorKey,
  type IndicatorRule,
  type ScopeRules,
  type SupervisionRules,
  type SupervisionScope,
} from '../../../contract/supervision';
import { call } from '../../services/cloud';
import { fieldIssues } from '../../utils/fields';
import {
  BAND_LINE_LABELS,
  BAND_LINE_MAX,
  bandKey,
  formKeys,
  numberText,
  readNumber,
  RULE_FIELD_LABELS,
  ruleFieldsOf,
  ruleKey,
  textsOf,
} from '../../utils/rulesFields';
import { Loadable, Pending } from '../loadable';

/** How many quarters the 生效季度 offers: the earliest and the three after it. */
const QUARTERS_OFFERED = 4;

/**
 * 评分规则 (county admin): the saved versions, and the form of the next one, filled from the
 * latest. The form holds what was typed (texts), checked as the server checks — each number as the
 * schema reads it, then `rulesProblems` on the whole version — every problem kept under its path
 * (`scopes.community.indicators.dualReport.floor`) so the page puts it next to its field. Nothing
 * typed is dropped on an error; 刷新 after someone else's save keeps what was changed too.
 */
class SupervisionRulesForm {
  readonly view = new Loadable<SupervisionRulesView>(() => call('supervision', 'rules', {}));
  /** The tab shown. */
  scope: SupervisionScope = 'community';
  /** The latest version when the form was filled: the form saves version `base.version + 1`. */
  base: SupervisionRules | null = null;
  /** What each field shows, by path. */
  texts: Record<string, string> = {};
  /** The texts as filled from `base` (what was changed since, 刷新 keeps). */
  private filled: Record<string, string> = {};
  effectiveFrom = '';
  /** Problems by path: a field's, a scope's (`scopes.unit.indicators`), `effectiveFrom`. */
  errors: Record<string, string> = {};
  readonly saving = new Pending();
  /** Said above the form after 刷新. */
  notice: string | null = null;

  constructor() {
    makeAutoObservable<SupervisionRulesForm, 'filled'>(
      this,
      { view: false, saving: false, filled: false },
      { autoBind: true, deep: false },
    );
  }

  /** The page opened: the versions read again, the form filled from the latest. */
  async open(): Promise<void> {
    this.scope = 'community';
    this.base = null;
    this.texts = {};
    this.filled = {};
    this.effectiveFrom = '';
    this.errors = {};
    this.notice = null;
    this.saving.clear();
    this.view.clear();
    const view = await this.view.load();
    if (view) this.fill(view, false);
  }

  /** After a CONFLICT: the latest version read again; the fields changed here keep what was typed. */
  async refresh(): Promise<void> {
    if (this.saving.busy) return;
    const view = await this.view.load();
    if (!view) return;
    this.saving.clear();
    const kept = this.fill(view, true);
    const latest = this.base!.version;
    this.notice =
      kept > 0
        ? `已载入最新的第 ${latest} 版；你改过的 ${kept} 处仍是你填写的值，请核对后保存为第 ${latest + 1} 版`
        : `已载入最新的第 ${latest} 版，可在此基础上修改`;
  }

  /** Fills the form from the view's latest version; with `keepEdits`, what was changed stays. Returns how many stayed. */
  private fill(view: SupervisionRulesView, keepEdits: boolean): number {
    const latest = view.versions[0] ?? view.current;
    const fresh = textsOf(latest);
    let kept = 0;
    if (keepEdits)
      for (const [key, text] of Object.entries(this.texts))
        if (key in fresh && text !== this.filled[key]) {
          if (fresh[key] !== text) kept++;
          fresh[key] = text;
        }
    this.base = latest;
    this.filled = textsOf(latest);
    this.texts = fresh;
    const quarters = quartersFrom(view.earliest);
    if (!(keepEdits && quarters.includes(this.effectiveFrom))) this.effectiveFrom = view.earliest;
    this.errors = {};
    return kept;
  }

  /** The number the next version takes. */
  get nextVersion(): number {
    return (this.base?.version ?? 0) + 1;
  }

  /** 生效季度: the earliest the server takes and the three after it. */
  get quarters(): string[] {
    const earliest = this.view.value?.earliest;
    return earliest ? quartersFrom(earliest) : [];
  }

  setScope(scope: SupervisionScope): void {
    this.scope = scope;
  }

  set(key: string, text: string): void {
    this.texts = { ...this.texts, [key]: text };
    this.dropError(key);
  }

  pickQuarter(quarter: string): void {
    this.effectiveFrom = quarter;
    this.dropError('effectiveFrom');
  }

  private dropError(key: string): void {
    if (!(key in this.errors)) return;
    const rest = { ...this.errors };
    delete rest[key];
    this.errors = rest;
  }

  /** The sum of a scope's weights as typed (those that are numbers). */
  weightSum(scope: SupervisionScope): number {
    let sum = 0;
    for (const spec of indicatorsOf(scope)) {
      const read = readNumber(this.texts[ruleKey(scope, spec.key, 'weight')] ?? '', '权重');
      if ('value' in read) sum += read.value;
    }
    return Number(numberText(sum));
  }

  /** How many problems a scope's tab has. */
  problemsIn(scope: SupervisionScope): number {
    const prefix = `scopes.${scope}.`;
    return Object.keys(this.errors).filter((k) => k.startsWith(prefix)).length;
  }

  /** A scope's problems in words, each naming its indicator (shown again by the save button). */
  problemLines(scope: SupervisionScope): string[] {
    const prefix = `scopes.${scope}.`;
    return Object.entries(this.errors)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, message]) => {
        const spec = indicatorsOf(scope).find((i) => key.startsWith(`${prefix}indicators.${i.key}.`));
        return spec && !message.includes(spec.label) ? `${spec.label}：${message}` : message;
      });
  }

  /** The problems with no field of their own on the form (shown above the save button). */
  get unplaced(): string[] {
    const placed = new Set([
      ...formKeys().map((k) => k.key),
      ...SUPERVISION_SCOPES.map((s) => `scopes.${s}.indicators`),
      'effectiveFrom',
    ]);
    return Object.entries(this.errors)
      .filter(([key]) => !placed.has(key))
      .map(([, message]) => message);
  }

  /** The version the form holds, and its problems by path (none: it may be saved). */
  check(): { rules: SupervisionRules; errors: Record<string, string> } {
    const errors: Record<string, string> = {};
    const number = (key: string, label: string, max?: number): number => {
      const read = readNumber(this.texts[key] ?? '', label, max);
      if ('value' in read) return read.value;
      errors[key] = read.error;
      return Number.NaN;
    };
    const scopes = {} as Record<SupervisionScope, ScopeRules>;
    for (const scope of SUPERVISION_SCOPES) {
      const indicators: ScopeRules['indicators'] = {};
      for (const spec of indicatorsOf(scope)) {
        const rule: Record<string, number> = {};
        for (const field of ruleFieldsOf(spec))
          rule[field] = number(ruleKey(scope, spec.key, field), RULE_FIELD_LABELS[field]);
        indicators[spec.key as IndicatorKey] = rule as unknown as IndicatorRule;
      }
      scopes[scope] = {
        indicators,
        bands: {
          good: number(bandKey(scope, 'good'), BAND_LINE_LABELS.good, BAND_LINE_MAX),
          watch: number(bandKey(scope, 'watch'), BAND_LINE_LABELS.watch, BAND_LINE_MAX),
        },
      };
    }
    const rules: SupervisionRules = { version: this.nextVersion, effectiveFrom: this.effectiveFrom, scopes };
    // A field's own error (empty, not a number) comes first; rulesProblems skips what is not a number.
    for (const p of rulesProblems(rules)) {
      const key = p.path.join('.');
      errors[key] ??= p.message;
    }
    return { rules, errors };
  }

  /** Checks and saves the next version; the version saved, or null (the problems are on the fields or in `saving.error`). */
  async save(): Promise<SupervisionRules | null> {
    if (!this.base || this.saving.busy) return null;
    this.notice = null;
    this.saving.clear();
    const { rules, errors } = this.check();
    this.errors = errors;
    if (Object.keys(errors).length > 0) return null;
    const saved = await this.saving.run(() => call('supervision', 'saveRules', { rules }));
    if (!saved) {
      // The server's field problems (`rules.scopes.…`, `rules.effectiveFrom`) next to their fields.
      const issues = fieldIssues(this.saving.error?.details);
      if (issues.length > 0) {
        const next = { ...this.errors };
        for (const issue of issues) next[issue.path.replace(/^rules\./, '')] = issue.message;
        this.errors = next;
      }
      return null;
    }
    // The answer is the versions as they are now: the form starts over from the one just saved.
    this.view.value = saved;
    this.fill(saved, false);
    return rules;
  }

  /** Someone saved a version since this form was filled (the server said CONFLICT). */
  get conflict(): boolean {
    return this.saving.error?.code === 'CONFLICT';
  }
}

function quartersFrom(earliest: string): string[] {
  const out = [earliest];
  while (out.length < QUARTERS_OFFERED) out.push(nextQuarter(out[out.length - 1]));
  return out;
}

export const supervisionRules = new SupervisionRulesForm();
