// child_process (guest code): not available yet in the playground's node;
// every entry point says so clearly instead of pretending.
'use strict';

const { notAvailable } = require('internal/errors');

const refuse = (name) => () => { throw notAvailable(`child_process.${name}`); };
module.exports = {
  spawn: refuse('spawn'), spawnSync: refuse('spawnSync'), exec: refuse('exec'), execSync: refuse('execSync'),
  execFile: refuse('execFile'), execFileSync: refuse('execFileSync'), fork: refuse('fork'),
};
