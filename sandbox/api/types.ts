// The Docker Engine API on the wire: versions, the error body, and the
// request/response shapes our router and client exchange (the subset of
// Docker's swagger the playground serves). Imports nothing.

/** The API version this engine speaks (Docker Engine 28.2). */
export const API_VERSION = '1.50';
/** The oldest API version it accepts in a /vX.Y/ prefix. */
export const MIN_API_VERSION = '1.24';
export const ENGINE_VERSION = '28.2.2';
/** What this engine and its CLI say they were built from: not Docker's Go build, and it says so. */
export const BUILD = { GitCommit: 'playground', GoVersion: 'n/a (TypeScript)', BuildTime: '' } as const;

/** Every error answer: `{"message": "No such container: x"}`. */
export interface ErrorBody { message: string }

/** A request as the router sees it, whatever carried it (in-process call or HTTP). */
export interface ApiRequest {
  method: string;
  /** The path without query string, with or without a /vX.Y prefix. */
  path: string;
  query: Map<string, string>;
  /** Parameters given more than once (`t=a&t=b`), in order. */
  queryAll?: Map<string, string[]>;
  headers: Map<string, string>;
  body: Uint8Array | null;
}

/** A connection taken over by the handler (attach, exec start). */
export interface HijackedConnection {
  write(chunk: Uint8Array): Promise<void>;
  /** Bytes from the client; null at its end of input. */
  read(): Promise<Uint8Array | null>;
  close(): void;
  /** Resolves when the client goes away. */
  readonly closed: Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** A raw body (text/plain, application/x-tar…). */
  body?: Uint8Array | string;
  /** A body produced over time (logs -f, events, build progress): write chunks until done. */
  stream?: (write: (chunk: Uint8Array) => Promise<void>, closed: Promise<void>) => Promise<void>;
  /** After a 101 (or 200) head, the handler owns the connection. */
  hijack?: (conn: HijackedConnection) => Promise<void>;
}

/** A container's health check (Docker's HealthConfig): `Test` is `["NONE"]`, `["CMD", …]` or `["CMD-SHELL", cmd]`. */
export interface HealthcheckBody {
  Test?: string[] | null;
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export interface ContainerCreateBody {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, object>;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | string | null;
  Entrypoint?: string[] | string | null;
  Image?: string;
  Labels?: Record<string, string>;
  Volumes?: Record<string, object>;
  WorkingDir?: string;
  StopSignal?: string;
  StopTimeout?: number;
  /** Over the image's HEALTHCHECK, field by field; durations in nanoseconds. */
  Healthcheck?: HealthcheckBody | null;
  HostConfig?: {
    Binds?: string[] | null;
    AutoRemove?: boolean;
    Memory?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    CpuShares?: number;
    PidsLimit?: number | null;
    NetworkMode?: string;
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null>;
    PublishAllPorts?: boolean;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    Init?: boolean | null;
    Tmpfs?: Record<string, string>;
    Mounts?: Array<{ Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }>;
  };
  NetworkingConfig?: { EndpointsConfig?: Record<string, { Aliases?: string[]; IPAMConfig?: { IPv4Address?: string } }> };
}
