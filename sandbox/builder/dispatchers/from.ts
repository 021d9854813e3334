// FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]
// Starts a stage from an image, an earlier stage (by name or index) or
// `scratch`. Substitution uses only the global ARGs. The base image's
// ONBUILD triggers run right after, as the legacy builder does.
import type { Image } from '../../image/store.ts';
import { BuildError } from '../backend.ts';
import type { FromInstruction } from '../instructions.ts';
import { findStage, type Stage } from '../stages.ts';
import { expandWord } from '../substitute.ts';

export interface FromResolver {
  stages: Stage[];
  stageResults: Map<number, Image | null>;
  metaVars: ReadonlyMap<string, string>;
  escape: string;
  getImage(ref: string): Promise<Image>;
}

/** The base name a FROM line names, after global-ARG substitution. */
export function baseName(ins: FromInstruction, metaVars: ReadonlyMap<string, string>, escape: string): string {
  const name = expandWord(ins.image, metaVars, escape);
  if (name === '') throw new BuildError(`base name (${ins.image}) should not be blank`);
  return name;
}

/** Resolves a stage's base: null for scratch. */
export async function resolveFrom(r: FromResolver, stage: Stage): Promise<Image | null> {
  const name = baseName(stage.from, r.metaVars, r.escape);
  if (name.toLowerCase() === 'scratch') return null;
  const earlier = findStage(r.stages, name, stage.index);
  if (earlier) return r.stageResults.get(earlier.index) ?? null;
  // --platform is accepted (every built-in image is linux/amd64); a bad substitution in it still fails.
  if (stage.from.platform !== undefined) expandWord(stage.from.platform, r.metaVars, r.escape);
  return r.getImage(name);
}
