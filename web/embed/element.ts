// <docker-playground>: the embed as a web component, for pages that would
// rather write a tag than an iframe. Built as its own file,
// `docker-playground.js`, at the playground's root:
//
//   <script type="module" src="https://playground.example/docker-playground.js"></script>
//   <docker-playground lesson="05-layers" lang="es" style="height: 640px"></docker-playground>
//
// It frames `embed/?lesson=…&lang=…&origin=<this page's origin>` (so the
// playground accepts this page's messages and no one else's) and speaks the
// postMessage API (messages.ts) for the page:
//   el.run('docker ps')            → Promise, settles when the prompt is back
//   el.loadFiles({ Dockerfile: 'FROM alpine\n' }), el.reset()
//   events 'ready', 'check-passed', 'lesson-completed' (CustomEvent, detail = the message)
// Attributes: lesson, lang (es | en), src (the playground's base URL; by
// default where this script was loaded from), title.
// No imports: this file is the whole component (a few KB).

const TAG = 'dockerPlayground';
const VERSION = 1;
const EVENTS = new Set(['ready', 'check-passed', 'lesson-completed']);

interface Pending { resolve(): void; reject(e: Error): void }

export class DockerPlaygroundElement extends HTMLElement {
  static observedAttributes = ['lesson', 'lang', 'src', 'title'];

  #frame: HTMLIFrameElement | null = null;
  #origin = '';
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #ready!: Promise<void>;
  #markReady!: () => void;
  #onMessage = (e: MessageEvent) => this.#receive(e);

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>:host{display:block;height:600px;min-height:320px}iframe{display:block;width:100%;height:100%;border:0}</style>';
    this.#resetReady();
  }

  connectedCallback(): void {
    window.addEventListener('message', this.#onMessage);
    this.#load();
  }

  disconnectedCallback(): void {
    window.removeEventListener('message', this.#onMessage);
    this.#fail(new Error('the playground was removed from the page'));
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.isConnected) return;
    if (name === 'title') { this.#frame?.setAttribute('title', value ?? 'Docker playground'); return; }
    this.#load();
  }

  /** Types a command line in the playground's terminal; resolves when its prompt is back. */
  run(line: string): Promise<void> { return this.#send({ command: 'run', line }); }

  /** Writes files into the playground's workspace: `{ 'app/server.js': '…' }`. */
  loadFiles(files: Record<string, string>): Promise<void> { return this.#send({ command: 'load-files', files }); }

  /** A fresh machine with the lesson's starter files. */
  reset(): Promise<void> { return this.#send({ command: 'reset' }); }

  /** The URL framed, from the attributes. */
  get embedUrl(): string {
    const base = new URL(this.getAttribute('src') ?? './', scriptBase);
    const url = new URL('embed/', base.href.endsWith('/') ? base : new URL(base.href + '/'));
    const lesson = this.getAttribute('lesson');
    const lang = this.getAttribute('lang');
    if (lesson) url.searchParams.set('lesson', lesson);
    if (lang) url.searchParams.set('lang', lang);
    // A page opened from a file has the origin "null", which the playground never trusts: it then only shows itself.
    if (location.origin !== 'null') url.searchParams.set('origin', location.origin);
    return url.href;
  }

  #load(): void {
    const src = this.embedUrl;
    this.#origin = new URL(src).origin;
    this.#fail(new Error('the playground was reloaded'));
    this.#resetReady();
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = this.getAttribute('title') ?? 'Docker playground';
    frame.allow = 'clipboard-read; clipboard-write';
    this.#frame?.remove();
    this.#frame = frame;
    this.shadowRoot!.append(frame);
  }

  #resetReady(): void {
    this.#ready = new Promise((resolve) => { this.#markReady = resolve; });
  }

  async #send(command: Record<string, unknown>): Promise<void> {
    await this.#ready;
    const frame = this.#frame?.contentWindow;
    if (!frame) throw new Error('the playground is not on the page');
    const id = this.#nextId++;
    return new Promise<void>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      frame.postMessage({ [TAG]: VERSION, ...command, id }, this.#origin);
    });
  }

  #receive(e: MessageEvent): void {
    if (!this.#frame || e.source !== this.#frame.contentWindow || e.origin !== this.#origin) return;
    const data = e.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null || data[TAG] !== VERSION) return;
    const event = data.event;
    if (event === 'result' && typeof data.id === 'number') {
      const p = this.#pending.get(data.id);
      this.#pending.delete(data.id);
      if (data.ok === true) p?.resolve();
      else p?.reject(new Error(typeof data.error === 'string' ? data.error : 'the playground refused the command'));
      return;
    }
    if (typeof event !== 'string' || !EVENTS.has(event)) return;
    if (event === 'ready') this.#markReady();
    const { [TAG]: _tag, ...detail } = data;
    this.dispatchEvent(new CustomEvent(event, { detail }));
  }

  #fail(error: Error): void {
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }
}

/** Where this script was served from: the playground's root. */
const scriptBase = new URL('./', import.meta.url).href;

if (!customElements.get('docker-playground')) customElements.define('docker-playground', DockerPlaygroundElement);

declare global {
  interface HTMLElementTagNameMap { 'docker-playground': DockerPlaygroundElement }
}
