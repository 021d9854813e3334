import { describe, expect, it } from 'vitest';
import { configuredPreviewOrigin, LOOPBACK_FRAME_SOURCES, onOrigin, previewOriginFor, sameSiteLocalUrl, servesOnlyPreviews } from './origin.ts';
import { readFileSync } from 'node:fs';
import { contentSecurityPolicy, PREVIEW_HOST_POLICY } from '../csp.ts';

const at = (href: string) => new URL(href);

describe('the preview origin', () => {
  it('is the configured one, normalised, unless the page is served there itself', () => {
    expect(configuredPreviewOrigin('https://Preview.Example.com:443/')).toBe('https://preview.example.com');
    expect(previewOriginFor(at('https://play.example.com/course/'), 'https://preview.example.com')).toEqual({ origin: 'https://preview.example.com', automatic: false });
    expect(previewOriginFor(at('http://127.0.0.1:4173/'), 'https://preview.example.com')).toEqual({ origin: 'https://preview.example.com', automatic: false });
    expect(previewOriginFor(at('https://preview.example.com/'), 'https://preview.example.com')).toBeNull();
  });

  it('refuses a setting that is not exactly an origin (the build stops), and takes an empty one as none', () => {
    for (const bad of ['preview.example.com', 'https://preview.example.com/path', 'javascript:x', '*', 'https://u:p@preview.example.com']) {
      expect(() => configuredPreviewOrigin(bad), bad).toThrow(/VITE_PREVIEW_ORIGIN must be an http\(s\) origin/);
    }
    expect(configuredPreviewOrigin(undefined)).toBeNull();
    expect(configuredPreviewOrigin('  ')).toBeNull();
  });

  it('without a setting, pairs local names of the same server: NAME.localhost with preview.NAME.localhost (one site), 127.0.0.1 with localhost (two)', () => {
    expect(previewOriginFor(at('http://play.localhost:4173/embed/'), null)).toEqual({ origin: 'http://preview.play.localhost:4173', automatic: true });
    expect(previewOriginFor(at('http://127.0.0.1:4173/'), null)).toEqual({ origin: 'http://localhost:4173', automatic: true });
    expect(previewOriginFor(at('http://localhost:5173/'), null)).toEqual({ origin: 'http://127.0.0.1:5173', automatic: true });
    expect(previewOriginFor(at('https://localhost/'), null)).toEqual({ origin: 'https://127.0.0.1', automatic: true });
    // A preview origin opened as a page does not pair again.
    expect(previewOriginFor(at('http://preview.play.localhost:4173/'), null)).toBeNull();
  });

  it('is the page\'s own origin anywhere else without a setting (a single-origin static host)', () => {
    for (const href of ['https://play.example.com/', 'http://[::1]:4173/', 'http://192.168.1.5:4173/', 'http://127.0.0.2:4173/']) {
      expect(previewOriginFor(at(href), null), href).toBeNull();
    }
  });

  it('serves the same site path there, and suggests a *.localhost name where the local pair is two sites', () => {
    expect(onOrigin('https://preview.example.com', at('https://play.example.com/course/')).href).toBe('https://preview.example.com/course/');
    expect(sameSiteLocalUrl(at('http://127.0.0.1:4173/embed/?lesson=05-layers#abc'))).toBe('http://play.localhost:4173/embed/?lesson=05-layers');
    expect(sameSiteLocalUrl(at('https://play.example.com/'))).toBeNull();
  });
});

describe('the page\'s Content-Security-Policy and the preview origin', () => {
  const frameSrc = (policy: string) => policy.split('; ').find((d) => d.startsWith('frame-src '))!.split(' ').slice(1);

  it('frames the configured preview origin and no other origin but StackBlitz', () => {
    expect(frameSrc(contentSecurityPolicy('https://preview.example.com'))).toEqual(["'self'", 'https://preview.example.com', 'https://stackblitz.com']);
  });

  it('without one, frames the local names the page pairs by itself', () => {
    expect(frameSrc(contentSecurityPolicy(null))).toEqual(["'self'", ...LOOPBACK_FRAME_SOURCES, 'https://stackblitz.com']);
  });

  it('changes nothing else', () => {
    const without = (p: string) => p.split('; ').filter((d) => !d.startsWith('frame-src '));
    expect(without(contentSecurityPolicy('https://preview.example.com'))).toEqual(without(contentSecurityPolicy(null)));
  });
});

describe('an embed and the preview origin', () => {
  it('refuses orders from an origin that serves only container pages, not from the loopback name that is also a page origin', () => {
    const sameSite = previewOriginFor(at('http://play.localhost:4173/embed/'), null);
    expect(servesOnlyPreviews('http://preview.play.localhost:4173', sameSite)).toBe(true);
    expect(servesOnlyPreviews('https://course.example', sameSite)).toBe(false);
    const configured = previewOriginFor(at('https://play.example.com/embed/'), 'https://preview.example.com');
    expect(servesOnlyPreviews('https://preview.example.com', configured)).toBe(true);
    expect(servesOnlyPreviews('http://localhost:4173', previewOriginFor(at('http://127.0.0.1:4173/embed/'), null))).toBe(false);
    expect(servesOnlyPreviews('https://preview.example.com', null)).toBe(false);
  });
});

describe('the preview origin\'s relay page', () => {
  it('states in its <meta> the policy web/csp.ts gives it (public/ pages cannot import it: kept equal here)', () => {
    const html = readFileSync(new URL('../../public/preview-host.html', import.meta.url), 'utf8');
    expect(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]).toBe(PREVIEW_HOST_POLICY);
  });
});
