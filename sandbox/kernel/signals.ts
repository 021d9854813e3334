// Signals as Linux numbers them (x86-64), their names, and what happens
// when a process has no handler for one (signal(7) "default action").

export const SIGNALS = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
  SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGSTKFLT: 16, SIGCHLD: 17,
  SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25,
  SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPWR: 30, SIGSYS: 31,
} as const;

export type SignalName = keyof typeof SIGNALS;

export const SIGKILL = 9;
export const SIGTERM = 15;
export const SIGINT = 2;
export const SIGHUP = 1;
export const SIGPIPE = 13;
export const SIGCHLD = 17;
export const SIGSTOP = 19;

const BY_NUMBER = new Map<number, SignalName>(Object.entries(SIGNALS).map(([k, v]) => [v, k as SignalName]));
const IGNORED_BY_DEFAULT = new Set<number>([SIGNALS.SIGCHLD, SIGNALS.SIGURG, SIGNALS.SIGWINCH, SIGNALS.SIGCONT]);
const STOPPING = new Set<number>([SIGNALS.SIGSTOP, SIGNALS.SIGTSTP, SIGNALS.SIGTTIN, SIGNALS.SIGTTOU]);

export type DefaultAction = 'terminate' | 'ignore' | 'stop';

export function defaultAction(sig: number): DefaultAction {
  if (IGNORED_BY_DEFAULT.has(sig)) return 'ignore';
  if (STOPPING.has(sig)) return 'stop';
  return 'terminate';
}

/** `TERM`, `SIGTERM`, `15` → 15; null when unknown. */
export function parseSignal(s: string): number | null {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 64 ? n : null;
  }
  const name = (s.toUpperCase().startsWith('SIG') ? s.toUpperCase() : `SIG${s.toUpperCase()}`) as SignalName;
  return SIGNALS[name] ?? null;
}

/** 15 → `SIGTERM` (real-time signals as `SIGRTMIN+n`). */
export function signalName(sig: number): string {
  const n = BY_NUMBER.get(sig);
  if (n) return n;
  if (sig >= 34 && sig <= 64) return sig === 64 ? 'SIGRTMAX' : `SIGRTMIN+${sig - 34}`;
  return `SIG${sig}`;
}

/** The wait status a shell reports for death by signal (128 + n). */
export function signalExitCode(sig: number): number {
  return 128 + sig;
}
