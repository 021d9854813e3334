// assert.AssertionError (guest code) and the messages Node writes into it:
// `1 !== 2` for short primitives, a line diff of the two values as
// util.inspect prints them (`+ actual - expected`, runs of equal lines
// collapsed to `...`, a `^` under the first differing character of two
// one-line values) for strictEqual and deepStrictEqual, and the plain
// layouts of the other operators. The layout is Node's classic diff, the
// one the host's Node.js prints (the tests compare with it); colours only
// when stderr is a terminal that has them.
'use strict';

const { inspect } = require('internal/inspect');

const HEADINGS = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};
/** Two primitives this short (together) read best as `a !== b`. */
const SHORT = 12;

const paint = { blue: '', green: '', red: '', white: '' };
function refreshColours() {
  const err = process.stderr;
  const on = Boolean(err.isTTY && typeof err.hasColors === 'function' && err.hasColors());
  paint.blue = on ? '\u001b[34m' : '';
  paint.green = on ? '\u001b[32m' : '';
  paint.red = on ? '\u001b[31m' : '';
  paint.white = on ? '\u001b[39m' : '';
}

/** The values as assert shows them: every level, sorted keys, getters read, no custom inspectors. */
function show(value) {
  return inspect(value, {
    compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity,
    showHidden: false, showProxy: false, sorted: true, getters: true,
  });
}

const isObject = (v) => typeof v === 'object' && v !== null;
const withoutColours = (s) => s.replace(/\u001b\[\d+m/g, '');

/** The three lines before a change, as many as were equal (more than five: `...` and two). */
function contextBefore(lines, at, equal) {
  if (equal <= 2) return { text: '', skipped: false, count: 0 };
  let text = '';
  let skipped = false;
  let count = 1;
  if (equal > 4) {
    if (equal === 5) { text += `\n  ${lines[at - 3]}`; count++; } else { text += `\n${paint.blue}...${paint.white}`; skipped = true; }
  }
  if (equal > 3) { text += `\n  ${lines[at - 2]}`; count++; }
  text += `\n  ${lines[at - 1]}`;
  return { text, skipped, count };
}

function diffMessage(actual, expected, operator, message) {
  const shownActual = show(actual);
  const actualLines = shownActual.split('\n');
  const expectedLines = show(expected).split('\n');
  if (operator === 'strictEqual' && ((isObject(actual) && isObject(expected)) || (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  const heading = message || HEADINGS[operator];
  let indicator = '';
  let matched = 0;

  // Two different one-line values: short primitives as `a !== b`, else a caret under the first difference.
  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    const a = withoutColours(actualLines[0]);
    const b = withoutColours(expectedLines[0]);
    const length = a.length + b.length;
    if (length <= SHORT) {
      if (!isObject(actual) && !isObject(expected) && (actual !== 0 || expected !== 0)) {
        return `${heading}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
      }
    } else if (operator !== 'strictEqualObject' && length < (process.stderr.isTTY ? process.stderr.columns : 80)) {
      let at = 0;
      while (a[at] === b[at]) at++;
      if (at > 2) indicator = `\n  ${' '.repeat(at)}^`;
      else matched = at;
    }
  }

  // Equal last lines leave the comparison: up to three are shown after it, the rest stand for a `...`.
  let tail = '';
  let lastHidden = '';
  while (actualLines.length > 0 && expectedLines.length > 0 && actualLines[actualLines.length - 1] === expectedLines[expectedLines.length - 1]) {
    const line = actualLines.pop();
    expectedLines.pop();
    if (matched++ < 3) tail = `\n  ${line}${tail}`;
    else lastHidden = line;
  }
  const rows = Math.max(actualLines.length, expectedLines.length);
  if (rows === 0) {
    const lines = shownActual.split('\n');
    if (lines.length > 50) {
      lines[46] = `${paint.blue}...${paint.white}`;
      lines.length = 47;
    }
    return `${HEADINGS.notIdentical}\n\n${lines.join('\n')}\n`;
  }
  let skipped = false;
  if (matched >= 5) {
    tail = `\n${paint.blue}...${paint.white}${tail}`;
    skipped = true;
  }
  if (lastHidden !== '') tail = `\n  ${lastHidden}${tail}`;

  const head = `${heading}\n${paint.green}+ actual${paint.white} ${paint.red}- expected${paint.white}`;
  const skippedNote = ` ${paint.blue}...${paint.white} Lines skipped`;
  const longer = actualLines.length < rows ? expectedLines : actualLines;
  const longerSign = longer === actualLines ? `${paint.green}+${paint.white}` : `${paint.red}-${paint.white}`;
  const shorterLength = longer === actualLines ? expectedLines.length : actualLines.length;
  let out = '';
  // Lines of `expected` wait here so that a run of changes reads +++--- rather than +-+-.
  let waiting = '';
  let printed = 0;
  let equal = 0;
  for (let i = 0; i < rows; i++) {
    if (i >= shorterLength) {
      const before = contextBefore(longer, i, equal);
      out += before.text;
      skipped ||= before.skipped;
      printed += before.count;
      equal = 0;
      if (longer === actualLines) out += `\n${longerSign} ${longer[i]}`;
      else waiting += `\n${longerSign} ${longer[i]}`;
      printed++;
    } else {
      const expectedLine = expectedLines[i];
      let actualLine = actualLines[i];
      // A line that differs only by a trailing comma is the same line.
      let differs = actualLine !== expectedLine && !(actualLine.endsWith(',') && actualLine.slice(0, -1) === expectedLine);
      if (differs && expectedLine.endsWith(',') && expectedLine.slice(0, -1) === actualLine) {
        differs = false;
        actualLine += ',';
      }
      if (differs) {
        const before = contextBefore(actualLines, i, equal);
        out += before.text;
        skipped ||= before.skipped;
        printed += before.count;
        equal = 0;
        out += `\n${paint.green}+${paint.white} ${actualLine}`;
        waiting += `\n${paint.red}-${paint.white} ${expectedLine}`;
        printed += 2;
      } else {
        out += waiting;
        waiting = '';
        equal++;
        if (equal <= 2) {
          out += `\n  ${actualLine}`;
          printed++;
        }
      }
    }
    if (printed > 50 && i < rows - 2) {
      return `${head}${skippedNote}\n${out}\n${paint.blue}...${paint.white}${waiting}\n${paint.blue}...${paint.white}`;
    }
  }
  return `${head}${skipped ? skippedNote : ''}\n${out}${waiting}${tail}${indicator}`;
}

/** A copy of an error that shows its message but not its stack. */
function copyError(source) {
  const target = Object.assign({ __proto__: Object.getPrototypeOf(source) }, source);
  Object.defineProperty(target, 'message', { value: source.message });
  return target;
}

function messageFor(options) {
  let { actual, expected } = options;
  const { message, operator } = options;
  if (message != null) {
    return operator === 'deepStrictEqual' || operator === 'strictEqual' ? diffMessage(actual, expected, operator, message) : String(message);
  }
  refreshColours();
  if (isObject(actual) && isObject(expected) && 'stack' in actual && actual instanceof Error && 'stack' in expected && expected instanceof Error) {
    actual = copyError(actual);
    expected = copyError(expected);
  }
  if (operator === 'deepStrictEqual' || operator === 'strictEqual') return diffMessage(actual, expected, operator);
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    let heading = HEADINGS[operator];
    const lines = show(actual).split('\n');
    if (operator === 'notStrictEqual' && (isObject(actual) || typeof actual === 'function')) heading = HEADINGS.notStrictEqualObject;
    if (lines.length > 50) {
      lines[46] = `${paint.blue}...${paint.white}`;
      lines.length = 47;
    }
    if (lines.length === 1) return `${heading}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    return `${heading}\n\n${lines.join('\n')}\n`;
  }
  let a = show(actual);
  let b = show(expected);
  const heading = HEADINGS[operator];
  if (operator === 'notDeepEqual' && a === b) {
    a = `${heading}\n\n${a}`;
    return a.length > 1024 ? `${a.slice(0, 1021)}...` : a;
  }
  if (a.length > 512) a = `${a.slice(0, 509)}...`;
  if (b.length > 512) b = `${b.slice(0, 509)}...`;
  if (operator === 'deepEqual') return `${heading}\n\n${a}\n\nshould loosely deep-equal\n\n${b}`;
  const unequal = HEADINGS[`${operator}Unequal`];
  if (unequal) return `${unequal}\n\n${a}\n\nshould not loosely deep-equal\n\n${b}`;
  return `${a} ${operator} ${b}`;
}

/** Long strings cut for inspection: ten lines or 512 characters. */
function shortened(s) {
  const lines = s.split('\n', 11);
  if (lines.length > 10) return `${lines.slice(0, 10).join('\n')}\n...`;
  return s.length > 512 ? `${s.slice(512)}...` : s;
}

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object') throw require('internal/errors').invalidArgType('options', 'object', options);
    const { message, operator, stackStartFn, stackStartFunction, details } = options;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let text;
    try {
      text = messageFor(options);
    } finally {
      Error.stackTraceLimit = limit;
    }
    super(text);
    this.generatedMessage = !message;
    Object.defineProperty(this, 'name', { value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      details.forEach((d, i) => {
        this[`message ${i}`] = d.message;
        this[`actual ${i}`] = d.actual;
        this[`expected ${i}`] = d.expected;
        this[`operator ${i}`] = d.operator;
        this[`stack trace ${i}`] = d.stack;
      });
    } else {
      const copies = message == null && isObject(options.actual) && isObject(options.expected) && options.actual instanceof Error && options.expected instanceof Error;
      this.actual = copies ? copyError(options.actual) : options.actual;
      this.expected = copies ? copyError(options.expected) : options.expected;
      this.operator = operator;
    }
    Error.captureStackTrace(this, stackStartFn || stackStartFunction);
    // The stack's first line keeps the code; the name goes back to AssertionError.
    void this.stack;
    this.name = 'AssertionError';
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [inspect.custom](depth, options) {
    const { actual, expected } = this;
    if (typeof actual === 'string') this.actual = shortened(actual);
    if (typeof expected === 'string') this.expected = shortened(expected);
    try {
      return inspect(this, { ...options, customInspect: false, depth: 0 });
    } finally {
      this.actual = actual;
      this.expected = expected;
    }
  }
}

module.exports = { AssertionError };
