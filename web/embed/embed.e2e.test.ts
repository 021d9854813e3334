// Embedding, in Chromium: public/embed-example.html served from one origin
// (localhost) frames the playground from another (127.0.0.1) with the
// <docker-playground> element, drives it (files, a command) and hears its
// events; a check passed in the embedded lesson reaches the page. An embed
// that allows another origin ignores this page entirely. /embed/ itself is
// the compact page, and /embed?… (no slash) gets there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameLocator } from 'playwright-core';
import { canRunBrowser, openPlayground, type Playground } from '../testing/browser.ts';

const PROMPT = 'student@playground:~$';
const shows = (frame: FrameLocator, text: string, timeout = 30_000) =>
  frame.locator('[data-testid="terminal"] .xterm-rows').filter({ hasText: text }).waitFor({ timeout });

describe.skipIf(!canRunBrowser)('embedding the playground', () => {
  let pg: Playground;
  let port = '';
  beforeAll(async () => {
    pg = await openPlayground('/embed-example.html');
    port = new URL(pg.url).port;
  }, 120_000);
  afterAll(async () => { await pg?.close(); });

  it('<docker-playground> on another origin: ready, load-files and run, a passed check and its event', async () => {
    const { page } = pg;
    await page.goto(`http://localhost:${port}/embed-example.html?playground=http://127.0.0.1:${port}/`);
    await page.getByTestId('event-log').getByText(/^ready .*"lesson":"first-container".*"lang":"en"/).waitFor({ timeout: 60_000 });
    const frame = page.frameLocator('docker-playground iframe');
    await frame.getByTestId('lesson').and(frame.locator('[data-lesson="first-container"]')).waitFor({ timeout: 30_000 });
    await shows(frame, PROMPT);

    // The page's buttons use the element's methods: files, then a command that builds them.
    await page.getByRole('button', { name: 'Load a Dockerfile' }).click();
    await page.getByTestId('event-log').getByText('load: done').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /Run docker build/ }).click();
    await page.getByTestId('event-log').getByText('build: done').waitFor({ timeout: 60_000 });
    await shows(frame, 'Successfully tagged hello:latest');

    // The first step of lesson 02, done through the API and checked in the embed: the page hears of it.
    await page.evaluate(() => document.querySelector('docker-playground')!.run('docker run -d --name web -p 8080:80 nginx:alpine'));
    await frame.getByTestId('check-run').click();
    await page.getByTestId('event-log').getByText(/^check-passed .*"lesson":"first-container".*"check":"web-running".*"points":\d+/).waitFor({ timeout: 30_000 });

    // A command the embed refuses comes back as an error, and the embed goes on.
    const refused = await page.evaluate(() => document.querySelector('docker-playground')!.run('echo a\necho b').then(() => 'ran', (e: Error) => e.message));
    expect(refused).toBe('"line" is one command line: send one "run" per line');
    expect(pg.errors).toEqual([]);
  }, 180_000);

  it('an embed that allows another origin ignores this page: no events, its commands never run', async () => {
    const { page } = pg;
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.id = 'foreign';
      f.src = src;
      f.style.height = '500px';
      document.body.append(f);
      (window as unknown as { heard: unknown[] }).heard = [];
      window.addEventListener('message', (e) => { if (e.source === f.contentWindow) (window as unknown as { heard: unknown[] }).heard.push(e.data); });
    }, `http://127.0.0.1:${port}/embed/?lesson=02-first-container&lang=en&origin=https://course.example`);
    const frame = page.frameLocator('#foreign');
    await shows(frame, PROMPT);
    // Once it is up, this page (http://localhost:…) asks it to run a command, as an allowed page would.
    await page.evaluate(() => {
      const f = document.getElementById('foreign') as HTMLIFrameElement;
      f.contentWindow!.postMessage({ dockerPlayground: 1, command: 'run', line: 'docker run --name intruso busybox true', id: 1 }, '*');
      f.contentWindow!.postMessage({ dockerPlayground: 1, command: 'reset', id: 2 }, '*');
    });
    await page.waitForTimeout(3000);
    expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([]);
    const terminal = await frame.locator('[data-testid="terminal"] .xterm-rows').innerText();
    expect(terminal).not.toContain('intruso');
    // The element's own embed still answers this page (the foreign one did not disturb it).
    expect(await page.evaluate(() => document.querySelector('docker-playground')!.run('docker ps -a').then(() => 'ran', (e: Error) => e.message))).toBe('ran');
  }, 120_000);

  it('/embed/ is the compact page of a lesson, in the language asked; /embed?… gets there', async () => {
    const { page } = pg;
    await page.goto(`http://127.0.0.1:${port}/embed?lesson=02-first-container&lang=es`);
    await page.waitForURL(/\/embed\/\?lesson=02-first-container&lang=es$/);
    await page.getByRole('heading', { level: 2, name: 'Tu primer contenedor' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.app').getAttribute('data-embed')).toBe('true');
    // No workspace menu (share, zip) or real-Node switch in an embed; a way out to the full page instead.
    await page.getByRole('link', { name: 'Abrir el playground completo' }).waitFor();
    expect(await page.getByTestId('share').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Abrir el playground completo' }).getAttribute('href')).toBe(`http://127.0.0.1:${port}/`);
  }, 60_000);
});

