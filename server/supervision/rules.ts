/**
 * The scoring rules' versions (`supervisionRules`, `_id` `v<n>`), never edited: a change is a new
 * version effective from a later quarter, so a quarter already scored — closed or open — keeps the
 * rules it was scored by. Until the county saves its own, the built-in `DEFAULT_RULES` (version 1)
 * apply.
 *
 * A warm instance keeps the versions for a minute (they change a few times a year), so the
 * county's table spends its requests on the figures; the instance that saves forgets at once.
 */
import { nextQuarter } from '../../contract/quarters';
import type { SupervisionRulesView } from '../../contract/functions/supervision';
import { DEFAULT_RULES, type SupervisionRules } from '../../contract/supervision';
import { deploymentKey } from '../platform/cloud';
import { conflict, invalidInput, isDuplicate } from '../platform/errors';
import { readAll } from '../platform/read';
import type { CallContext } from '../platform/router';
import type { Database } from '../platform/sdk-types';
import { rulesFor } from './scoring';
import { quarterAt } from './sources';

export const SUPERVISION_RULES = 'supervisionRules';
const KEEP_MS = 60_000;

interface RulesDoc extends SupervisionRules {
  _id: string;
  createdAt: Date;
  createdBy: string;
}

const kept = new Map<string, { at: number; versions: Promise<SupervisionRules[]> }>();

/** Every version, the built-in default included (it is version 1 unless the county saved a v1). */
export function ruleVersions(db: Database): Promise<SupervisionRules[]> {
  const key = deploymentKey();
  const hit = kept.get(key);
  if (hit && Date.now() - hit.at < KEEP_MS) return hit.versions;
  const versions = readAll<RulesDoc>(db, SUPERVISION_RULES, {}).then((docs) => {
    const saved = docs.map(({ version, effectiveFrom, scopes }) => ({ version, effectiveFrom, scopes }));
    return saved.some((v) => v.version === DEFAULT_RULES.version) ? saved : [DEFAULT_RULES, ...saved];
  });
  kept.set(key, { at: Date.now(), versions });
  versions.catch(() => {
    if (kept.get(key)?.versions === versions) kept.delete(key);
  });
  return versions;
}

/** This instance saved rules (or a test reset its database): read them again next time. */
export function forgetRules(): void {
  kept.clear();
}

/** The rules a quarter is scored by (the default before any version starts). */
export async function rulesOfQuarter(db: Database, quarter: string): Promise<SupervisionRules> {
  return rulesFor(quarter, await ruleVersions(db)) ?? DEFAULT_RULES;
}

export async function rules(_input: Record<string, never>, ctx: CallContext): Promise<SupervisionRulesView> {
  return viewOf(await ruleVersions(ctx.db), ctx.now);
}

function viewOf(versions: SupervisionRules[], now: Date): SupervisionRulesView {
  const quarter = quarterAt(now);
  return {
    current: rulesFor(quarter, versions) ?? DEFAULT_RULES,
    versions: [...versions].sort((a, b) => b.version - a.version),
    earliest: nextQuarter(quarter),
  };
}

/**
 * A new version: numbered latest + 1 (the number the editor was given; a save meanwhile took it:
 * CONFLICT), effective from a quarter after the current one. The insert by `_id` makes two saves
 * of the same number one winner.
 */
export async function saveRules(input: { rules: SupervisionRules }, ctx: CallContext): Promise<SupervisionRulesView> {
  forgetRules();
  const versions = await ruleVersions(ctx.db);
  const latest = Math.max(...versions.map((v) => v.version));
  const { version, effectiveFrom, scopes } = input.rules;
  if (version !== latest + 1) throw conflict(`评分规则已更新为第 ${latest} 版，请刷新后在最新版本上修改`, { latest });
  const earliest = nextQuarter(quarterAt(ctx.now));
  if (effectiveFrom < earliest)
    throw invalidInput('新规则只能从下一季度起生效', [
      { path: 'rules.effectiveFrom', message: `最早从 ${earliest} 起生效` },
    ]);
  try {
    await ctx.db.collection(SUPERVISION_RULES).add({
      data: { _id: `v${version}`, version, effectiveFrom, scopes, createdAt: ctx.now, createdBy: ctx.openid },
    });
  } catch (err) {
    if (isDuplicate(err)) throw conflict(`第 ${version} 版评分规则已由他人保存，请刷新后重试`);
    throw err;
  }
  forgetRules();
  return viewOf(await ruleVersions(ctx.db), ctx.now);
}
