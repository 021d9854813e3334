// timers/promises: the awaitable timers (guest code).
'use strict';

const timers = require('timers');

async function* setInterval(after, value) {
  for (;;) {
    await new Promise((resolve) => timers.setTimeout(resolve, after));
    yield value;
  }
}

module.exports = { setTimeout: timers.promises.setTimeout, setImmediate: timers.promises.setImmediate, setInterval, scheduler: { wait: (ms) => timers.promises.setTimeout(ms) } };
