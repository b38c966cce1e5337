// Jest runs in native ESM mode (NestJS 12 packages are ESM only): `npm test` passes
// --experimental-vm-modules. Three tiers: unit specs beside the code (src/**/*.spec.ts),
// integration tests against a real PostgreSQL (test/integration), and e2e tests over HTTP (test/e2e).
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }];

// ESM-only packages that CommonJS dependencies require() (light-my-request → cookie, @fastify/static
// → content-disposition). Node 20 loads them (require(esm)); Jest on Node 20 cannot, so these few
// are compiled to CommonJS for the tests.
const ESM_REQUIRED_FROM_CJS = ['cookie', 'content-disposition'];
const esmRequiredFromCjs = `(${ESM_REQUIRED_FROM_CJS.join('|')})`;

export default {
  // Jest's node environment, failing a file that leaves a timer, socket or child process running.
  testEnvironment: '<rootDir>/test/setup/leak-checking-environment.mjs',
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  // Source imports carry .js extensions (NodeNext); Jest resolves them to the .ts files.
  // `cookie` through one CommonJS entry, whether required or imported (test/setup/cookie.cjs).
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^cookie$': '<rootDir>/test/setup/cookie.cjs' },
  transform: {
    '^.+\\.ts$': tsJest,
    [`^.+/node_modules/${esmRequiredFromCjs}/.+\\.js$`]: [
      'ts-jest',
      { useESM: false, tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!${esmRequiredFromCjs}/)`],
  // The web app (web/) has its own build (vite) and tests (Playwright, `npm run test:browser`).
  modulePathIgnorePatterns: ['<rootDir>/web/', '<rootDir>/test-artefacts/'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  setupFilesAfterEnv: ['<rootDir>/test/setup/fast-check-seed.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
  // A worker keeps the modules of every test file it has run (native ESM: Node's vm modules are not
  // collected, nodejs/node#59118, jestjs/jest#14605), ~60 MB per e2e file: past this heap after a
  // file it is replaced (~1 s), instead of growing past a gigabyte.
  workerIdleMemoryLimit: '300MB',
  // A worker asked to stop leaves its event loop at once (the test environment fails any file that
  // leaves a handle open), but freeing ~300 MB of heap takes 0.45-1 s on a busy machine, past
  // Jest's 500 ms, after which it force-exits the worker and warns of a leak.
  workerGracefulExitTimeout: 3_000,
  clearMocks: true,
};
