// Package specs as npm reads them (npm-package-arg, the registry kinds):
// `name`, `name@1.2.3`, `name@^1.2`, `name@latest`, `@scope/name@~2`. The
// playground's registry is its offline store, so the other kinds npm knows
// (git, tarball URLs, folders) are recognised only to be refused with a
// clear error; `npm:<name>@<range>` aliases resolve in the store.
import semver from 'semver';
import { NpmError } from './errors.ts';
import { aliasOf } from './tree.ts';

export type SpecType = 'version' | 'range' | 'tag' | 'alias';

export interface RegistrySpec {
  name: string;
  /** What was asked, as typed after the name ('' when nothing was). */
  rawSpec: string;
  /** The range, version or tag to resolve ('*' for nothing). */
  fetchSpec: string;
  type: SpecType;
  /** The whole argument, as typed. */
  raw: string;
}

const NAME = /^(?:@[a-z0-9-*~][a-z0-9-*._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/i;

/** The kind of a dependency spec string (as npa.resolve classifies registry specs); null for kinds the playground cannot fetch. */
export function specType(spec: string): SpecType | null {
  const s = spec.trim();
  if (s === '' || s === '*') return 'range';
  const alias = aliasOf(s);
  if (alias) return validName(alias.name) && specType(alias.range) !== null && !aliasOf(alias.range) ? 'alias' : null;
  if (/^(npm:|file:|git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:|link:|workspace:)|^\.{0,2}\/|^~\/|^[^@/\s]+\/[^@/\s]+(#.*)?$/.test(s)) return null;
  if (semver.valid(s, true)) return 'version';
  if (semver.validRange(s, true) !== null) return 'range';
  return encodeURIComponent(s) === s ? 'tag' : null;
}

/** Whether a name can be a registry package's (validate-npm-package-name's URL-friendly rule, old packages' capitals allowed). */
export function validName(name: string): boolean {
  return name.length > 0 && name.length <= 214 && NAME.test(name) && !name.startsWith('.') && !name.startsWith('_') && name.trim() === name;
}

/**
 * Parses a command-line package argument.
 * @example parseSpec('express@^5') // { name: 'express', rawSpec: '^5', fetchSpec: '^5', type: 'range', raw: 'express@^5' }
 */
export function parseSpec(arg: string): RegistrySpec {
  const at = arg.indexOf('@', arg.startsWith('@') ? 1 : 0);
  const name = at < 0 ? arg : arg.slice(0, at);
  const rawSpec = at < 0 ? '' : arg.slice(at + 1);
  if (!validName(name) || (name.startsWith('@') && !name.includes('/'))) {
    if (specType(arg) === null) throw unsupported(arg);
    throw new NpmError('EINVALIDPACKAGENAME', [['', `Invalid package name "${name}" of package "${name}@${rawSpec || '*'}": name can only contain URL-friendly characters.`]]);
  }
  const type = specType(rawSpec);
  if (type === null) throw unsupported(arg);
  const fetchSpec = rawSpec.trim() === '' ? '*' : type === 'version' ? semver.clean(rawSpec, true) ?? rawSpec : rawSpec.trim();
  return { name, rawSpec, fetchSpec, type, raw: arg };
}

/** A spec the playground's offline registry cannot serve (git, URLs, folders, aliases). */
export function unsupported(raw: string): NpmError {
  return new NpmError('EUNSUPPORTEDPROTOCOL', [
    ['', `Unsupported spec: "${raw}"`],
  ], [
    ['', 'The playground is offline: npm installs only registry packages (name, name@version, name@range, name@tag, name@npm:other@range)'],
    ['', 'from its built-in package store; git, tarball URLs and folders are not available here.'],
  ]);
}
