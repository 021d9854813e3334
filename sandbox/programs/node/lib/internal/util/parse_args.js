// util.parseArgs (guest code), as Node 20.16+/22.4+ has it: command-line
// arguments → { values, positionals, tokens? } for a table of options
// (type string|boolean, short, multiple, default), in three passes as Node
// makes them. First the arguments become tokens — `--` ends the options,
// `-abc` is a group of shorts, `-ofile` and `--opt=value` carry a value
// inline, a string option takes the next argument whatever it looks like;
// then each token is checked (strict: unknown options, missing values,
// `--port --verbose` ambiguity, unexpected positionals, `--no-x` with
// allowNegative) and stored; last, defaults fill what was not given. With no
// `args`, the program's own arguments: process.argv after the script, or
// after node itself for code given by -e/-p. Errors carry Node's codes and
// words (ERR_PARSE_ARGS_*, ERR_INVALID_ARG_TYPE/VALUE for a bad table).
'use strict';

const errors = require('internal/errors');

const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
/** obj[key] when it is obj's own property (an inherited `type` does not count). */
const own = (obj, key) => (hasOwn(obj, key) ? obj[key] : undefined);
/** What the option table says of one property of an option, if it has the option. */
const optionProp = (options, name, key) => (hasOwn(options, name) ? own(options[name], key) : undefined);

// ---- the program's own arguments -------------------------------------------------

/** execArgv flags that take the next argument as their value. */
const VALUE_FLAGS = new Set(['-e', '--eval', '-p', '--print', '-pe', '-r', '--require', '--import', '--input-type']);
const EVAL_FLAGS = new Set(['-e', '--eval', '-p', '--print', '-pe']);

/** The code node was given with -e/-p ('' when none), read from execArgv as Node's --eval option holds it. */
function evalCode(execArgv) {
  let code = '';
  for (let i = 0; i < execArgv.length; i++) {
    const arg = String(execArgv[i]);
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (!VALUE_FLAGS.has(flag)) continue;
    const value = eq === -1 ? execArgv[++i] : arg.slice(eq + 1);
    if (EVAL_FLAGS.has(flag)) code = value === undefined ? '' : String(value);
  }
  return code;
}

/** process.argv without node (and without the script, when there is one: -e/-p code has none). */
function mainArgs() {
  return process.argv.slice(evalCode(process.execArgv || []).length !== 0 ? 1 : 2);
}

// ---- validating the configuration ---------------------------------------------------

function mustBeBoolean(value, name) {
  if (typeof value !== 'boolean') throw errors.invalidArgType(name, 'boolean', value);
}
function mustBeString(value, name) {
  if (typeof value !== 'string') throw errors.invalidArgType(name, 'string', value);
}
function mustBeArray(value, name) {
  if (!Array.isArray(value)) throw errors.invalidArgMust(name, 'an instance of Array', value);
}
function mustBeObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw errors.invalidArgType(name, 'object', value);
}
function mustBeArrayOf(check) {
  return (value, name) => {
    mustBeArray(value, name);
    for (let i = 0; i < value.length; i++) check(value[i], `${name}[${i}]`);
  };
}

/** Each option's settings, checked as Node checks them (in the table's order). */
function validateOptions(options) {
  mustBeObject(options, 'options');
  for (const [name, config] of Object.entries(options)) {
    mustBeObject(config, `options.${name}`);
    const type = own(config, 'type');
    if (type !== 'string' && type !== 'boolean') throw errors.invalidArgMust(`options.${name}.type`, "('string|boolean')", type);
    if (hasOwn(config, 'short')) {
      const short = config.short;
      mustBeString(short, `options.${name}.short`);
      if (short.length !== 1) throw errors.invalidArgValue(`options.${name}.short`, short, 'must be a single character');
    }
    const multiple = own(config, 'multiple');
    if (hasOwn(config, 'multiple')) mustBeBoolean(multiple, `options.${name}.multiple`);
    const value = own(config, 'default');
    if (value !== undefined) {
      const one = type === 'string' ? mustBeString : mustBeBoolean;
      (multiple ? mustBeArrayOf(one) : one)(value, `options.${name}.default`);
    }
  }
}

// ---- arguments → tokens ----------------------------------------------------------------

/** The long name of a short option (the short itself when no option claims it). */
function longFor(short, options) {
  for (const [name, config] of Object.entries(options)) {
    if (own(config, 'short') === short) return name;
  }
  return short;
}

const isShortForm = (arg) => arg.length > 1 && arg.charAt(0) === '-' && arg.charAt(1) !== '-';
const takesString = (options, name) => optionProp(options, name, 'type') === 'string';

/**
 * The tokens of `args`: options (name, rawName, index, value, inlineValue),
 * positionals (index, value) and the option-terminator. A short group
 * `-abfFILE` becomes `-a -b -fFILE`, all with the group's index.
 */
function tokenize(args, options) {
  const tokens = [];
  const pending = args.slice();
  let index = -1;
  let fromGroup = 0;
  /** An option written alone (`-f`, `--foo`): a string option takes the next argument as its value, whatever it looks like. */
  const optionTakingNext = (name, rawName, next) => {
    let value;
    let inlineValue;
    if (takesString(options, name) && next != null) {
      value = pending.shift();
      inlineValue = false;
    }
    tokens.push({ kind: 'option', name, rawName, index, value, inlineValue });
    if (value != null) index++;
  };
  while (pending.length > 0) {
    const arg = pending.shift();
    const next = pending[0];
    if (fromGroup > 0) fromGroup--;
    else index++;

    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (const rest of pending) tokens.push({ kind: 'positional', index: ++index, value: rest });
      break;
    }
    if (isShortForm(arg) && arg.length === 2) {
      // -f, or -f VALUE for a string option (the next argument, whatever it looks like).
      optionTakingNext(longFor(arg.charAt(1), options), arg, next);
      continue;
    }
    if (isShortForm(arg)) {
      const first = longFor(arg.charAt(1), options);
      if (takesString(options, first)) {
        // -fFILE
        tokens.push({ kind: 'option', name: first, rawName: `-${arg.charAt(1)}`, index, value: arg.slice(2), inlineValue: true });
        continue;
      }
      // -abc: one argument per short; a string option inside takes the rest as its value.
      const expanded = [];
      for (let at = 1; at < arg.length; at++) {
        const short = arg.charAt(at);
        if (!takesString(options, longFor(short, options)) || at === arg.length - 1) {
          expanded.push(`-${short}`);
        } else {
          expanded.push(`-${arg.slice(at)}`);
          break;
        }
      }
      pending.unshift(...expanded);
      fromGroup = expanded.length;
      continue;
    }
    if (arg.length > 2 && arg.startsWith('--')) {
      if (!arg.includes('=', 3)) {
        // --foo, or --foo VALUE for a string option.
        optionTakingNext(arg.slice(2), arg, next);
      } else {
        // --foo=bar (split at the first '=': `--=a=b` names '' as Node does)
        const eq = arg.indexOf('=');
        const name = arg.slice(2, eq);
        tokens.push({ kind: 'option', name, rawName: `--${name}`, index, value: arg.slice(eq + 1), inlineValue: true });
      }
      continue;
    }
    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}

// ---- checking and storing ------------------------------------------------------------

function unknownOption(rawName, allowPositionals) {
  const hint = allowPositionals
    ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(rawName)}`
    : '';
  return errors.nodeError(TypeError, 'ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${rawName}'${hint}`);
}
const invalidValue = (message) => errors.nodeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', message);

/** Strict mode: the option exists (or is `--no-` a boolean one) and has a value exactly when it is a string option. */
function checkUsage(config, token) {
  let name = token.name;
  if (!hasOwn(config.options, name)) {
    const negated = config.allowNegative && name.startsWith('no-') ? name.slice(3) : null;
    if (negated === null || !hasOwn(config.options, negated) || optionProp(config.options, negated, 'type') !== 'boolean') {
      throw unknownOption(token.rawName, config.allowPositionals);
    }
    name = negated;
  }
  const short = optionProp(config.options, name, 'short');
  const shown = `${short ? `-${short}, ` : ''}--${name}`;
  const type = optionProp(config.options, name, 'type');
  if (type === 'string' && typeof token.value !== 'string') throw invalidValue(`Option '${shown} <value>' argument missing`);
  if (type === 'boolean' && token.value != null) throw invalidValue(`Option '${shown}' does not take an argument`);
}

/** Strict mode: `--port --verbose` reads as a forgotten value, unless the value was given inline. */
function checkAmbiguous(token) {
  if (token.inlineValue || token.value == null || !(token.value.length > 1 && token.value.charAt(0) === '-')) return;
  const example = token.rawName.startsWith('--') ? `'${token.rawName}=-XYZ'` : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
  throw invalidValue(`Option '${token.rawName}' argument is ambiguous.\nDid you forget to specify the option argument for '${token.rawName}'?\nTo specify an option argument starting with a dash use ${example}.`);
}

/** values[name] = the token's value (true for a flag, false for `--no-name`); a `multiple` option collects them. */
function store(token, options, values, allowNegative) {
  let name = token.name;
  let value = token.value;
  if (name === '__proto__') return;
  if (allowNegative && name.startsWith('no-') && value === undefined) {
    name = name.slice(3);
    token.name = name;
    value = false;
  }
  const stored = value === undefined || value === null ? true : value;
  if (!optionProp(options, name, 'multiple')) values[name] = stored;
  else if (values[name]) values[name].push(stored);
  else values[name] = [stored];
}

/**
 * Parses command-line arguments against a table of options, as Node's util.parseArgs.
 * @example parseArgs({ args: ['-v', '--out=x', 'a'], options: { verbose: { type: 'boolean', short: 'v' }, out: { type: 'string' } }, allowPositionals: true })
 *   // → { values: [Object: null prototype] { verbose: true, out: 'x' }, positionals: ['a'] }
 */
const parseArgs = (config = {}) => {
  const args = own(config, 'args') ?? mainArgs();
  const strict = own(config, 'strict') ?? true;
  const allowPositionals = own(config, 'allowPositionals') ?? !strict;
  const returnTokens = own(config, 'tokens') ?? false;
  const allowNegative = own(config, 'allowNegative') ?? false;
  const options = own(config, 'options') ?? { __proto__: null };

  mustBeArray(args, 'args');
  mustBeBoolean(strict, 'strict');
  mustBeBoolean(allowPositionals, 'allowPositionals');
  mustBeBoolean(returnTokens, 'tokens');
  mustBeBoolean(allowNegative, 'allowNegative');
  validateOptions(options);

  const tokens = tokenize(args, options);
  const result = { values: { __proto__: null }, positionals: [] };
  if (returnTokens) result.tokens = tokens;
  const checks = { options, allowPositionals, allowNegative };
  for (const token of tokens) {
    if (token.kind === 'option') {
      if (strict) {
        checkUsage(checks, token);
        checkAmbiguous(token);
      }
      store(token, options, result.values, allowNegative);
    } else if (token.kind === 'positional') {
      if (!allowPositionals) {
        throw errors.nodeError(TypeError, 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', `Unexpected argument '${token.value}'. This command does not take positional arguments`);
      }
      result.positionals.push(token.value);
    }
  }
  for (const [name, optionConfig] of Object.entries(options)) {
    const value = own(optionConfig, 'default');
    if (value !== undefined && result.values[name] === undefined && name !== '__proto__') result.values[name] = value;
  }
  return result;
};

module.exports = { parseArgs };
