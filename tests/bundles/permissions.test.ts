import { readFileSync } from 'node:fs';
import path from 'node:path';
import { functionNames } from '../../scripts/build-functions';

/**
 * Each function's `permissions.openapi` (config.json) lists exactly the openapi calls its bundle
 * makes: CloudBase refuses a call the list lacks, and a permission no code uses is one too many.
 */
const ROOT = path.resolve(__dirname, '../../cloudfunctions');
const APIS = /\b(subscribeMessage\.send|security\.msgSecCheck|phonenumber\.getPhoneNumber|wxacode\.getUnlimited)\b/g;

test.each(functionNames())('%s asks for exactly the openapi permissions its bundle uses', (fn) => {
  const bundle = readFileSync(path.join(ROOT, fn, 'index.js'), 'utf8');
  const used = [...new Set(bundle.match(APIS) ?? [])].sort();
  const config = JSON.parse(readFileSync(path.join(ROOT, fn, 'config.json'), 'utf8')) as {
    permissions?: { openapi?: string[] };
  };
  expect([...(config.permissions?.openapi ?? [])].sort()).toEqual(used);
});
