// ENTRYPOINT ["executable", "param1"]   |   ENTRYPOINT command param1
// Setting ENTRYPOINT clears a CMD inherited from the base image (a CMD set
// earlier in this stage stays), as Docker does.
import { commitMetadata, type DispatchContext } from '../context.ts';
import { goQuoteList } from '../go-format.ts';
import type { EntrypointInstruction } from '../instructions.ts';
import { commandArgv } from './cmd.ts';

export async function dispatchEntrypoint(d: DispatchContext, ins: EntrypointInstruction): Promise<void> {
  const entrypoint = commandArgv(d, ins.command);
  d.state.config.Entrypoint = entrypoint;
  if (!d.state.cmdSet) d.state.config.Cmd = null;
  await commitMetadata(d, `ENTRYPOINT ${goQuoteList(entrypoint)}`);
}
