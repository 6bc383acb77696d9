import { TEMPLATE_KEYS, TEMPLATES, type TemplateKey } from '../../contract/notifications';
import { log } from '../platform/log';

let checked = false;

/**
 * The template ids of this environment, from the functions' environment variables (set in the
 * CloudBase console after applying for the templates; docs/deployment.md). A missing one is
 * logged once per instance (at its first use after a cold start): its messages go to the 消息
 * list only.
 */
export function templateIds(requestId: string): Partial<Record<TemplateKey, string>> {
  const ids: Partial<Record<TemplateKey, string>> = {};
  for (const key of TEMPLATE_KEYS) {
    const value = process.env[TEMPLATES[key].env]?.trim();
    if (value) ids[key] = value;
  }
  if (!checked) {
    checked = true;
    const missing = TEMPLATE_KEYS.filter((k) => !ids[k]).map((k) => TEMPLATES[k].env);
    if (missing.length > 0)
      log.warn('subscribe-message templates not configured: their messages reach the 消息 list only', {
        requestId,
        missing,
      });
  }
  return ids;
}
