// console (guest code): log/info/debug to stdout, error/warn/trace to
// stderr, formatted by util.format — in colour when the stream is a
// terminal with more than 16 colours or FORCE_COLOR says so (colorMode
// 'auto'); dir, table, time/timeEnd, count, group indentation and assert,
// as Node's Console has them.
'use strict';

const { format, formatWithOptions, inspect } = require('internal/inspect');
const { shouldColorize } = require('internal/color-depth');

const kGroupIndent = Symbol('kGroupIndent');

class Console {
  constructor(stdout, stderr, ignoreErrors) {
    let colorMode = 'auto';
    let inspectOptions = null;
    if (stdout && typeof stdout.write !== 'function') ({ stdout, stderr = stdout, ignoreErrors, colorMode = 'auto', inspectOptions = null } = stdout);
    this._colorMode = colorMode;
    this._inspectOptions = inspectOptions;
    this._stdout = stdout;
    this._stderr = stderr || stdout;
    this._times = new Map();
    this._counts = new Map();
    this[kGroupIndent] = '';
    for (const key of Object.getOwnPropertyNames(Console.prototype)) {
      if (key !== 'constructor' && typeof this[key] === 'function') this[key] = this[key].bind(this);
    }
  }
  _write(stream, text) {
    if (this[kGroupIndent]) text = this[kGroupIndent] + text.replaceAll('\n', `\n${this[kGroupIndent]}`);
    stream.write(`${text}\n`);
  }
  /** Inspect options for a stream: colours as colorMode decides; null when plain format() will do. */
  _optionsFor(stream) {
    const colors = this._colorMode === 'auto' ? shouldColorize(stream) : Boolean(this._colorMode);
    if (!colors && !this._inspectOptions) return null;
    return { ...this._inspectOptions, colors };
  }
  _print(stream, args) {
    const options = this._optionsFor(stream);
    this._write(stream, options ? formatWithOptions(options, ...args) : format(...args));
  }
  log(...args) { this._print(this._stdout, args); }
  info(...args) { this._print(this._stdout, args); }
  debug(...args) { this._print(this._stdout, args); }
  error(...args) { this._print(this._stderr, args); }
  warn(...args) { this._print(this._stderr, args); }
  dir(obj, options) { this._write(this._stdout, inspect(obj, { customInspect: false, ...this._optionsFor(this._stdout), ...options })); }
  dirxml(...args) { this.log(...args); }
  trace(...args) {
    const err = { name: 'Trace', message: format(...args) };
    Error.captureStackTrace(err, this.trace);
    this.error(err.stack);
  }
  assert(value, ...args) {
    if (!value) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      this.warn(...args);
    }
  }
  count(label = 'default') {
    label = `${label}`;
    const n = (this._counts.get(label) || 0) + 1;
    this._counts.set(label, n);
    this.log(`${label}: ${n}`);
  }
  countReset(label = 'default') {
    if (!this._counts.has(`${label}`)) return process.emitWarning(`Count for '${label}' does not exist`);
    this._counts.delete(`${label}`);
  }
  time(label = 'default') {
    label = `${label}`;
    if (this._times.has(label)) return process.emitWarning(`Label '${label}' already exists for console.time()`);
    this._times.set(label, process.hrtime.bigint());
  }
  timeEnd(label = 'default') {
    if (this._timeLog(`${label}`, 'timeEnd', [])) this._times.delete(`${label}`);
  }
  timeLog(label = 'default', ...data) { this._timeLog(`${label}`, 'timeLog', data); }
  _timeLog(label, fn, data) {
    const start = this._times.get(label);
    if (start === undefined) {
      process.emitWarning(`No such label '${label}' for console.${fn}()`);
      return false;
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    this.log('%s: %s', label, formatTime(ms), ...data);
    return true;
  }
  group(...data) {
    if (data.length > 0) this.log(...data);
    this[kGroupIndent] += '  ';
  }
  groupCollapsed(...data) { this.group(...data); }
  groupEnd() { this[kGroupIndent] = this[kGroupIndent].slice(0, -2); }
  table(data, properties) { this.log(renderTable(data, properties)); }
}

function formatTime(ms) {
  let hours = 0, minutes = 0, seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms -= hours * 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms -= minutes * 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, msPart] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : minutes;
    return `${res}:${s.padStart(2, '0')}.${msPart} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

/** console.table's box drawing, as Node renders it. */
function renderTable(data, properties) {
  if (data === null || typeof data !== 'object') return format(data);
  const cell = (v) => (v === undefined ? '' : typeof v === 'string' ? `'${v}'` : inspect(v, { depth: 1, breakLength: Infinity, compact: true }));
  const indexKey = '(index)';
  const valuesKey = 'Values';
  const rows = [];
  const keys = [];
  let hasValues = false;
  const entries = data instanceof Map ? [...data.entries()].map(([k, v], i) => [String(i), v, k]) : Object.keys(data).map((k) => [k, data[k]]);
  for (const [index, value] of entries) {
    const row = { [indexKey]: index };
    if (value !== null && typeof value === 'object') {
      for (const k of properties || Object.keys(value)) {
        if (!keys.includes(k)) keys.push(k);
        if (k in value) row[k] = cell(value[k]);
      }
    } else {
      hasValues = true;
      row[valuesKey] = cell(value);
    }
    rows.push(row);
  }
  const columns = [indexKey, ...keys, ...(hasValues ? [valuesKey] : [])];
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] === undefined ? 0 : String(r[c]).length))) + 2);
  const center = (s, w) => ` ${s}${' '.repeat(w - s.length - 1)}`;
  const line = (l, m, r) => l + width.map((w) => '─'.repeat(w)).join(m) + r;
  const out = [line('┌', '┬', '┐'), `│${columns.map((c, i) => center(c, width[i])).join('│')}│`, line('├', '┼', '┤')];
  for (const r of rows) out.push(`│${columns.map((c, i) => center(r[c] === undefined ? '' : String(r[c]), width[i])).join('│')}│`);
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

const globalConsole = new Console({ stdout: process.stdout, stderr: process.stderr });
// Node's global console writes to whatever process.stdout is when called.
Object.defineProperty(globalConsole, '_stdout', { get: () => process.stdout, configurable: true });
Object.defineProperty(globalConsole, '_stderr', { get: () => process.stderr, configurable: true });
globalConsole.Console = Console;
globalConsole.formatWithOptions = formatWithOptions;

module.exports = globalConsole;
