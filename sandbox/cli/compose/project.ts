// Finding and loading the project a `docker compose` command works on: the
// compose file (-f, or compose.yaml / compose.yml / docker-compose.yml /
// docker-compose.yaml in the working directory or the nearest parent), the
// project's .env under the shell's variables, and the project name.
import { CliError } from '../command.ts';
import type { CliIO } from '../io.ts';
import { normalizePathPosix } from '../paths.ts';
import { loadProject, type Project } from './model.ts';
import { ComposeError, parseEnvFile } from './text.ts';

const CANDIDATES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const MAX_PARENTS = 64;

export interface ProjectFlags {
  files: string[];
  projectName?: string;
  projectDirectory?: string;
}

const dec = new TextDecoder();

/** Loads the project, or throws CliError with Compose's message (exit 1). */
export function openProject(io: CliIO, flags: ProjectFlags): Project {
  const fs = io.files;
  if (!fs) throw new CliError('no configuration file provided: not found', 1);
  const cwd = io.cwd ?? '/';
  const read = (path: string): string => dec.decode(fs.readFileSync(path));
  const exists = (path: string): boolean => { try { return fs.statSync(path).type === 'file'; } catch { return false; } };
  let file: string | null = null;
  if (flags.files.length > 0) {
    if (flags.files.length > 1) throw new CliError('several compose files (-f … -f …) are not supported by the playground: merge them into one', 1);
    file = normalizePathPosix(flags.files[0]!, cwd);
    if (!exists(file)) throw new CliError(`open ${file}: no such file or directory`, 1);
  } else {
    let dir = cwd;
    for (let i = 0; i < MAX_PARENTS && !file; i++) {
      const found = CANDIDATES.map((c) => `${dir === '/' ? '' : dir}/${c}`).filter(exists);
      if (found.length > 0) file = found[0]!;
      if (dir === '/') break;
      dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
    }
    if (!file) throw new CliError('no configuration file provided: not found', 1);
  }
  const workingDir = flags.projectDirectory ? normalizePathPosix(flags.projectDirectory, cwd) : file.slice(0, file.lastIndexOf('/')) || '/';
  const env = new Map<string, string>();
  const dotenv = `${workingDir === '/' ? '' : workingDir}/.env`;
  if (exists(dotenv)) for (const [k, v] of parseEnvFile(read(dotenv))) env.set(k, v);
  for (const [k, v] of io.env ?? []) env.set(k, v);
  try {
    return loadProject({
      text: read(file), file, workingDir, env, readFile: read,
      ...((flags.projectName ?? env.get('COMPOSE_PROJECT_NAME')) && { projectName: flags.projectName ?? env.get('COMPOSE_PROJECT_NAME') }),
    });
  } catch (e) {
    if (e instanceof ComposeError) throw new CliError(e.message, 1);
    throw e;
  }
}
