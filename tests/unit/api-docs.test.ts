import { readFileSync } from 'node:fs';
import { API_DOC, renderApiDoc } from '../../scripts/api-docs';

test('docs/api.md is generated from the current contract (run npm run docs:api)', () => {
  expect(readFileSync(API_DOC, 'utf8')).toBe(renderApiDoc());
});
