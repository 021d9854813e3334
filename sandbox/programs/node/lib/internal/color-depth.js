// How many colours a terminal shows, as Node's tty.WriteStream#getColorDepth
// decides from the environment (guest code): FORCE_COLOR first (0–3, as
// chalk counts levels), then NO_COLOR / NODE_DISABLE_COLORS / TERM=dumb,
// tmux, CI services, TeamCity, the terminal program, COLORTERM, and TERM's
// name (dircolors' list). Answers in bits: 1, 4, 8 or 24. shouldColorize()
// is the console's choice of colours for a stream.
'use strict';

const BITS = { two: 1, sixteen: 4, many: 8, truecolor: 24 };

/** TERM values named outright. */
const NAMED_TERMS = new Map([
  ['eterm', BITS.sixteen], ['cons25', BITS.sixteen], ['console', BITS.sixteen], ['cygwin', BITS.sixteen], ['dtterm', BITS.sixteen],
  ['gnome', BITS.sixteen], ['hurd', BITS.sixteen], ['jfbterm', BITS.sixteen], ['konsole', BITS.sixteen], ['kterm', BITS.sixteen],
  ['mlterm', BITS.sixteen], ['putty', BITS.sixteen], ['st', BITS.sixteen],
  ['mosh', BITS.truecolor], ['rxvt-unicode-24bit', BITS.truecolor], ['terminator', BITS.truecolor],
]);
/** TERM values that mean 16 colours by their shape. */
const SIXTEEN_COLOUR_TERMS = /ansi|color|linux|^con[0-9]*x[0-9]|^rxvt|^screen|^xterm|^vt100/;
const CI_WITH_COLOURS = ['APPVEYOR', 'BUILDKITE', 'CIRCLECI', 'DRONE', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TRAVIS'];

let warnedForced = false;
function forced(env, bits) {
  const ignored = ['NODE_DISABLE_COLORS', 'NO_COLOR'].filter((name) => env[name] !== undefined);
  if (!warnedForced && ignored.length > 0) {
    warnedForced = true;
    process.emitWarning(`The '${ignored.join("' and '")}' env is ignored due to the 'FORCE_COLOR' env being set.`, 'Warning');
  }
  return bits;
}

function getColorDepth(env = process.env) {
  if (env.FORCE_COLOR !== undefined) {
    const level = { '': 1, 1: 1, true: 1, 2: 2, 3: 3 }[env.FORCE_COLOR];
    return level === undefined ? BITS.two : forced(env, [BITS.two, BITS.sixteen, BITS.many, BITS.truecolor][level]);
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return BITS.two;
  if (env.TMUX) return BITS.many;
  if (env.CI) return CI_WITH_COLOURS.some((name) => name in env) || env.CI_NAME === 'codeship' ? BITS.many : BITS.two;
  if ('TEAMCITY_VERSION' in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? BITS.sixteen : BITS.two;
  if (env.TERM_PROGRAM === 'iTerm.app') return !env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION) ? BITS.many : BITS.truecolor;
  if (env.TERM_PROGRAM === 'HyperTerm' || env.TERM_PROGRAM === 'MacTerm') return BITS.truecolor;
  if (env.TERM_PROGRAM === 'Apple_Terminal') return BITS.many;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return BITS.truecolor;
  if (env.TERM) {
    if (env.TERM.startsWith('xterm-256')) return BITS.many;
    const term = env.TERM.toLowerCase();
    if (NAMED_TERMS.has(term)) return NAMED_TERMS.get(term);
    if (SIXTEEN_COLOUR_TERMS.test(term)) return BITS.sixteen;
  }
  return env.COLORTERM ? BITS.sixteen : BITS.two;
}

function hasColors(count, env) {
  if (env === undefined && (count === undefined || (typeof count === 'object' && count !== null))) {
    env = count;
    count = 16;
  } else if (!Number.isInteger(count) || count < 2) {
    throw require('internal/errors').outOfRange('count', '>= 2 && <= 9007199254740991', count);
  }
  return count <= 2 ** getColorDepth(env);
}

/** Whether console output to `stream` is coloured (colorMode 'auto'): FORCE_COLOR above 16 colours, else a terminal that shows more than 16. */
function shouldColorize(stream) {
  if (process.env.FORCE_COLOR !== undefined) return getColorDepth() > 2;
  return Boolean(stream && stream.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
}

module.exports = { getColorDepth, hasColors, shouldColorize };
