// Image references, parsed and normalised as Docker does
// (distribution/reference): `busybox` is `docker.io/library/busybox:latest`,
// shown back in its familiar form `busybox:latest`.

export interface Reference {
  /** Registry host, e.g. `docker.io`. */
  domain: string;
  /** Repository path, e.g. `library/busybox`. */
  path: string;
  tag?: string;
  digest?: string;
}

export class ReferenceError extends Error {
  override name = 'ReferenceError';
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$/;
const MAX_NAME = 255;

/**
 * Parses and normalises a reference. `parseReference('Busybox')` throws
 * `invalid reference format: repository name (library/Busybox) must be lowercase`.
 */
export function parseReference(input: string): Reference {
  if (input.length === 0 || /\s/.test(input)) throw new ReferenceError('invalid reference format');
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ReferenceError('invalid reference format');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new ReferenceError('invalid reference format');
  }
  if (rest.length === 0) throw new ReferenceError('invalid reference format');
  let domain = 'docker.io';
  let path = rest;
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    if (!DOMAIN.test(first)) throw new ReferenceError('invalid reference format');
    domain = first;
    path = rest.slice(slash + 1);
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  for (const component of path.split('/')) {
    if (!COMPONENT.test(component)) {
      if (COMPONENT.test(component.toLowerCase())) {
        throw new ReferenceError(`invalid reference format: repository name (${path}) must be lowercase`);
      }
      throw new ReferenceError('invalid reference format');
    }
  }
  if (domain.length + 1 + path.length > MAX_NAME) throw new ReferenceError('invalid reference format: repository name must not be more than 255 characters');
  return { domain, path, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

/** Adds the default `latest` tag when neither tag nor digest is given. */
export function withDefaultTag(ref: Reference): Reference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: 'latest' } : ref;
}

/** The repository as Docker shows it: `busybox`, `user/app`, `quay.io/x/y`. */
export function familiarName(ref: Reference): string {
  if (ref.domain !== 'docker.io') return `${ref.domain}/${ref.path}`;
  return ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
}

/** The fully qualified form: `docker.io/library/busybox:latest`. */
export function fullName(ref: Reference): string {
  return `${ref.domain}/${ref.path}` + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}

/** The familiar form with tag: `busybox:latest`. */
export function familiarString(ref: Reference): string {
  return familiarName(ref) + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}

/** Parses, adds `latest`, and returns the canonical key used by the image store. */
export function normalizeTagged(input: string): string {
  return fullName(withDefaultTag(parseReference(input)));
}
