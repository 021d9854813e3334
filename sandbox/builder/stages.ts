// Step 3 of a build: typed instructions → stages. ARGs before the first FROM
// are the global (meta) args, usable in FROM lines; every FROM opens a
// stage, optionally named (`AS build`) and always addressable by index.
import { DockerfileParseError, parseDockerfile, type ParsedDockerfile } from './parse.ts';
import { SubstitutionError } from './substitute.ts';
import { toInstruction, type ArgInstruction, type FromInstruction, type Instruction } from './instructions.ts';

export interface Stage {
  index: number;
  name?: string;
  from: FromInstruction;
  commands: Instruction[];
}

export interface DockerfilePlan {
  escape: string;
  metaArgs: ArgInstruction[];
  stages: Stage[];
}

/**
 * The most instructions a Dockerfile may have here. Each step of the legacy
 * builder commits an image holding the whole config and history so far, so
 * the work grows with the square of the count; real Dockerfiles stay in the
 * tens or hundreds, and the 125-layer limit stops long ones anyway.
 */
export const MAX_INSTRUCTIONS = 1000;

/** Parses and checks a Dockerfile (throws DockerfileParseError). */
export function planDockerfile(text: string, fileName = 'Dockerfile'): DockerfilePlan {
  return planParsed(parseDockerfile(text, fileName), fileName);
}

/** planDockerfile for a Dockerfile already parsed (its raw instructions are needed too: steps.ts). */
export function planParsed(parsed: ParsedDockerfile, fileName = 'Dockerfile'): DockerfilePlan {
  if (parsed.instructions.length === 0) throw new DockerfileParseError(0, `the Dockerfile (${fileName}) cannot be empty`);
  if (parsed.instructions.length > MAX_INSTRUCTIONS) {
    throw new DockerfileParseError(parsed.instructions[MAX_INSTRUCTIONS]!.line,
      `the Dockerfile (${fileName}) has ${parsed.instructions.length} instructions: the playground builds at most ${MAX_INSTRUCTIONS}. Merge RUN lines and group ENV/LABEL pairs into one instruction each`);
  }
  const metaArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  const names = new Set<string>();
  for (const raw of parsed.instructions) {
    const ins = typed(raw, parsed.escape);
    if (ins.kind === 'FROM') {
      if (ins.stageName) {
        if (names.has(ins.stageName)) throw new DockerfileParseError(ins.line, `duplicate stage name "${ins.stageName}"`);
        names.add(ins.stageName);
      }
      stages.push({ index: stages.length, ...(ins.stageName && { name: ins.stageName }), from: ins, commands: [] });
    } else if (stages.length === 0) {
      if (ins.kind !== 'ARG') throw new DockerfileParseError(ins.line, 'no build stage in current context');
      metaArgs.push(ins);
    } else {
      stages[stages.length - 1]!.commands.push(ins);
    }
  }
  if (stages.length === 0) throw new DockerfileParseError(0, 'no build stage in current context');
  return { escape: parsed.escape, metaArgs, stages };
}

/** Finds a stage by name or index (`build`, `0`), among stages before `before`. */
export function findStage(stages: Stage[], ref: string, before = stages.length): Stage | undefined {
  const lower = ref.toLowerCase();
  const byName = stages.slice(0, before).find((s) => s.name === lower);
  if (byName) return byName;
  if (/^\d+$/.test(ref)) {
    const i = Number(ref);
    return i < before ? stages[i] : undefined;
  }
  return undefined;
}

/** toInstruction, with a quoting error in the arguments (`FROM '`) reported as a parse error on its line. */
function typed(raw: ParsedDockerfile['instructions'][number], escape: string): Instruction {
  try {
    return toInstruction(raw, escape);
  } catch (e) {
    if (e instanceof SubstitutionError) throw new DockerfileParseError(raw.line, e.message);
    throw e;
  }
}
