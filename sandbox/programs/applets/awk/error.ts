// The one error type of the awk applet: a syntax or run-time error, reported
// as `awk: cmd. line:N: message` with exit status 1, as busybox does.
export class AwkError extends Error {
  constructor(message: string, public line = 0) { super(message); }
}

/** A fatal error reported as plain `awk: message` (can't open a file, …), exit status 1. */
export class AwkFatal extends Error {}
