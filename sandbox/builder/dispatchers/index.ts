// One dispatcher per instruction, chosen by an exhaustive switch (moby's
// builder/dockerfile/dispatchers.go). FROM starts stages in evaluator.ts.
import { BuildError } from '../backend.ts';
import type { DispatchContext } from '../context.ts';
import type { Instruction } from '../instructions.ts';
import { dispatchAdd } from './add.ts';
import { dispatchArg } from './arg.ts';
import { dispatchCmd } from './cmd.ts';
import { dispatchCopy } from './copy.ts';
import { dispatchEntrypoint } from './entrypoint.ts';
import { dispatchEnv } from './env.ts';
import { dispatchExpose } from './expose.ts';
import { dispatchHealthcheck } from './healthcheck.ts';
import { dispatchLabel } from './label.ts';
import { dispatchMaintainer } from './maintainer.ts';
import { dispatchOnbuild } from './onbuild.ts';
import { dispatchRun } from './run.ts';
import { dispatchShell } from './shell.ts';
import { dispatchStopsignal } from './stopsignal.ts';
import { dispatchUser } from './user.ts';
import { dispatchVolume } from './volume.ts';
import { dispatchWorkdir } from './workdir.ts';

export function dispatch(d: DispatchContext, ins: Instruction): Promise<void> {
  switch (ins.kind) {
    case 'RUN': return dispatchRun(d, ins);
    case 'CMD': return dispatchCmd(d, ins);
    case 'ENTRYPOINT': return dispatchEntrypoint(d, ins);
    case 'ENV': return dispatchEnv(d, ins);
    case 'LABEL': return dispatchLabel(d, ins);
    case 'ARG': return dispatchArg(d, ins);
    case 'WORKDIR': return dispatchWorkdir(d, ins);
    case 'COPY': return dispatchCopy(d, ins);
    case 'ADD': return dispatchAdd(d, ins);
    case 'EXPOSE': return dispatchExpose(d, ins);
    case 'USER': return dispatchUser(d, ins);
    case 'VOLUME': return dispatchVolume(d, ins);
    case 'STOPSIGNAL': return dispatchStopsignal(d, ins);
    case 'HEALTHCHECK': return dispatchHealthcheck(d, ins);
    case 'SHELL': return dispatchShell(d, ins);
    case 'ONBUILD': return dispatchOnbuild(d, ins);
    case 'MAINTAINER': return dispatchMaintainer(d, ins);
    case 'FROM': throw new BuildError('FROM is handled when a stage starts');
    default: {
      const never: never = ins;
      throw new BuildError(`unknown instruction ${(never as Instruction).kind}`);
    }
  }
}
