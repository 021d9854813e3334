// assert/strict (guest code): assert in strict mode, as require('assert').strict.
'use strict';

module.exports = require('assert').strict;
