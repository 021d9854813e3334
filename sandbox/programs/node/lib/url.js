// url (guest code): the legacy API — url.parse/format/resolve, the `url`
// package from npm, which is Node's own url.js made portable (its query
// strings read by our querystring, as Node's are: see internal/url-qs) —
// and the WHATWG side: URL and URLSearchParams (internal/url),
// fileURLToPath/pathToFileURL, url.format of a URL with its options,
// urlToHttpOptions and the domain conversions.
'use strict';

const errors = require('internal/errors');
const host = require('internal/binding');
const { URL, URLSearchParams } = require('internal/url');

// The legacy implementation loads on first use (most programs only need URL).
let legacyModule;
const legacy = () => (legacyModule ??= require('internal/deps/url'));

/** Node's duck test for a WHATWG URL (any realm). */
const isURL = (v) => Boolean(v && typeof v.href === 'string' && typeof v.protocol === 'string' && v.auth === undefined && v.path === undefined);

function parse(url, parseQueryString, slashesDenoteHost) {
  if (typeof url !== 'string') throw errors.invalidArgType('url', 'string', url);
  const parsed = legacy().parse(url, parseQueryString, slashesDenoteHost);
  // With no query string, Node's url.parse(url, true) gives search null and an empty null-prototype query.
  if (parseQueryString && parsed.search === '' && parsed.query && Object.keys(parsed.query).length === 0) {
    parsed.search = null;
    parsed.query = { __proto__: null };
  }
  return parsed;
}

function format(urlObject, options) {
  if (typeof urlObject === 'string') return legacy().format(urlObject);
  if (urlObject === null || (typeof urlObject !== 'object' && typeof urlObject !== 'function')) {
    throw errors.invalidArgType('urlObject', 'object or string', urlObject);
  }
  if (!(urlObject instanceof URL)) return legacy().format(urlObject);
  if (options !== undefined && (options === null || typeof options !== 'object')) throw errors.invalidArgType('options', 'object', options);
  const { auth = true, fragment = true, search = true, unicode = false } = options || {};
  let out = urlObject.protocol;
  if (urlObject.href.startsWith(`${urlObject.protocol}//`)) {
    out += '//';
    if (auth && (urlObject.username || urlObject.password)) {
      out += urlObject.username;
      if (urlObject.password) out += `:${urlObject.password}`;
      out += '@';
    }
    out += unicode ? domainToUnicode(urlObject.hostname) : urlObject.hostname;
    if (urlObject.port) out += `:${urlObject.port}`;
  }
  out += urlObject.pathname;
  if (search) out += urlObject.search;
  if (fragment) out += urlObject.hash;
  return out;
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw errors.nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
  return host('url', 'toASCII', String(domain));
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw errors.nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
  const ascii = host('url', 'toASCII', String(domain));
  return ascii === '' ? '' : require('punycode').toUnicode(ascii);
}

function fileURLToPath(path) {
  if (typeof path === 'string') path = new URL(path);
  else if (!isURL(path)) throw errors.invalidArgType('path', 'string or an instance of URL', path);
  if (path.protocol !== 'file:') throw errors.nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  if (path.hostname !== '') throw errors.nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  if (/%2f/i.test(path.pathname)) throw errors.nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
  return decodeURIComponent(path.pathname);
}

/** Characters a path may hold that would not survive as a file: URL's path. */
const PATH_ESCAPES = new Map([['%', '%25'], ['\\', '%5C'], ['\n', '%0A'], ['\r', '%0D'], ['\t', '%09'], ['?', '%3F'], ['#', '%23']]);

function pathToFileURL(filepath) {
  if (typeof filepath !== 'string') throw errors.invalidArgType('path', 'string', filepath);
  let resolved = require('path').resolve(filepath);
  if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  return new URL(`file://${resolved.replace(/[%\\\n\r\t?#]/g, (c) => PATH_ESCAPES.get(c))}`);
}

function urlToHttpOptions(url) {
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: url.hostname && url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return options;
}

module.exports = {
  get Url() { return legacy().Url; },
  parse,
  resolve: (source, relative) => legacy().resolve(source, relative),
  resolveObject: (source, relative) => legacy().resolveObject(source, relative),
  format, URL, URLSearchParams, domainToASCII, domainToUnicode, pathToFileURL, fileURLToPath, urlToHttpOptions,
};
