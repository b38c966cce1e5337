// Read by scripts/check-import-cycles.mjs (`npm run lint`), which adds the module-level check that
// dependency-cruiser's rules cannot express. Type-only imports count: they tie code together just the same.
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A file that imports itself through others. Move what both sides need to a lower layer (src/common, src/config).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
