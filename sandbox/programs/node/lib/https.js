// https (guest code): TLS is not available in the playground (no
// certificates, and the network is offline); every entry point says so.
'use strict';

const { notAvailable } = require('internal/errors');
const http = require('http');

const refuse = () => { throw notAvailable('HTTPS (TLS)'); };
class Agent extends http.Agent {}
module.exports = { Agent, globalAgent: new Agent(), request: refuse, get: refuse, createServer: refuse, Server: class Server { constructor() { refuse(); } } };
