// sys (guest code): the old name of util (DEP0025), still loadable.
'use strict';

module.exports = require('util');
