// Vite serves and builds the playground page from web/; Vitest runs the
// tests that sit beside the code in sandbox/, web/ and lessons/.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'web',
  publicDir: '../public',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1' },
  test: {
    root: '.',
    include: ['sandbox/**/*.test.ts', 'web/**/*.test.{ts,tsx}', 'lessons/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
