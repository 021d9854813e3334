// stream/promises (guest code): pipeline() and finished() returning promises.
'use strict';

const { pipeline, finished } = require('stream');

module.exports = {
  pipeline: (...streams) => new Promise((resolve, reject) => {
    const last = streams[streams.length - 1];
    if (last && typeof last === 'object' && !('pipe' in last) && !('write' in last) && !('on' in last)) streams.pop();
    pipeline(...streams, (err, value) => (err ? reject(err) : resolve(value)));
  }),
  finished: (stream, options) => new Promise((resolve, reject) => {
    finished(stream, options || {}, (err) => (err ? reject(err) : resolve()));
  }),
};
