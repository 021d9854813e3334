// ARG <name>[=<default value>] [<name>[=<default value>] ...]
// The value is the --build-arg given for it, else its default, else the
// value of a global ARG of that name (declared before the first FROM).
import { commitMetadata, type DispatchContext } from '../context.ts';
import type { ArgInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';

export async function dispatchArg(d: DispatchContext, ins: ArgInstruction): Promise<void> {
  const parts: string[] = [];
  for (const arg of ins.args) {
    const vars = d.state.vars();
    const def = arg.defaultValue !== undefined ? expandWord(arg.defaultValue, vars, d.escape) : undefined;
    let value = def;
    if (d.buildArgs.has(arg.name)) {
      value = d.buildArgs.get(arg.name);
      d.usedBuildArgs.add(arg.name);
    } else if (def === undefined && d.metaArgs.has(arg.name)) {
      value = d.metaArgs.get(arg.name);
    }
    d.state.args.set(arg.name, value);
    parts.push(def !== undefined ? `${arg.name}=${def}` : arg.name);
  }
  await commitMetadata(d, `ARG ${parts.join(' ')}`);
}
