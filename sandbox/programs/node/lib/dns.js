// dns (guest code): lookups as the container resolves names — /etc/hosts,
// then the network's embedded DNS — with getaddrinfo's ENOTFOUND.
'use strict';

const host = require('internal/binding');

function lookupSync(hostname) {
  try {
    return host('net', 'lookup', hostname);
  } catch (e) {
    const err = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    return Object.assign(err, { errno: -3008, code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname, failed: true });
  }
}

function lookup(hostname, options, cb) {
  if (typeof options === 'function') { cb = options; options = {}; }
  if (typeof options === 'number') options = { family: options };
  const result = lookupSync(String(hostname));
  setImmediate(() => {
    if (typeof result !== 'string') return cb(result);
    if (options && options.all) return cb(null, [{ address: result, family: 4 }]);
    cb(null, result, 4);
  });
}

const promises = {
  lookup: (hostname, options = {}) => new Promise((resolve, reject) => lookup(hostname, options, (err, address, family) => (err ? reject(err) : resolve(options.all ? address : { address, family })))),
  resolve4: (hostname) => new Promise((resolve, reject) => lookup(hostname, (err, address) => (err ? reject(err) : resolve([address])))),
};

module.exports = {
  lookup, promises, ADDRCONFIG: 1024, V4MAPPED: 2048, ALL: 256, NOTFOUND: 'ENOTFOUND',
  resolve4: (hostname, cb) => lookup(hostname, (err, address) => cb(err, err ? undefined : [address])),
  resolve: (hostname, cb) => lookup(hostname, (err, address) => cb(err, err ? undefined : [address])),
  setDefaultResultOrder() {}, getDefaultResultOrder: () => 'ipv4first', getServers: () => ['127.0.0.11'],
};
