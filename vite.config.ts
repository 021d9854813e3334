// Vite serves and builds the playground page from web/; Vitest runs the
// tests that sit beside the code in sandbox/, web/ and lessons/.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'web',
  publicDir: '../public',
  base: './',
  plugins: [react()],
  // ES module workers can split: the engine worker loads node's runtime and compose on first use.
  worker: { format: 'es' },
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    root: '.',
    // `npm run test:reference` runs only the opt-in differential tests against
    // a real engine (../shared/REFERENCE-ENGINE.md); `npm test` runs the rest.
    include: process.env.REFERENCE
      ? ['**/*.reference.test.ts']
      : ['sandbox/**/*.test.ts', 'web/**/*.test.{ts,tsx}', 'lessons/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', ...(process.env.REFERENCE ? [] : ['**/*.reference.test.ts'])],
    environment: 'node',
    globalSetup: ['scripts/vitest-global-setup.ts'],
    setupFiles: ['scripts/vitest-setup.ts'],
    testTimeout: 20_000,
  },
});
