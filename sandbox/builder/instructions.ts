// Step 2 of a build: raw instructions → typed instruction objects, checked
// the way BuildKit's instructions.Parse checks them (argument counts, known
// flags, JSON-only forms). Values keep their quotes and `$VARS`: they are
// substituted at dispatch time, against the state of the stage.
import { DockerfileParseError, parseJsonForm, rawWords, type RawHeredoc, type RawInstruction } from './parse.ts';

/** A command as written: shell form (run through SHELL) or exec form. */
export type CommandForm = { shell: string } | { exec: string[] };

interface Base { line: number; original: string }

export interface FromInstruction extends Base { kind: 'FROM'; image: string; stageName?: string; platform?: string }
export interface RunInstruction extends Base { kind: 'RUN'; command: CommandForm; heredocs: RawHeredoc[] }
export interface CmdInstruction extends Base { kind: 'CMD'; command: CommandForm }
export interface EntrypointInstruction extends Base { kind: 'ENTRYPOINT'; command: CommandForm }
export interface EnvInstruction extends Base { kind: 'ENV'; pairs: Array<[string, string]> }
export interface LabelInstruction extends Base { kind: 'LABEL'; pairs: Array<[string, string]> }
export interface ArgInstruction extends Base { kind: 'ARG'; args: Array<{ name: string; defaultValue?: string }> }
export interface WorkdirInstruction extends Base { kind: 'WORKDIR'; path: string }
export interface CopyInstruction extends Base {
  kind: 'COPY' | 'ADD';
  sources: string[];
  dest: string;
  from?: string;
  chown?: string;
  chmod?: string;
  heredocs: RawHeredoc[];
}
export interface ExposeInstruction extends Base { kind: 'EXPOSE'; ports: string[] }
export interface UserInstruction extends Base { kind: 'USER'; user: string }
export interface VolumeInstruction extends Base { kind: 'VOLUME'; paths: string[]; json: boolean }
export interface StopsignalInstruction extends Base { kind: 'STOPSIGNAL'; signal: string }
export interface HealthcheckInstruction extends Base {
  kind: 'HEALTHCHECK';
  none: boolean;
  command?: CommandForm;
  options: { interval?: string; timeout?: string; startPeriod?: string; startInterval?: string; retries?: string };
}
export interface ShellInstruction extends Base { kind: 'SHELL'; shell: string[] }
export interface OnbuildInstruction extends Base { kind: 'ONBUILD'; trigger: string }
export interface MaintainerInstruction extends Base { kind: 'MAINTAINER'; maintainer: string }

export type Instruction =
  | FromInstruction | RunInstruction | CmdInstruction | EntrypointInstruction | EnvInstruction
  | LabelInstruction | ArgInstruction | WorkdirInstruction | CopyInstruction | ExposeInstruction
  | UserInstruction | VolumeInstruction | StopsignalInstruction | HealthcheckInstruction
  | ShellInstruction | OnbuildInstruction | MaintainerInstruction;

const FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

function fail(raw: RawInstruction, detail: string): never {
  throw new DockerfileParseError(raw.line, detail);
}

function flagsOf(raw: RawInstruction): Map<string, string> {
  const allowed = FLAGS[raw.keyword] ?? [];
  const out = new Map<string, string>();
  for (const f of raw.flags) {
    if (!allowed.includes(f.name)) fail(raw, `unknown flag: ${f.name}`);
    if (out.has(f.name)) fail(raw, `Duplicate flag specified: ${f.name}`);
    out.set(f.name, f.value ?? 'true');
  }
  return out;
}

function commandForm(raw: RawInstruction, args: string): CommandForm {
  const exec = parseJsonForm(args);
  return exec ? { exec } : { shell: args };
}

/** `key=value ...` pairs, or the legacy `key value` form (ENV, LABEL). */
function keyValuePairs(raw: RawInstruction, escape: string): Array<[string, string]> {
  const words = rawWords(raw.args, escape);
  if (words.length === 0) fail(raw, `${raw.keyword} requires at least one argument`);
  if (!words[0]!.includes('=')) {
    if (words.length < 2) fail(raw, `${raw.keyword} must have two arguments`);
    const key = words[0]!;
    const value = raw.args.trim().slice(key.length).trim();
    return [[key, value]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq < 0) fail(raw, `Syntax error - can't find = in "${w}". Must be of the form: name=value`);
    const key = w.slice(0, eq);
    if (key === '') fail(raw, `${raw.keyword} names can not be blank`);
    return [key, w.slice(eq + 1)] as [string, string];
  });
}

/** Types and checks one raw instruction. */
export function toInstruction(raw: RawInstruction, escape: string): Instruction {
  const base = { line: raw.line, original: raw.original };
  const flags = flagsOf(raw);
  const args = raw.args.trim();
  const words = (): string[] => rawWords(args, escape);
  switch (raw.keyword) {
    case 'FROM': {
      const w = words();
      if (w.length !== 1 && !(w.length === 3 && w[1]!.toUpperCase() === 'AS')) fail(raw, 'FROM requires either one or three arguments');
      const stageName = w.length === 3 ? w[2]!.toLowerCase() : undefined;
      if (stageName !== undefined && !STAGE_NAME.test(stageName)) {
        fail(raw, `invalid name for build stage: "${w[2]}", name can't start with a number or contain symbols`);
      }
      return { kind: 'FROM', ...base, image: w[0]!, ...(stageName && { stageName }), ...(flags.has('platform') && { platform: flags.get('platform')! }) };
    }
    case 'RUN':
      if (!args && raw.heredocs.length === 0) fail(raw, 'RUN requires at least one argument');
      return { kind: 'RUN', ...base, command: commandForm(raw, args), heredocs: raw.heredocs };
    case 'CMD':
    case 'ENTRYPOINT':
      return { kind: raw.keyword, ...base, command: commandForm(raw, args) };
    case 'ENV':
    case 'LABEL':
      return { kind: raw.keyword, ...base, pairs: keyValuePairs(raw, escape) };
    case 'ARG': {
      const w = words();
      if (w.length === 0) fail(raw, 'ARG requires at least one argument');
      return {
        kind: 'ARG', ...base,
        args: w.map((word) => {
          const eq = word.indexOf('=');
          const name = eq < 0 ? word : word.slice(0, eq);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(raw, `invalid ARG name: ${JSON.stringify(name)}`);
          return eq < 0 ? { name } : { name, defaultValue: word.slice(eq + 1) };
        }),
      };
    }
    case 'WORKDIR':
      if (words().length !== 1) fail(raw, 'WORKDIR requires exactly one argument');
      return { kind: 'WORKDIR', ...base, path: args };
    case 'COPY':
    case 'ADD': {
      const json = parseJsonForm(args);
      const w = json ?? words();
      if (w.length < 2) fail(raw, `${raw.keyword} requires at least two arguments, but only one was provided. Destination could not be determined.`);
      if (raw.keyword === 'ADD' && flags.has('from')) fail(raw, 'unknown flag: from');
      return {
        kind: raw.keyword, ...base, sources: w.slice(0, -1), dest: w[w.length - 1]!, heredocs: raw.heredocs,
        ...(flags.has('from') && { from: flags.get('from')! }),
        ...(flags.has('chown') && { chown: flags.get('chown')! }),
        ...(flags.has('chmod') && { chmod: flags.get('chmod')! }),
      };
    }
    case 'EXPOSE':
      if (words().length === 0) fail(raw, 'EXPOSE requires at least one argument');
      return { kind: 'EXPOSE', ...base, ports: words() };
    case 'USER':
      if (words().length !== 1) fail(raw, 'USER requires exactly one argument');
      return { kind: 'USER', ...base, user: args };
    case 'VOLUME': {
      const json = parseJsonForm(args);
      const paths = json ?? words();
      if (paths.length === 0) fail(raw, 'VOLUME requires at least one argument');
      return { kind: 'VOLUME', ...base, paths, json: json !== null };
    }
    case 'STOPSIGNAL':
      if (words().length !== 1) fail(raw, 'STOPSIGNAL requires exactly one argument');
      return { kind: 'STOPSIGNAL', ...base, signal: args };
    case 'HEALTHCHECK': {
      const type = (args.split(/\s+/)[0] ?? '').toUpperCase();
      const options = {
        ...(flags.has('interval') && { interval: flags.get('interval')! }),
        ...(flags.has('timeout') && { timeout: flags.get('timeout')! }),
        ...(flags.has('start-period') && { startPeriod: flags.get('start-period')! }),
        ...(flags.has('start-interval') && { startInterval: flags.get('start-interval')! }),
        ...(flags.has('retries') && { retries: flags.get('retries')! }),
      };
      if (type === 'NONE') {
        if (args.split(/\s+/).length > 1 || flags.size > 0) fail(raw, 'HEALTHCHECK NONE takes no arguments');
        return { kind: 'HEALTHCHECK', ...base, none: true, options };
      }
      if (type !== 'CMD') fail(raw, `Unknown type "${type}" in HEALTHCHECK (try CMD)`);
      const rest = args.slice(3).trim();
      if (!rest) fail(raw, 'Missing command after HEALTHCHECK CMD');
      return { kind: 'HEALTHCHECK', ...base, none: false, command: commandForm(raw, rest), options };
    }
    case 'SHELL': {
      const json = parseJsonForm(args);
      if (!json) fail(raw, 'SHELL requires the arguments to be in JSON form');
      if (json.length === 0) fail(raw, 'SHELL requires at least one argument');
      return { kind: 'SHELL', ...base, shell: json };
    }
    case 'ONBUILD': {
      const trigger = args.split(/\s+/)[0]?.toUpperCase() ?? '';
      if (!trigger) fail(raw, 'ONBUILD requires at least one argument');
      if (trigger === 'ONBUILD') fail(raw, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      if (trigger === 'FROM' || trigger === 'MAINTAINER') fail(raw, `${trigger} isn't allowed as an ONBUILD trigger`);
      if (!KNOWN.has(trigger)) fail(raw, `unknown instruction: ${trigger}`);
      return { kind: 'ONBUILD', ...base, trigger: trigger + args.slice(trigger.length) };
    }
    case 'MAINTAINER':
      if (!args) fail(raw, 'MAINTAINER requires exactly one argument');
      return { kind: 'MAINTAINER', ...base, maintainer: args };
    default:
      return fail(raw, `unknown instruction: ${raw.keyword}`);
  }
}

export const KNOWN = new Set([
  'FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'ENV', 'LABEL', 'ARG', 'WORKDIR', 'COPY', 'ADD', 'EXPOSE', 'USER',
  'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'MAINTAINER',
]);
