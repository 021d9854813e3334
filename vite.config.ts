// Vite serves and builds the playground page from web/; Vitest runs the
// tests that sit beside the code in sandbox/, web/ and lessons/.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './web/csp.ts';

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

/**
 * The built pages carry the policy as a <meta> (static hosts send no headers)
 * and `vite preview` (npm start) sends it as a header — except with
 * embed-example.html, which plays a tutorial's page on another site: its
 * policy would be that site's. `vite dev` stays without it (its inline preamble).
 */
const cspMeta: Plugin = {
  name: 'content-security-policy-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
};
const cspHeader: Plugin = {
  name: 'content-security-policy-header',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      if (!req.url?.startsWith('/embed-example.')) res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      next();
    });
  },
};

export default defineConfig({
  root: 'web',
  publicDir: '../public',
  base: './',
  plugins: [react(), cspMeta, cspHeader],
  // ES module workers can split: the engine worker loads node's runtime and compose on first use.
  worker: { format: 'es' },
  build: {
    outDir: '../dist', emptyOutDir: true, target: 'es2022',
    rollupOptions: {
      // The playground; the compact page for iframes (/embed/); <docker-playground>, the web component that
      // frames it, under a fixed name at the root so other sites can load it (public/embed-example.html).
      input: { main: web('index.html'), embed: web('embed/index.html'), element: web('embed/element.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'element' ? 'docker-playground.js' : 'assets/[name]-[hash].js') },
    },
  },
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
