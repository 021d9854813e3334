// SHELL ["executable", "parameters"]
import { commitMetadata, type DispatchContext } from '../context.ts';
import { goList } from '../go-format.ts';
import type { ShellInstruction } from '../instructions.ts';

export async function dispatchShell(d: DispatchContext, ins: ShellInstruction): Promise<void> {
  d.state.config.Shell = [...ins.shell];
  await commitMetadata(d, `SHELL ${goList(ins.shell)}`);
}
