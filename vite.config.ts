// Vite serves and builds the playground page from web/; Vitest runs the
// tests that sit beside the code in sandbox/, web/ and lessons/.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { loadEnv, type Plugin } from 'vite';
import { contentSecurityPolicy, PREVIEW_HOST_POLICY } from './web/csp.ts';
import { configuredPreviewOrigin } from './web/preview/origin.ts';

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

/**
 * The built pages carry the policy as a <meta> (static hosts send no headers)
 * and `vite preview` (npm start) sends it as a header — except with
 * embed-example.html, which plays a tutorial's page on another site: its
 * policy would be that site's; and preview-host.html, the preview origin's
 * relay, which has its own. `vite dev` stays without it (its inline preamble).
 * VITE_PREVIEW_ORIGIN (web/preview/origin.ts) is the one other origin the
 * policy lets the page frame; a value that is not an origin stops the build.
 */
function contentSecurityPolicyPlugins(policy: string): Plugin[] {
  return [{
    name: 'content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  }, {
    name: 'content-security-policy-header',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.startsWith('/preview-host.html')) res.setHeader('Content-Security-Policy', PREVIEW_HOST_POLICY);
        else if (!req.url?.startsWith('/embed-example.')) res.setHeader('Content-Security-Policy', policy);
        next();
      });
    },
  }];
}

export default defineConfig(({ mode }) => ({
  root: 'web',
  publicDir: '../public',
  base: './',
  plugins: [react(), ...contentSecurityPolicyPlugins(contentSecurityPolicy(configuredPreviewOrigin(loadEnv(mode, web(''), 'VITE_').VITE_PREVIEW_ORIGIN)))],
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
}));
