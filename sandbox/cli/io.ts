// What the docker CLI talks to: its output streams (a terminal or not), its
// input, and its size — the browser's xterm, or a test's buffers.

export interface CliIO {
  stdout(data: string | Uint8Array): void;
  stderr(data: string | Uint8Array): void;
  /** Input from the user (keys at a terminal, piped bytes); null at its end. */
  readStdin?(): Promise<Uint8Array | null>;
  /** Whether stdout/stdin are a terminal (`-t` needs one). */
  isTTY: boolean;
  columns?: number;
  rows?: number;
}
