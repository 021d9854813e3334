// What the `url` package from npm takes for `qs`: Node's own url.parse and
// url.format read and write query strings with querystring (a=1&a=2 is an
// array, a[b]=1 a plain key, the object has a null prototype), not with qs.
'use strict';

const querystring = require('querystring');

module.exports = {
  parse: (str) => querystring.parse(str),
  stringify: (obj) => querystring.stringify(obj),
};
