// The CLI's global options and where it finds the daemon, as docker 28 reads
// them (checked with the real client against an address where nothing listens).
import { describe, expect, it } from 'vitest';
import { normaliseHost, parseGlobalOptions } from './global-options.ts';

describe('docker global options', () => {
  it('normalises hosts as docker does', () => {
    expect(normaliseHost('foo')).toBe('tcp://foo:2375');
    expect(normaliseHost('tcp://127.0.0.1')).toBe('tcp://127.0.0.1:2375');
    expect(normaliseHost('unix:///run/docker.sock')).toBe('unix:///run/docker.sock');
    expect(normaliseHost('unix://')).toBe('unix:///var/run/docker.sock');
    expect(normaliseHost('http://x')).toBeNull();
  });

  it('takes -D, -l, -H and --host=, DOCKER_HOST when no -H, and refuses bad levels and contexts', () => {
    expect(parseGlobalOptions(['-D', '-l', 'debug', '-H', 'unix:///var/run/docker.sock', 'ps', '-a'], undefined))
      .toEqual({ args: ['ps', '-a'], host: 'unix:///var/run/docker.sock', hostGiven: true });
    expect(parseGlobalOptions(['--host=tcp://localhost:2375', 'version'], new Map([['DOCKER_HOST', 'unix:///x.sock']])))
      .toEqual({ args: ['version'], host: 'tcp://localhost:2375', hostGiven: true });
    expect(parseGlobalOptions(['ps'], new Map([['DOCKER_HOST', 'unix:///x.sock']]))).toEqual({ args: ['ps'], host: 'unix:///x.sock', hostGiven: true });
    expect(parseGlobalOptions(['ps'], new Map())).toEqual({ args: ['ps'], host: 'unix:///var/run/docker.sock', hostGiven: false });
    expect(parseGlobalOptions(['--log-level', 'nope', 'ps'], undefined)).toEqual({ error: 'Unable to parse logging level: nope\n', code: 1 });
    expect(parseGlobalOptions(['-c', 'remote', 'ps'], undefined)).toEqual({ error: 'context "remote" does not exist\n', code: 1 });
    expect(parseGlobalOptions(['-H'], undefined)).toEqual({ error: "flag needs an argument: 'H' in -H\nSee 'docker --help'.\n", code: 125 });
  });
});
