/**
 * Import rules, checked by `npm run lint` (dependency-cruiser). Imports go one way:
 * domain ← platform ← seeds | ingest | backend ← app. Tests may import anything.
 */
const PACKAGES = '(domain|platform|seeds|ingest|backend|app|frontend)';
const TEST = '(\\.test\\.ts$|^test/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must not import each other in a circle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      comment: 'Folders (capabilities, features) must not depend on each other in a circle.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain imports nothing of ours, no Node.js module and no npm package: pure rules, no I/O.',
      from: { path: '^domain/src/', pathNot: TEST },
      to: { pathNot: '^domain/src/' },
    },
    {
      name: 'platform-on-domain-only',
      severity: 'error',
      comment: 'The platform builds on the domain only.',
      from: { path: '^platform/' },
      to: { path: `^${PACKAGES}/`, pathNot: '^(domain|platform)/' },
    },
    {
      name: 'services-on-domain-and-platform',
      severity: 'error',
      comment: 'seeds, ingest and backend build on domain and platform only; the app wires them together.',
      from: { path: '^(seeds|ingest|backend)/', pathNot: TEST },
      to: { path: `^${PACKAGES}/`, pathNot: ['^(domain|platform)/', '^$1/'] },
    },
    {
      name: 'seeds-from-app-and-tests',
      severity: 'error',
      comment: 'The generated registry is loaded by the app (and tests), never by a service.',
      from: { path: `^${PACKAGES}/`, pathNot: ['^(app|seeds)/', TEST] },
      to: { path: '^seeds/' },
    },
    {
      name: 'through-the-index',
      severity: 'error',
      comment: 'Another package is used through its index (its package name), never by a path into its src.',
      from: { path: `^${PACKAGES}/` },
      to: {
        path: `^${PACKAGES}/src/`,
        pathNot: ['^$1/', `^${PACKAGES}/src/index\\.ts$`, '^domain/src/testing/index\\.ts$'],
      },
    },
    {
      name: 'testing-fixtures-in-tests',
      severity: 'error',
      comment: 'The domain test fixtures are for tests only.',
      from: { pathNot: [TEST, '^domain/src/testing/'] },
      to: { path: '^domain/src/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/', '^frontend/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    // Resolve our packages to their sources (the "source" export condition), so that no build is needed.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
