// Go's encoding/json reading request bodies into dockerd's structs: the
// messages (struct, path from the root with embedded structs, Go type),
// which error wins, integers as strconv reads them, StrSlice, null, case-
// insensitive keys, and what comes out.
import { describe, expect, it } from 'vitest';
import { CreateRequest, ExecOptions, NetworkCreateRequest, UpdateConfig, BuildArgs } from './api-structs.ts';
import { decodeGo, embed, goInt, goString, goStruct, type GoShape } from './go-json.ts';

const err = (body: unknown, shape: GoShape = CreateRequest): string => {
  try {
    decodeGo(typeof body === 'string' ? body : JSON.stringify(body), shape);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};
const value = (text: string, shape: GoShape = CreateRequest): unknown => decodeGo(text, shape).value;
const field = (path: string, type: string, kind = 'number'): string => `json: cannot unmarshal ${kind} into Go struct field ${path} of type ${type}`;

describe('Go struct field errors, as Go 1.24 words them', () => {
  it.each([
    [{ Env: 'x' }, field('CreateRequest.Config.Env', '[]string', 'string')],
    [{ Image: 5 }, field('CreateRequest.Config.Image', 'string')],
    [{ Tty: 'yes' }, field('CreateRequest.Config.Tty', 'bool', 'string')],
    [{ Labels: [] }, field('CreateRequest.Config.Labels', 'map[string]string', 'array')],
    [{ Labels: { a: 5 } }, field('CreateRequest.Config.Labels', 'string')],
    [{ ExposedPorts: { '80/tcp': 'x' } }, field('CreateRequest.Config.ExposedPorts', 'struct {}', 'string')],
    [{ Healthcheck: 'CMD true' }, field('CreateRequest.Config.Healthcheck', 'container.HealthConfig', 'string')],
    [{ Healthcheck: { Interval: '5s' } }, field('HealthConfig.Config.Healthcheck.Interval', 'time.Duration', 'string')],
    [{ HostConfig: [] }, field('CreateRequest.HostConfig', 'container.HostConfig', 'array')],
    [{ HostConfig: { Memory: '64m' } }, field('HostConfig.HostConfig.Resources.Memory', 'int64', 'string')],
    [{ HostConfig: { Binds: [1] } }, field('HostConfig.HostConfig.Binds', 'string')],
    [{ HostConfig: { NetworkMode: {} } }, field('HostConfig.HostConfig.NetworkMode', 'container.NetworkMode', 'object')],
    [{ HostConfig: { PortBindings: { '80/tcp': 'x' } } }, field('HostConfig.HostConfig.PortBindings', '[]nat.PortBinding', 'string')],
    [{ HostConfig: { PortBindings: { '80/tcp': [{ HostPort: 80 }] } } }, field('PortBinding.HostConfig.PortBindings.HostPort', 'string')],
    [{ HostConfig: { Mounts: [{ Type: 5 }] } }, field('Mount.HostConfig.Mounts.Type', 'mount.Type')],
    [{ HostConfig: { RestartPolicy: { MaximumRetryCount: '3' } } }, field('RestartPolicy.HostConfig.RestartPolicy.MaximumRetryCount', 'int', 'string')],
    [{ HostConfig: { PidsLimit: true } }, field('HostConfig.HostConfig.Resources.PidsLimit', 'int64', 'bool')],
    [{ NetworkingConfig: { EndpointsConfig: { n: { Aliases: 'a' } } } }, field('EndpointSettings.NetworkingConfig.EndpointsConfig.Aliases', '[]string', 'string')],
  ])('%j', (body, message) => {
    expect(err(body)).toBe(message);
  });

  it('names the struct of the request for every route', () => {
    expect(err({ Memory: '1g' }, UpdateConfig)).toBe(field('UpdateConfig.Resources.Memory', 'int64', 'string'));
    expect(err({ Cmd: 'ls' }, ExecOptions)).toBe(field('ExecOptions.Cmd', '[]string', 'string'));
    expect(err({ ConsoleSize: [1, -2] }, ExecOptions)).toBe(field('ExecOptions.ConsoleSize', 'uint', 'number -2'));
    expect(err({ Driver: 5 }, NetworkCreateRequest)).toBe(field('CreateRequest.CreateOptions.Driver', 'string'));
    expect(err({ IPAM: { Config: [{ Subnet: 10 }] } }, NetworkCreateRequest)).toBe(field('IPAMConfig.CreateOptions.IPAM.Config.Subnet', 'string'));
  });

  it('a value of the wrong type at the top is a Go value, not a field', () => {
    expect(err('5', ExecOptions)).toBe('json: cannot unmarshal number into Go value of type container.ExecOptions');
    expect(err('[]')).toBe('json: cannot unmarshal array into Go value of type container.CreateRequest');
    expect(err('{"a":5}', BuildArgs)).toBe('json: cannot unmarshal number into Go value of type string');
    expect(err('["a"]', BuildArgs)).toBe('json: cannot unmarshal array into Go value of type map[string]*string');
  });
});

describe('integers, as strconv reads them', () => {
  const memory = (raw: string): string => err(`{"HostConfig":{"Memory":${raw}}}`);
  it('takes digits within the type\'s range, refuses fractions, exponents and overflow with the number as written', () => {
    expect(value('{"HostConfig":{"Memory":9223372036854775807,"BlkioWeight":65535}}')).toEqual({ HostConfig: { Memory: 9223372036854775807, BlkioWeight: 65535 } });
    expect(memory('1.5')).toBe(field('HostConfig.HostConfig.Resources.Memory', 'int64', 'number 1.5'));
    expect(memory('1e3')).toBe(field('HostConfig.HostConfig.Resources.Memory', 'int64', 'number 1e3'));
    expect(memory('1.0')).toBe(field('HostConfig.HostConfig.Resources.Memory', 'int64', 'number 1.0'));
    expect(memory('9223372036854775808')).toBe(field('HostConfig.HostConfig.Resources.Memory', 'int64', 'number 9223372036854775808'));
    expect(memory('-9223372036854775809')).toBe(field('HostConfig.HostConfig.Resources.Memory', 'int64', 'number -9223372036854775809'));
    expect(err('{"HostConfig":{"BlkioWeight":65536}}')).toBe(field('HostConfig.HostConfig.Resources.BlkioWeight', 'uint16', 'number 65536'));
    expect(err('{"HostConfig":{"BlkioWeight":-1}}')).toBe(field('HostConfig.HostConfig.Resources.BlkioWeight', 'uint16', 'number -1'));
    const small = goStruct('x.T', { N: goInt('int8') });
    expect(value('{"N":-128}', small)).toEqual({ N: -128 });
    expect(err('{"N":128}', small)).toBe(field('T.N', 'int8', 'number 128'));
  });
});

describe('strslice.StrSlice (Cmd, Entrypoint)', () => {
  it('takes a list or one string; anything else is the error of reading a string, returned at once', () => {
    expect(value('{"Cmd":"sh","Entrypoint":["a",null]}')).toEqual({ Cmd: ['sh'], Entrypoint: ['a', ''] });
    expect(err({ Cmd: 5 })).toBe(field('CreateRequest.Config.Cmd', 'string'));
    expect(err({ Cmd: ['sh', 1] })).toBe(field('CreateRequest.Config.Cmd', 'string', 'array'));
    expect(err({ Entrypoint: {} })).toBe(field('CreateRequest.Config.Entrypoint', 'string', 'object'));
    // Go saves the first plain type error and goes on, but an Unmarshaler's error ends the decoding and wins.
    expect(err('{"Env":5,"User":1}')).toBe(field('CreateRequest.Config.Env', '[]string'));
    expect(err('{"Env":5,"Cmd":true}')).toBe(field('CreateRequest.Config.Cmd', 'string', 'bool'));
    expect(value('{"Cmd":null}')).toEqual({});
  });
});

describe('what comes out', () => {
  it('matches keys exactly, then without regard to case; skips unknown keys, however deep', () => {
    expect(value('{"image":"busybox","CMD":"x","hostconfig":{"MEMORY":7000000},"Nope":[{"a":[1,{"b":"}"}]}],"__proto__":{"x":1}}'))
      .toEqual({ Image: 'busybox', Cmd: ['x'], HostConfig: { Memory: 7_000_000 } });
    expect(err('{"Nope":{"Memory":"x"}}')).toBe('no error');
  });

  it('null: nil for pointers, slices and maps; a value keeps what it had; an element is its zero value', () => {
    expect(value('{"Env":["a"],"Env":null,"Image":"a","Image":null,"Healthcheck":{"Retries":1},"Healthcheck":null}')).toEqual({ Image: 'a' });
    expect(value('{"Labels":{"a":null},"Env":[null],"HostConfig":{"PortBindings":{"80/tcp":[null]}}}'))
      .toEqual({ Labels: { a: '' }, Env: [''], HostConfig: { PortBindings: { '80/tcp': [{}] } } });
    expect(value('{"NetworkingConfig":{"EndpointsConfig":{"n":null}}}')).toEqual({ NetworkingConfig: { EndpointsConfig: { n: null } } });
    expect(value('{"a":null}', BuildArgs)).toEqual({ a: null });
    expect(value('null')).toBeUndefined();
  });

  it('maps have no prototype: a "__proto__" label is a label', () => {
    const v = value('{"Labels":{"__proto__":"x","constructor":"y"}}') as { Labels: Record<string, string> };
    expect(Object.getPrototypeOf(v.Labels)).toBeNull();
    expect(Object.entries(v.Labels)).toEqual([['__proto__', 'x'], ['constructor', 'y']]);
  });

  it('a Go array keeps its length: extra elements dropped, missing ones zero', () => {
    expect(value('{"ConsoleSize":[24,80,99]}', ExecOptions)).toEqual({ ConsoleSize: [24, 80] });
    expect(value('{"ConsoleSize":[24]}', ExecOptions)).toEqual({ ConsoleSize: [24, 0] });
  });

  it('reads escapes; a lone surrogate is U+FFFD as in Go', () => {
    expect(value('{"Image":"a\\"b\\u00e9\\ud800"}')).toEqual({ Image: 'a"bé\uFFFD' });
  });

  it('an embedded struct\'s fields are promoted, and named in the path', () => {
    const inner = goStruct('p.Inner', { N: goInt('int') });
    const outer = goStruct('p.Outer', { ...embed('Inner', inner), S: goString() });
    expect(value('{"N":1,"S":"x"}', outer)).toEqual({ N: 1, S: 'x' });
    expect(err('{"N":"1"}', outer)).toBe(field('Outer.Inner.N', 'int', 'string'));
  });

  it('reports where the value ends', () => {
    expect(decodeGo('{"Image":"a"}  {}', CreateRequest).end).toBe(13);
  });
});
