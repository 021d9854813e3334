// Import boundaries of ../shared/ARCHITECTURE.md, checked by `npm test`.
// Each sandbox area may import only the areas listed for it; anything else
// (an upward import, a sideways one, or a cycle) fails the suite.
const allowed = {
  api: [],
  fs: [],
  layer: ['fs'],
  image: ['layer', 'fs'],
  kernel: ['fs'],
  net: ['kernel', 'fs'],
  programs: ['kernel', 'net', 'layer', 'fs'],
  builder: ['image', 'layer', 'fs', 'api'],
  images: ['image', 'layer', 'fs', 'programs'],
  daemon: ['builder', 'image', 'images', 'layer', 'kernel', 'net', 'programs', 'fs', 'api'],
  server: ['daemon', 'api'],
  client: ['api'],
  cli: ['client', 'api'],
  // The host machine the student's shell runs on: its own kernel and userland, with the docker CLI as a program.
  host: ['cli', 'client', 'api', 'kernel', 'programs', 'fs'],
};
const areas = Object.keys(allowed);

const areaRules = areas.map((area) => ({
  name: `sandbox-${area}-imports`,
  comment: `sandbox/${area} may import only: ${allowed[area].join(', ') || 'nothing else in sandbox'}`,
  severity: 'error',
  from: { path: `^sandbox/${area}/` },
  to: {
    path: '^sandbox/',
    pathNot: [`^sandbox/${area}/`, ...allowed[area].map((a) => `^sandbox/${a}/`)],
  },
}));

module.exports = {
  forbidden: [
    // Cycles through type-only imports are fine (they vanish at run time).
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
    ...areaRules,
    {
      name: 'sandbox-no-ui',
      comment: 'the engine never imports the page or the lessons',
      severity: 'error',
      from: { path: '^sandbox/' },
      to: { path: '^(web|lessons)/' },
    },
    {
      name: 'ui-uses-public-entry',
      comment: 'web/ and lessons/ import only sandbox/index.ts and sandbox/api (lessons/kit/lesson-check.ts, a Node script, also sandbox/index.node.ts)',
      severity: 'error',
      from: { path: '^(web|lessons)/', pathNot: '^lessons/kit/lesson-check\\.ts$' },
      to: { path: '^sandbox/', pathNot: ['^sandbox/index\\.ts$', '^sandbox/api/'] },
    },
    {
      name: 'node-entry-only-in-node-scripts',
      comment: 'lessons/kit/lesson-check.ts may add only sandbox/index.node.ts',
      severity: 'error',
      from: { path: '^lessons/kit/lesson-check\\.ts$' },
      to: { path: '^sandbox/', pathNot: ['^sandbox/index\\.ts$', '^sandbox/index\\.node\\.ts$', '^sandbox/api/'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // The node runtime's own modules run inside QuickJS and require Node's built-in names; the
    // lessons' workspace files (starter, solution and attempt files) are the students' programs,
    // run in containers against the node_modules npm installs there (express, dayjs…).
    exclude: { path: ['^sandbox/programs/node/lib/', '^lessons/[^/]+/(files|solution|attempts)/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
