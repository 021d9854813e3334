// STOPSIGNAL <signal>   (a name like SIGQUIT or QUIT, or a number)
import { BuildError } from '../backend.ts';
import { commitMetadata, type DispatchContext } from '../context.ts';
import type { StopsignalInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';

const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL',
  'PROF', 'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1',
  'USR2', 'VTALRM', 'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
]);

/** Whether Docker accepts `s` as a stop signal. */
export function isValidSignal(s: string): boolean {
  if (/^\d+$/.test(s)) return Number(s) > 0 && Number(s) <= 64;
  const name = s.toUpperCase().replace(/^SIG/, '');
  return SIGNALS.has(name) || /^RTMIN\+\d+$|^RTMAX-\d+$/.test(name);
}

export async function dispatchStopsignal(d: DispatchContext, ins: StopsignalInstruction): Promise<void> {
  const signal = expandWord(ins.signal, d.state.vars(), d.escape);
  if (!isValidSignal(signal)) throw new BuildError(`Invalid signal: ${signal}`);
  d.state.config.StopSignal = signal;
  await commitMetadata(d, `STOPSIGNAL ${signal}`);
}
