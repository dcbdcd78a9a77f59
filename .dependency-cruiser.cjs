/**
 * The layers of docs/architecture.md as rules `npm run deps` (part of `npm run check`) enforces.
 * Type-only imports count: a cycle through types still ties two modules' meanings together.
 * test/dependency-rules.test.ts plants a violation of each rule and expects it reported.
 */
const PRODUCT = '^(main|renderer|common|preload)/';
const COLOCATED_TEST = '\\.(test|spec)\\.tsx?$';
const TEST_CODE = ['^test/', '^e2e/', COLOCATED_TEST];
/** The files that host the app in Electron; everything else takes what it needs as a parameter. */
const ELECTRON_HOST = '^(main/index\\.ts|main/window\\.ts|main/ipc/|main/store/electron-store\\.ts|preload/)';
/** The one product module allowed to start the emulator: the demo mode's org. */
const DEMO_SEAM = '^main/demo/demo-org\\.ts$';
const EMULATOR = '^packages/salesforce-emulator/';
const EMULATOR_ENTRY = '^packages/salesforce-emulator/index\\.ts$';
/** The rooms of main/connection/ from the bottom up (each room's README.md): a room imports only rooms below it. */
const CONNECTION_ROOMS = ['org', 'steps', 'record', 'run', 'review', 'health'];
/** review/ and health/ stand side by side on top of run/: neither imports the other. */
const SIDE_BY_SIDE = { review: ['health'], health: ['review'] };
const CONNECTION = '^main/connection/';
/** The services below the edges: they never import an edge (transport, hosts, CLI) or the connection's rooms. */
const SERVICES_BELOW = '^main/(store|salesforce|auth|agent|export|audit|security)/';

function roomRules() {
  return CONNECTION_ROOMS.map((room, level) => {
    const forbidden = [...CONNECTION_ROOMS.slice(level + 1), ...(SIDE_BY_SIDE[room] ?? []), 'scenarios'];
    return {
      name: `connection-${room}-imports-only-rooms-below`,
      comment: `main/connection/${room}/ imports only the rooms below it (${
        CONNECTION_ROOMS.slice(0, level)
          .filter((r) => !(SIDE_BY_SIDE[room] ?? []).includes(r))
          .join(', ') || 'none'
      }), never the connection's entry files.`,
      severity: 'error',
      from: { path: `${CONNECTION}${room}/`, pathNot: COLOCATED_TEST },
      to: { path: [`${CONNECTION}(${forbidden.join('|')})/`, `${CONNECTION}[^/]+$`] },
    };
  });
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules form a tree of layers: no import cycles, type-only ones included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'common-imports-nothing-of-ours',
      comment: 'common/ is the contract every process shares: it depends on nothing else in the repository.',
      severity: 'error',
      from: { path: '^common/' },
      to: { path: '^(main|renderer|preload|packages|test|e2e|bench|scripts|packaging)/' },
    },
    {
      name: 'renderer-not-main',
      comment: 'The renderer reaches main only through the contract (common/) over a transport.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload)/' },
    },
    {
      name: 'product-not-test-code',
      comment: 'Product code never imports tests, test support or journeys.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: COLOCATED_TEST },
      to: { path: TEST_CODE },
    },
    {
      name: 'product-not-bench',
      comment: 'The benchmarks measure the product; the product never depends on them.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: COLOCATED_TEST },
      to: { path: '^bench/' },
    },
    {
      name: 'product-not-emulator',
      comment: 'Only the demo seam starts the emulator; the rest of the product, and so the packaged app, never loads it.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: [COLOCATED_TEST, DEMO_SEAM] },
      to: { path: EMULATOR },
    },
    {
      name: 'emulator-through-its-entry',
      comment: 'Outside its package the emulator is used only through packages/salesforce-emulator/index.ts.',
      severity: 'error',
      from: { pathNot: EMULATOR },
      to: { path: EMULATOR, pathNot: EMULATOR_ENTRY },
    },
    {
      name: 'emulator-stands-alone',
      comment: 'The emulator behaves like Salesforce, not like our app: it imports nothing of the app.',
      severity: 'error',
      from: { path: EMULATOR },
      to: { path: '^(main|renderer|common|preload|test|e2e|bench|scripts|packaging)/' },
    },
    {
      name: 'no-test-runner-outside-tests',
      comment: 'Product code, the emulator and the benchmarks run without a test runner loaded.',
      severity: 'error',
      from: { path: ['^(main|renderer|common|preload|bench|scripts)/', `${EMULATOR}(index\\.ts|src/)`], pathNot: COLOCATED_TEST },
      to: { path: ['(^|/)node_modules/(vitest|@vitest|@testing-library|@playwright)/', ...TEST_CODE] },
    },
    {
      name: 'electron-only-in-the-host',
      comment: 'Only main/index.ts, main/window.ts, main/ipc/, main/store/electron-store.ts and preload/ import electron.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: [ELECTRON_HOST, COLOCATED_TEST] },
      to: { path: '(^|/)node_modules/(electron|electron-store)/' },
    },
    {
      name: 'jsforce-only-in-the-org-client-and-admin-connection',
      comment:
        'jsforce is reached through the org client (main/salesforce/client.ts, its SOAP half metadata.ts) and the admin connection and its sign-in (main/auth/); everything else takes an OrgClient.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: ['^main/salesforce/(client|metadata)\\.ts$', '^main/auth/', COLOCATED_TEST] },
      to: { path: '(^|/)node_modules/jsforce/' },
    },
  ].concat(roomRules(), [
    {
      name: 'services-not-edges',
      comment: 'The services (store, salesforce, auth, agent, export, audit, security) never import the connection, transport or a host.',
      severity: 'error',
      from: { path: SERVICES_BELOW, pathNot: COLOCATED_TEST },
      to: { path: '^main/(connection|transport|cli|web|ipc|conformance|demo)/|^main/(app|index|headless-host|window)\\.ts$' },
    },
  ]),
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|release|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    // Re-cruises only what changed since the last run, which keeps `npm run check` quick.
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: false,
  },
};
