// DOMException (guest code): the Web platform's error, as Node's global
// has it — a name, a message and the legacy numeric code of that name.
'use strict';

const CODES = new Map([
  ['IndexSizeError', 1], ['HierarchyRequestError', 3], ['WrongDocumentError', 4], ['InvalidCharacterError', 5],
  ['NoModificationAllowedError', 7], ['NotFoundError', 8], ['NotSupportedError', 9], ['InvalidStateError', 11],
  ['SyntaxError', 12], ['InvalidModificationError', 13], ['NamespaceError', 14], ['InvalidAccessError', 15],
  ['TypeMismatchError', 17], ['SecurityError', 18], ['NetworkError', 19], ['AbortError', 20], ['URLMismatchError', 21],
  ['QuotaExceededError', 22], ['TimeoutError', 23], ['InvalidNodeTypeError', 24], ['DataCloneError', 25],
]);

class DOMException extends Error {
  #name;
  constructor(message = '', options = 'Error') {
    super(String(message));
    if (options !== null && typeof options === 'object') {
      this.#name = 'name' in options ? String(options.name) : 'Error';
      if ('cause' in options) Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true, enumerable: false });
    } else {
      this.#name = String(options);
    }
  }
  get name() { return this.#name; }
  get code() { return CODES.get(this.#name) ?? 0; }
}
Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
const CONSTANTS = [
  'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR', 'INVALID_CHARACTER_ERR', 'NO_DATA_ALLOWED_ERR',
  'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR', 'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR', 'INVALID_STATE_ERR', 'SYNTAX_ERR',
  'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR', 'VALIDATION_ERR', 'TYPE_MISMATCH_ERR', 'SECURITY_ERR',
  'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR', 'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR',
];
CONSTANTS.forEach((constant, i) => {
  Object.defineProperty(DOMException, constant, { value: i + 1, enumerable: true });
  Object.defineProperty(DOMException.prototype, constant, { value: i + 1, enumerable: true });
});

module.exports = { DOMException };
