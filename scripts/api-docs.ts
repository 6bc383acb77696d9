/**
 * Renders docs/api.md from the contract: every function, its actions, who may call them, the
 * input schema (as JSON Schema) and the error codes. `npm run docs:api` writes it; a unit test
 * fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { contract, ERROR_CODES, ROLE_LABELS, type ActionMap } from '../contract';

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
        'Input:',
        '',
        '```json',
        JSON.stringify(schema, null, 2),
        '```',
        '',
      );
    }
  }
  return out.join('\n');
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
