// Test helper: runs our docker CLI in-process over an Engine API client, as
// a terminal-less shell would (optionally over a workspace, with stdin),
// collecting what it prints — the counterpart of TcpEngine.docker for the
// suites that compare us with the stock CLI.
import type { EngineClient } from '../../client/client.ts';
import type { CliIO } from '../io.ts';
import { docker } from '../main.ts';

export interface Out { out: string; err: string; code: number }

export async function runCli(client: EngineClient, args: string[], io: Pick<CliIO, 'files' | 'cwd'> & { stdin?: string | Uint8Array } = {}): Promise<Out> {
  let out = '';
  let err = '';
  const dec = new TextDecoder();
  const { stdin, ...rest } = io;
  let input: Uint8Array | null = stdin === undefined ? null : typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin;
  const code = await docker(args, client, {
    stdout: (s) => { out += typeof s === 'string' ? s : dec.decode(s); },
    stderr: (s) => { err += typeof s === 'string' ? s : dec.decode(s); },
    readStdin: async () => { const chunk = input; input = null; return chunk; },
    isTTY: false, ...rest,
  });
  return { out, err, code };
}
