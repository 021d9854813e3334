// The host APIs the engine may use: the ones browsers (including Web
// Workers) and Node both provide. sandbox/ compiles without the DOM and Node
// libraries, so anything else is a type error here.

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

declare function structuredClone<T>(value: T): T;
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(id: unknown): void;
declare function queueMicrotask(cb: () => void): void;

declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};

declare const performance: { now(): number };

interface ReadableStream<R = Uint8Array> {
  pipeThrough<T>(transform: { writable: unknown; readable: ReadableStream<T> }): ReadableStream<T>;
  getReader(): { read(): Promise<{ done: boolean; value?: R }>; releaseLock(): void };
}

declare class Blob {
  constructor(parts: Uint8Array<ArrayBuffer>[]);
  stream(): ReadableStream<Uint8Array>;
}

declare class DecompressionStream {
  constructor(format: 'gzip' | 'deflate' | 'deflate-raw');
  readonly writable: unknown;
  readonly readable: ReadableStream<Uint8Array>;
}

declare class CompressionStream {
  constructor(format: 'gzip' | 'deflate' | 'deflate-raw');
  readonly writable: unknown;
  readonly readable: ReadableStream<Uint8Array>;
}


declare const crypto: {
  getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T;
};

/** WebAssembly, as both hosts provide it (the parts WASI guests use). */
declare namespace WebAssembly {
  type ImportValue = unknown;
  type Imports = Record<string, Record<string, ImportValue>>;
  interface ModuleImportDescriptor { module: string; name: string; kind: 'function' | 'table' | 'memory' | 'global' | 'tag' }
  interface ModuleExportDescriptor { name: string; kind: 'function' | 'table' | 'memory' | 'global' | 'tag' }
  class Module {
    constructor(bytes: Uint8Array<ArrayBuffer>);
    static imports(module: Module): ModuleImportDescriptor[];
    static exports(module: Module): ModuleExportDescriptor[];
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, unknown>;
  }
  class Table {
    readonly length: number;
    grow(delta: number): number;
    get(index: number): unknown;
    set(index: number, value: unknown): void;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  class RuntimeError extends Error {}
  class CompileError extends Error {}
  class LinkError extends Error {}
  function compile(bytes: Uint8Array<ArrayBuffer>): Promise<Module>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}

/** URLs as both hosts parse them (the parts the engine uses), and a module's own (import.meta.url). */
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly protocol: string;
}
interface ImportMeta { readonly url: string }

declare function btoa(data: string): string;
declare function atob(data: string): string;
