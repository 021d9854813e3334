// One run of npm: its process, configuration and folders (the project's
// prefix, the cache in ~/.npm), the registry it resolves against, and its
// output — stdout for what npm prints (nothing of it under --silent),
// `npm warn` / `npm error` lines on stderr by log level (coloured on a
// terminal), and the debug log npm writes for every run to
// ~/.npm/_logs/<time>-debug-0.log (the newest ten kept), whose path an
// error's last line gives.
import type { Process } from '../../kernel/process.ts';
import { KERNEL } from '../../kernel/procfs.ts';
import type { Config } from './config.ts';
import { errorLines, logLines, type NpmError } from './errors.ts';
import { Registry } from './packuments.ts';
import { ownVersion } from '../own-version.ts';

export const NPM_VERSION = '10.9.2';

const LEVELS = ['silent', 'error', 'warn', 'notice', 'http', 'timing', 'info', 'verbose', 'silly'];

export class Session {
  /** When npm started (the kernel's monotonic ms): the summary line's time. */
  readonly started: number;
  readonly registry: Registry;
  private readonly logLines: string[] = [];
  private logFile: string | null = null;

  /** The release this npm binary is (node:20-alpine ships 10.8.2): programs/own-version.ts. */
  readonly npmVersion: string;

  constructor(
    readonly p: Process,
    readonly config: Config,
    /** The folder npm works in (the nearest one up from cwd with package.json or node_modules). */
    public prefix: string,
    readonly cacheDir: string,
    readonly command: string,
    readonly argv: string[],
    readonly nodeVersion: string,
  ) {
    this.npmVersion = ownVersion(p, NPM_VERSION);
    this.started = p.now();
    this.registry = new Registry(undefined, nodeVersion, config.str('registry').replace(/\/?$/, '/'), (line) => this.log(line));
    this.log(`verbose cli /usr/local/bin/node /usr/local/bin/npm`);
    this.log(`info using npm@${this.npmVersion}`);
    this.log(`info using node@v${nodeVersion}`);
    this.log(`verbose title npm ${[command, ...argv.filter((a) => !a.startsWith('-'))].filter(Boolean).join(' ')}`);
    this.log(`verbose argv ${[command, ...argv].filter(Boolean).map((a) => JSON.stringify(a)).join(' ')}`);
  }

  get silent(): boolean { return this.config.silent; }
  get uid(): number { return this.p.uid; }
  get gid(): number { return this.p.gid; }

  private levelShown(level: string): boolean {
    const want = LEVELS.indexOf(this.config.str('loglevel'));
    return LEVELS.indexOf(level) <= (want < 0 ? 3 : want);
  }

  private get color(): boolean {
    const c = this.config.str('color');
    return c === 'always' || (c !== 'false' && this.p.tty(2) !== null);
  }

  /** A line of the debug log (`<n> <level> <text>`). */
  log(text: string): void {
    if (this.logLines.length < 5_000) this.logLines.push(`${this.logLines.length} ${text}`);
  }

  /** Prints to stdout as npm's output.standard does (a newline added; nothing under --silent). */
  async out(text: string): Promise<void> {
    if (this.silent) return;
    await this.p.write(1, text + '\n');
  }

  /** `npm warn <title> <text>` on stderr (at loglevel warn and above). */
  async warn(title: string, text: string): Promise<void> {
    this.log(`warn ${title} ${text}`);
    if (this.levelShown('warn')) await this.p.write(2, logLines('warn', [title, text], this.color).join('\n') + '\n');
  }

  /** `npm notice …` on stderr. */
  async notice(text: string): Promise<void> {
    this.log(`notice ${text}`);
    if (this.levelShown('notice')) await this.p.write(2, logLines('notice', ['', text], this.color).join('\n') + '\n');
  }

  /** Prints an error as npm does, with the log file's line; returns its exit status. */
  async error(err: NpmError): Promise<number> {
    for (const [title, ...text] of [['code', err.code], ...err.fields, ...err.summary, ...err.detail]) this.log(`error ${title} ${text.join(' ')}`);
    const lines = errorLines(err, this.color);
    const file = this.writeLog(err.exitCode);
    const last = file ? `A complete log of this run can be found in: ${file}` : `Log files were not written due to an error writing to the directory: ${this.cacheDir}/_logs\nYou can rerun the command with \`--loglevel=verbose\` to see the logs in your terminal`;
    if (this.levelShown('error')) await this.p.write(2, [...lines, ...logLines('error', ['', last], this.color)].join('\n') + '\n');
    return err.exitCode;
  }

  /** Writes the debug log (once); its path, or null when it could not be written. */
  writeLog(exitCode: number): string | null {
    if (this.logFile) return this.logFile;
    this.log(`verbose cwd ${this.p.cwd}`);
    this.log(`verbose os ${KERNEL.sysname} ${KERNEL.release}`);
    this.log(`verbose node v${this.nodeVersion}`);
    this.log(`verbose npm  v${this.npmVersion}`);
    this.log(`verbose exit ${exitCode}`);
    this.log(exitCode ? `verbose code ${exitCode}` : 'info ok');
    const dir = `${this.cacheDir}/_logs`;
    const fs = this.p.fs;
    try {
      if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o755, uid: this.uid, gid: this.gid });
      const stamp = new Date(Date.now()).toISOString().replace(/[:.]/g, '_');
      const file = `${dir}/${stamp}-debug-0.log`;
      fs.writeFileSync(file, this.logLines.join('\n') + '\n', { mode: 0o644, uid: this.uid, gid: this.gid });
      const max = Number(this.config.str('logs-max')) || 10;
      const logs = fs.readdirSync(dir).filter((n) => /-debug-\d+\.log$/.test(n)).sort();
      for (const old of logs.slice(0, Math.max(0, logs.length - max))) fs.unlinkSync(`${dir}/${old}`);
      this.logFile = file;
      return file;
    } catch {
      return null;
    }
  }
}
