import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Globals and methods newer than CloudBase's Nodejs 16.13, with the Node version that added them. */
const RUNTIME = 'the functions run on CloudBase Nodejs 16.13';
const NEWER_THAN_RUNTIME = {
  globals: [
    ...['structuredClone', 'DOMException'].map((name) => [name, 17]),
    ...[
      'fetch',
      'Headers',
      'Request',
      'Response',
      'FormData',
      'Blob',
      'BroadcastChannel',
      'ReadableStream',
      'ReadableStreamDefaultReader',
      'ReadableByteStreamController',
      'WritableStream',
      'TransformStream',
      'TextEncoderStream',
      'TextDecoderStream',
      'CompressionStream',
      'DecompressionStream',
      'ByteLengthQueuingStrategy',
      'CountQueuingStrategy',
    ].map((name) => [name, 18]),
    ...[
      'crypto',
      'Crypto',
      'CryptoKey',
      'SubtleCrypto',
      'CustomEvent',
      'PerformanceEntry',
      'PerformanceMark',
      'PerformanceMeasure',
      'PerformanceObserver',
      'PerformanceObserverEntryList',
      'PerformanceResourceTiming',
    ].map((name) => [name, 19]),
    ['File', 20],
    ...['navigator', 'Navigator'].map((name) => [name, 21]),
    ...['WebSocket', 'EventSource', 'Iterator'].map((name) => [name, 22]),
    ...['CloseEvent', 'URLPattern'].map((name) => [name, 23]),
    ...['localStorage', 'sessionStorage', 'Storage', 'DisposableStack', 'AsyncDisposableStack'].map((name) => [
      name,
      24,
    ]),
  ].map(([name, since]) => ({
    name,
    message: `${name} is a global only from Node ${since}; ${RUNTIME} (use what a node: module offers, or do without)`,
  })),
  properties: [
    ...['findLast', 'findLastIndex'].map((property) => ({ property, since: 18 })),
    ...['toSorted', 'toReversed', 'toSpliced', 'isWellFormed', 'toWellFormed'].map((property) => ({
      property,
      since: 20,
    })),
    { object: 'AbortSignal', property: 'timeout', since: 17.3 },
    { object: 'AbortSignal', property: 'any', since: 20 },
    { object: 'Intl', property: 'supportedValuesOf', since: 18 },
    { object: 'Object', property: 'groupBy', since: 21 },
    { object: 'Map', property: 'groupBy', since: 21 },
    { object: 'Promise', property: 'withResolvers', since: 22 },
    { object: 'Array', property: 'fromAsync', since: 22 },
  ].map(({ since, ...p }) => ({
    ...p,
    message: `${p.object ? `${p.object}.` : '.'}${p.property} exists only from Node ${since}; ${RUNTIME}`,
  })),
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-h5/',
      '.data/',
      'coverage/',
      'test-artifacts/',
      '.swc/',
      'cloudfunctions/*/index.js',
      '**/*.min.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // What is deployed runs on CloudBase's Nodejs 16.13 (docs/deployment.md "Runtime"): no global
    // or method that Node added later. tsconfig.server.json catches newer ECMAScript methods too.
    files: ['server/**/*.ts', 'contract/**/*.ts', 'cloudfunctions/**/*.ts', 'emulator/functions/runner.cjs'],
    rules: {
      'no-restricted-globals': ['error', ...NEWER_THAN_RUNTIME.globals],
      'no-restricted-properties': ['error', ...NEWER_THAN_RUNTIME.properties],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, wx: 'readonly' } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['tests/**/*.ts', 'config/**/*.ts', 'babel.config.js', 'jest.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
