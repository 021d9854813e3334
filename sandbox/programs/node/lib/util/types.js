// util/types (guest code): the type checks of util.types.
'use strict';

module.exports = require('util').types;
