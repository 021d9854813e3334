// path/posix (guest code): POSIX paths, which is what `path` is on Linux.
'use strict';

module.exports = require('path');
