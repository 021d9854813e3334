// USER <user>[:<group>]   |   USER <UID>[:<GID>]
import { commitMetadata, type DispatchContext } from '../context.ts';
import type { UserInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';

export async function dispatchUser(d: DispatchContext, ins: UserInstruction): Promise<void> {
  const user = expandWord(ins.user, d.state.vars(), d.escape);
  d.state.config.User = user;
  await commitMetadata(d, `USER ${user}`);
}
