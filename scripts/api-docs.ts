/**
 * Renders docs/api.md from the contract: every function, its actions, who may call them, the
 * input schema (as JSON Schema) and the error codes. `npm run docs:api` writes it; a unit test
 * fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { contract, ERROR_CODES, ROLE_LABELS, type ActionMap } from '../contract';
import { KEYWORD_RULES, TEMPLATE_KEYS, TEMPLATES, WAITS } from '../contract/notifications';

export const API_DOC = path.resolve(__dirname, '../docs/api.md');

export function renderApiDoc(): string {
  const out: string[] = [
    '# API (generated from `contract/` by `npm run docs:api` — do not edit by hand)',
    '',
    'Every call is `call(fn, action, payload)` from the mini-program: in weapp',
    '`wx.cloud.callFunction({ name: fn, data: { action, payload } })`, in the local h5 build',
    '`POST /api/functions/<fn>` with the JSON body `{ "action", "payload" }` and the header `x-openid`.',
    "The caller's identity is the WeChat OPENID of the call, never a field of the payload.",
    '',
    'Every reply is one envelope: `{ "ok": true, "data": …, "requestId" }` or',
    '`{ "ok": false, "error": { "code", "message", "details"? }, "requestId" }`.',
    '',
    '| error code | meaning |',
    '|---|---|',
    ...ERROR_CODES.map((c) => `| \`${c}\` | ${ERROR_MEANINGS[c]} |`),
    '',
    'Roles: ' +
      Object.entries(ROLE_LABELS)
        .map(([r, l]) => `\`${r}\` ${l}`)
        .join(', ') +
      '.',
    '',
  ];
  for (const [fn, actions] of Object.entries(contract)) {
    out.push(`## \`${fn}\``, '');
    for (const [name, spec] of Object.entries(actions as ActionMap)) {
      const roles =
        spec.roles === 'anyone' ? 'anyone with a WeChat identity' : spec.roles.map((r) => `\`${r}\``).join(', ');
      const schema = zodToJsonSchema(spec.input, { $refStrategy: 'none' }) as Record<string, unknown>;
      delete schema.$schema;
      out.push(
        `### \`${fn}.${name}\``,
        '',
        spec.summary,
        '',
        `Who: ${roles}.`,
        '',
        ...(spec.rateLimit
          ? [
              `Limit: at most ${spec.rateLimit.max} per person in ${spec.rateLimit.windowMinutes} minutes (then \`RATE_LIMITED\`, with \`details.retryAt\`).`,
              '',
            ]
          : []),
        'Input:',
        '',
        '```json',
        JSON.stringify(schema, null, 2),
        '```',
        '',
      );
    }
  }
  out.push(...renderTemplates());
  return out.join('\n');
}

/** The subscribe-message templates (contract/notifications.ts): what to apply for, and how each is filled. */
function renderTemplates(): string[] {
  const NOTICE_FIELDS: Record<string, string> = {
    subject: 'what it is about (wish/case text, activity title)',
    status: 'where it stands (已受理 …)',
    note: 'one line more (reason, next step)',
    time: 'when (or the deadline/start it announces)',
    place: 'where',
    person: 'who acted',
  };
  return [
    '## Subscribe-message templates',
    '',
    'Generated from `contract/notifications.ts`. Each notification goes to the 消息 list',
    '(`account.messages`) always, and as a subscribe message when its template id is configured',
    '(the function environment variable below) and the user accepted it. Apply for each template',
    'in the mini-program console (订阅消息 → 公共模板库 → the title below, choosing the keywords in',
    'this order); docs/deployment.md tells how.',
    '',
    '| key | template title | environment variable | keywords (name type: label ← field) | sent to |',
    '|---|---|---|---|---|',
    ...TEMPLATE_KEYS.map((k) => {
      const t = TEMPLATES[k];
      const keywords = Object.entries(t.keywords)
        .map(([name, kw]) => `\`${name}\` ${kw.type}: ${kw.label} ← ${kw.from}`)
        .join('<br>');
      return `| \`${k}\` | ${t.title} | \`${t.env}\` | ${keywords} | ${t.purpose} |`;
    }),
    '',
    'Fields of a notification: ' +
      Object.entries(NOTICE_FIELDS)
        .map(([f, d]) => `\`${f}\` ${d}`)
        .join('; ') +
      '.',
    '',
    "Values are made to fit WeChat's rule for their keyword type before sending (too long: cut with",
    '…; a `phrase` keeps only Chinese characters); WeChat refuses a value that breaks them (47003):',
    '',
    '| type | rule |',
    '|---|---|',
    ...Object.entries(KEYWORD_RULES).map(([type, rule]) => `| \`${type}\` | ${rule} |`),
    '',
    'The tap that starts a wait asks for (at most 3 templates, inside the tap handler):',
    '',
    '| wait | templates |',
    '|---|---|',
    ...Object.entries(WAITS).map(([w, keys]) => `| \`${w}\` | ${keys.map((k) => `\`${k}\``).join(', ')} |`),
    '',
  ];
}

const ERROR_MEANINGS: Record<(typeof ERROR_CODES)[number], string> = {
  UNAUTHENTICATED: 'the call carries no WeChat identity',
  FORBIDDEN: 'the caller lacks the role, or the target is outside their scope',
  INVALID_INPUT: 'the event or payload does not match the action (details list the fields)',
  NOT_FOUND: 'the target does not exist',
  CONFLICT: 'the target is not in the state the action needs (lost a race, illegal transition)',
  RATE_LIMITED: 'too many calls; try later',
  CONTENT_REJECTED: 'text or image failed the content security check',
  INTERNAL: 'unexpected failure; the message carries the request id, the log the cause',
};

if (require.main === module) {
  writeFileSync(API_DOC, renderApiDoc());
  console.log(`wrote ${path.relative(process.cwd(), API_DOC)}`);
}
