// CMD ["executable","param1"]   |   CMD ["param1","param2"]   |   CMD command param1
import { commitMetadata, type DispatchContext } from '../context.ts';
import { goQuoteList } from '../go-format.ts';
import type { CmdInstruction, CommandForm } from '../instructions.ts';

/** A command in its stored form: exec as written, shell form through SHELL. */
export function commandArgv(d: DispatchContext, command: CommandForm): string[] {
  return 'exec' in command ? [...command.exec] : [...d.state.shell(), command.shell];
}

export async function dispatchCmd(d: DispatchContext, ins: CmdInstruction): Promise<void> {
  const cmd = commandArgv(d, ins.command);
  d.state.config.Cmd = cmd;
  d.state.cmdSet = true;
  await commitMetadata(d, `CMD ${goQuoteList(cmd)}`);
}
