import { TEMPLATE_KEYS, TEMPLATES, type TemplateKey, type TemplateSpec } from '../../contract/notifications';

/**
 * The local environment's subscribe-message templates, as if applied for in the console: each
 * template of the project's table under a local id. The function host puts these ids in the
 * functions' environment (as the console's variables do in production), and `send` checks
 * messages against the template's own keywords.
 */
export const localTemplateId = (key: TemplateKey) => `local-tpl-${key}`;

/** The functions' environment variables naming the template ids. */
export function localTemplateEnv(): Record<string, string> {
  return Object.fromEntries(TEMPLATE_KEYS.map((k) => [TEMPLATES[k].env, localTemplateId(k)]));
}

const BY_ID = new Map<string, { key: TemplateKey; spec: TemplateSpec }>(
  TEMPLATE_KEYS.map((key) => [localTemplateId(key), { key, spec: TEMPLATES[key] }]),
);

export function templateById(id: string): { key: TemplateKey; spec: TemplateSpec } | undefined {
  return BY_ID.get(id);
}
