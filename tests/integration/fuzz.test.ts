import { zodToJsonSchema } from 'zod-to-json-schema';
import { contract, ERROR_CODES, type ActionMap } from '../../contract';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';

/**
 * Malformed input across every action, as a resident and as staff, through the h5 gateway (real
 * HTTP, as the browser sends it): whatever arrives, the answer is an envelope — never INTERNAL,
 * never a 5xx, never a crash. The payloads come from each action's own schema (its properties,
 * each replaced by values of the wrong kind or shape), so a new action is fuzzed too.
 */

let t: TestCloud;

beforeAll(async () => {
  t = await startLocalCloud();
});
afterAll(() => t.stop());

/** Values no field takes as they are: wrong types, empty and invisible text, huge, injected, nested. */
const BAD: unknown[] = [
  null,
  true,
  -1,
  1e308,
  '',
  '\u200b\u200b\u200b\u200b\u200b',
  '\u0000',
  'x'.repeat(20_000),
  [],
  [null, {}],
  {},
  { $gt: '' },
  { $where: 'sleep(1000)' },
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'cloud://local.6c6f-local-1250000000/uploads/someone-else/a.png',
  '2026-13-45T99:99:99Z',
  { __proto__: { admin: true } },
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
];

/** Whole payloads that are not the object an action takes. */
const BAD_PAYLOADS: unknown[] = [
  null,
  [],
  'payload',
  42,
  { unknownField: 1 },
  JSON.parse('{"__proto__":{"isAdmin":true}}'),
  { a: { b: { c: { d: { e: { f: { g: { h: 'deep' } } } } } } } },
  Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
];

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  items?: Schema | Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};

/** A plausible value for a schema (ids, dates, phones and the like by their patterns), so that one bad property is the only fault. */
function plausible(s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.anyOf) return plausible(s.anyOf[0]);
  if (s.allOf) return plausible(s.allOf[0]);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'date-time') return '2026-12-07T10:00:00+08:00';
      const p = s.pattern ?? '';
      if (p.includes('\\d{8}')) return '12345678';
      if (p.includes('1[3-9]')) return '13800001234';
      if (p.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-12-07';
      if (p.includes('cloud:')) return 'cloud://local.6c6f-local-1250000000/uploads/demo-resident/a.png';
      if (p.includes('A-Za-z0-9_-')) return 'c01';
      if (p.includes('u4e00')) return '钟桂英';
      const n = Math.max(s.minLength ?? 0, 6);
      return '社区测试内容文字说明'.repeat(4).slice(0, Math.min(n, s.maxLength ?? n));
    }
    case 'number':
    case 'integer':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'array': {
      const item = Array.isArray(s.items) ? s.items[0] : s.items;
      return Array.from({ length: s.minItems ?? 0 }, () => (item ? plausible(item) : 'x'));
    }
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, plausible(s.properties![k])]));
    default:
      return null;
  }
}

/** A plausible payload for an action, and its top-level properties (all branches of a union). */
function shapeOf(spec: ActionMap[string]): { base: Record<string, unknown>; props: string[] } {
  const schema = zodToJsonSchema(spec.input, { $refStrategy: 'none' }) as Schema;
  const props = new Set(Object.keys(schema.properties ?? {}));
  for (const branch of schema.anyOf ?? []) for (const k of Object.keys(branch.properties ?? {})) props.add(k);
  const base = plausible(schema);
  return { base: base && typeof base === 'object' ? (base as Record<string, unknown>) : {}, props: [...props] };
}

interface Case {
  fn: string;
  action: string;
  body: unknown;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const [fn, actions] of Object.entries(contract)) {
    for (const [action, spec] of Object.entries(actions as ActionMap)) {
      const { base, props } = shapeOf(spec);
      for (const payload of [...BAD_PAYLOADS, base]) out.push({ fn, action, body: { action, payload } });
      // Each property wrong in a payload otherwise plausible, and alone.
      for (const prop of props)
        BAD.forEach((value, i) => {
          out.push({ fn, action, body: { action, payload: { ...base, [prop]: value } } });
          if (i % 3 === 0) out.push({ fn, action, body: { action, payload: { [prop]: value } } });
        });
    }
  }
  // Events that are not an action call at all.
  for (const fn of Object.keys(contract))
    for (const body of [
      null,
      [],
      'x',
      { action: 1 },
      { action: 'nope' },
      { action: '__proto__' },
      { action: 'constructor' },
    ])
      out.push({ fn, action: '-', body });
  return out;
}

const CALLERS = ['demo-resident', 'demo-secretary', 'demo-county-admin'];

test('at least 2,000 malformed calls across every action answer an envelope: no INTERNAL, no 5xx', async () => {
  const all = cases();
  const failures: string[] = [];
  let sent = 0;
  // A few at a time: the point is the answers, not the load.
  for (let i = 0; i < all.length; i += 8) {
    await Promise.all(
      all.slice(i, i + 8).map(async (c, j) => {
        const openid = CALLERS[(i + j) % CALLERS.length];
        const res = await fetch(`${t.url}/api/functions/${c.fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-openid': openid },
          body: JSON.stringify(c.body),
        });
        sent += 1;
        const reply = (await res.json()) as { ok?: boolean; error?: { code?: string } };
        const code = reply.error?.code;
        if (res.status >= 500 || code === 'INTERNAL' || (reply.ok !== true && !ERROR_CODES.includes(code as never)))
          failures.push(
            `${c.fn}.${c.action} as ${openid} ${JSON.stringify(c.body).slice(0, 120)} → ${res.status} ${code}`,
          );
      }),
    );
  }
  expect(sent).toBeGreaterThanOrEqual(2000);
  expect(sent).toBe(all.length);
  expect(failures).toEqual([]);
  // Nothing polluted the prototypes of this process.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
}, 240_000);
