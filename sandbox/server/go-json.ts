// Go's encoding/json, as dockerd decodes a request body into its API
// structs (Go 1.24, the Go Docker 28 is built with). Each route declares the
// Go shape of what it reads — strings, bools, sized integers, slices, maps,
// structs with their embedded structs, strslice.StrSlice — and the JSON
// text is read against it the way json.Decoder fills the struct: keys
// matched exactly, then case-insensitively; unknown keys skipped; null
// leaves the zero value (nil for pointers, slices and maps); a value of the
// wrong type is skipped and the first one reported in Go's words:
//
//   json: cannot unmarshal number into Go struct field CreateRequest.Config.Cmd of type string
//
// — the struct that holds the field, then the path to it from the root,
// embedded structs included. What comes out holds only the declared fields,
// under their Go names, with the types declared (its TypeScript type is
// GoValue<shape>), so a handler never meets a number where it reads a string.
// The text must already be valid JSON (request-json.ts checks it first).

export type IntKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64';

interface Base {
  /** The Go type as reflect's Type.String() prints it: "int64", "container.NetworkMode", "[]string". */
  readonly type: string;
  /** A Go pointer (or a field that is one): null sets it to nil rather than leaving it as it was. */
  readonly ptr?: true;
  /** For a field promoted from embedded structs: their Go names, outermost first (Go 1.24 puts them in the path). */
  readonly via?: readonly string[];
}
export interface StringShape extends Base { readonly kind: 'string' }
export interface BoolShape extends Base { readonly kind: 'bool' }
export interface IntShape extends Base { readonly kind: 'int'; readonly int: IntKind }
export interface StrSliceShape extends Base { readonly kind: 'strslice' }
export interface SliceShape<E extends GoShape = GoShape> extends Base { readonly kind: 'slice'; readonly elem: E }
export interface ArrayShape<E extends GoShape = GoShape> extends Base { readonly kind: 'array'; readonly elem: E; readonly length: number }
export interface MapShape<E extends GoShape = GoShape> extends Base { readonly kind: 'map'; readonly elem: E }
export interface StructShape<F extends Fields = Fields> extends Base { readonly kind: 'struct'; readonly fields: F }
export type Fields = { readonly [name: string]: GoShape };
// Element and field shapes vary: `any` here, checked where each shape is built.
export type GoShape = StringShape | BoolShape | IntShape | StrSliceShape | SliceShape<any> | ArrayShape<any> | MapShape<any> | StructShape<any>;

/** The value a shape decodes to: a field may be absent (not sent, or null); an element of a pointer type may be null. */
export type GoValue<S> =
  S extends StringShape ? string :
  S extends BoolShape ? boolean :
  S extends IntShape ? number :
  S extends StrSliceShape ? string[] :
  S extends SliceShape<infer E> ? Array<Elem<E>> :
  S extends ArrayShape<infer E> ? Array<Elem<E>> :
  S extends MapShape<infer E> ? Record<string, Elem<E>> :
  S extends StructShape<infer F> ? { [K in keyof F]?: GoValue<F[K]> } :
  never;
type Elem<E> = E extends { ptr: true } ? GoValue<E> | null : GoValue<E>;

/** A string type (`goString('container.NetworkMode')` for a named one). */
export const goString = (type = 'string'): StringShape => ({ kind: 'string', type });
export const goBool = (type = 'bool'): BoolShape => ({ kind: 'bool', type });
/** A sized integer: `goInt('uint16')`, or a named one: `goInt('int64', 'time.Duration')`. */
export const goInt = (int: IntKind, type: string = int): IntShape => ({ kind: 'int', int, type });
/** moby's strslice.StrSlice: a list of strings, or one string (a list of one). */
export const strSlice: StrSliceShape = { kind: 'strslice', type: 'strslice.StrSlice' };
export const goSlice = <E extends GoShape>(elem: E, type = `[]${elem.ptr ? '*' : ''}${elem.type}`): SliceShape<E> => ({ kind: 'slice', elem, type });
export const goArray = <E extends GoShape>(length: number, elem: E, type = `[${length}]${elem.type}`): ArrayShape<E> => ({ kind: 'array', elem, length, type });
/** A map with string keys (Go types whose key is a named string, such as nat.PortMap, name themselves with `type`). */
export const goMap = <E extends GoShape>(elem: E, type = `map[string]${elem.ptr ? '*' : ''}${elem.type}`): MapShape<E> => ({ kind: 'map', elem, type });
/** A struct: `goStruct('container.RestartPolicy', { Name: goString('container.RestartPolicyMode'), MaximumRetryCount: goInt('int') })`. */
export const goStruct = <F extends Fields>(type: string, fields: F): StructShape<F> => ({ kind: 'struct', type, fields });
/** A pointer to a value of the shape (`*int64`, `*container.HealthConfig`): same messages, but null sets nil. */
export const goPtr = <S extends GoShape>(shape: S): S & { ptr: true } => ({ ...shape, ptr: true });
/** An embedded struct's fields, promoted into the struct that embeds it: `{ ...embed('Resources', Resources), Binds: … }`. */
export function embed<F extends Fields>(goName: string, s: StructShape<F>): F {
  const out: Record<string, GoShape> = {};
  for (const [name, f] of Object.entries(s.fields)) out[name] = { ...f, via: [goName, ...(f.via ?? [])] };
  return out as F;
}

/** A request body (or query value) Go would not decode, with encoding/json's message. */
export class GoJsonError extends Error {}

/**
 * Decodes the first JSON value of `text` (valid JSON) into `shape`, as
 * json.Decoder.Decode does. Returns the value — a GoValue of the shape, or
 * undefined for a top-level null — and where it ends; throws GoJsonError
 * with Go's message.
 * @example decodeGo('{"Cmd": 5}', CreateRequest) // throws "json: cannot unmarshal number into Go struct field CreateRequest.Config.Cmd of type string"
 */
export function decodeGo(text: string, shape: GoShape): { value: unknown; end: number } {
  const d = new Decoder(text);
  const value = d.value(shape);
  if (d.saved !== null) throw new GoJsonError(d.saved);
  return { value: value === NULL ? undefined : value, end: d.i };
}

const NULL = Symbol('null');
type Decoded = unknown;

class Decoder {
  i = 0;
  /** The first type error (Go saves it and goes on decoding). */
  saved: string | null = null;
  /** Go's errorContext: the innermost struct type and the path of fields from the root. */
  private struct = '';
  private readonly path: string[] = [];

  constructor(private readonly text: string) {}

  private ws(): void {
    const t = this.text;
    while (this.i < t.length && (t[this.i] === ' ' || t[this.i] === '\t' || t[this.i] === '\n' || t[this.i] === '\r')) this.i++;
  }

  private message(value: string, type: string): string {
    return this.path.length > 0
      ? `json: cannot unmarshal ${value} into Go struct field ${this.struct}.${this.path.join('.')} of type ${type}`
      : `json: cannot unmarshal ${value} into Go value of type ${type}`;
  }

  /** A value of the wrong type: remembered if it is the first, skipped. */
  private mismatch(value: string, type: string): typeof NULL {
    this.saved ??= this.message(value, type);
    this.skip();
    return NULL;
  }

  /** What Go calls the JSON value starting here: "string", "number", "bool", "array", "object". */
  private kind(): string {
    const c = this.text[this.i];
    return c === '"' ? 'string' : c === '{' ? 'object' : c === '[' ? 'array' : c === 't' || c === 'f' ? 'bool' : 'number';
  }

  /** Skips one value without recursion (depth is only counted). */
  private skip(): void {
    const t = this.text;
    let depth = 0;
    do {
      this.ws();
      const c = t[this.i];
      if (c === '"') this.string();
      else if (c === '{' || c === '[') { depth++; this.i++; }
      else if (c === '}' || c === ']') { depth--; this.i++; }
      else if (c === ',' || c === ':') this.i++;
      else if (c === undefined) return;
      else this.literal();
    } while (depth > 0);
  }

  /** A number or true/false/null as written. */
  private literal(): string {
    const start = this.i;
    while (this.i < this.text.length && /[-+.\w]/.test(this.text[this.i]!)) this.i++;
    return this.text.slice(start, this.i);
  }

  private string(): string {
    const t = this.text;
    const start = this.i++;
    let plain = true;
    while (this.i < t.length && t[this.i] !== '"') {
      if (t[this.i] === '\\') { plain = false; this.i++; }
      this.i++;
    }
    this.i++;
    const body = t.slice(start + 1, this.i - 1);
    if (plain) return body;
    // Go turns an escaped lone surrogate into U+FFFD; JSON.parse would keep it.
    return (JSON.parse(t.slice(start, this.i)) as string).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  }

  /** Reads the next value into `shape`; NULL for JSON null (the caller keeps the zero value, or nil). */
  value(shape: GoShape): Decoded {
    this.ws();
    const c = this.text[this.i];
    if (c === 'n') { this.i += 4; return NULL; }
    switch (shape.kind) {
      case 'string': return c === '"' ? this.string() : this.mismatch(this.kind(), shape.type);
      case 'bool':
        if (c !== 't' && c !== 'f') return this.mismatch(this.kind(), shape.type);
        return this.literal() === 'true';
      case 'int': return c === '-' || (c !== undefined && c >= '0' && c <= '9') ? this.int(shape) : this.mismatch(this.kind(), shape.type);
      case 'strslice': return this.strSlice();
      case 'slice': case 'array': return c === '[' ? this.list(shape) : this.mismatch(this.kind(), shape.type);
      case 'map': return c === '{' ? this.map(shape) : this.mismatch(this.kind(), shape.type);
      case 'struct': return c === '{' ? this.object(shape) : this.mismatch(this.kind(), shape.type);
    }
  }

  private int(shape: IntShape): Decoded {
    const raw = this.literal();
    const bits = shape.int === 'int' || shape.int === 'uint' ? 64 : Number(shape.int.replace(/^u?int/, ''));
    const unsigned = shape.int.startsWith('u');
    // strconv.ParseInt/ParseUint: digits only (1.0 and 1e3 are not integers), within the type's range.
    if (/^-?\d+$/.test(raw) && !(unsigned && raw.startsWith('-'))) {
      const n = BigInt(raw);
      const [min, max] = unsigned ? [0n, (1n << BigInt(bits)) - 1n] : [-(1n << BigInt(bits - 1)), (1n << BigInt(bits - 1)) - 1n];
      if (n >= min && n <= max) return Number(n);
    }
    this.saved ??= this.message(`number ${raw}`, shape.type);
    return NULL;
  }

  /**
   * StrSlice's UnmarshalJSON: a list of strings, else one string; else the
   * error of reading it as a string — which Go returns at once, over any
   * error saved before.
   */
  private strSlice(): Decoded {
    const c = this.text[this.i];
    if (c === '"') return [this.string()];
    if (c === '[') {
      const start = this.i;
      const out: string[] = [];
      this.i++;
      for (;;) {
        this.ws();
        if (this.text[this.i] === ']') { this.i++; return out; }
        const e = this.text[this.i];
        if (e === '"') out.push(this.string());
        else if (e === 'n') { this.i += 4; out.push(''); }
        else { this.i = start; break; }
        this.ws();
        if (this.text[this.i] === ',') this.i++;
      }
    }
    throw new GoJsonError(this.message(this.kind(), 'string'));
  }

  private list(shape: SliceShape | ArrayShape): Decoded {
    const out: Decoded[] = [];
    this.i++;
    for (;;) {
      this.ws();
      if (this.text[this.i] === ']') { this.i++; break; }
      if (shape.kind === 'array' && out.length >= shape.length) this.skip(); // a Go array drops what does not fit
      else out.push(this.element(shape.elem));
      this.ws();
      if (this.text[this.i] === ',') this.i++;
    }
    if (shape.kind === 'array') while (out.length < shape.length) out.push(zero(shape.elem));
    return out;
  }

  private map(shape: MapShape): Decoded {
    // No prototype: a key named "__proto__" is a key like any other.
    const out = Object.create(null) as Record<string, Decoded>;
    this.i++;
    for (;;) {
      this.ws();
      if (this.text[this.i] === '}') { this.i++; break; }
      const key = this.string();
      this.ws();
      this.i++; // ':'
      out[key] = this.element(shape.elem);
      this.ws();
      if (this.text[this.i] === ',') this.i++;
    }
    return out;
  }

  /** An element of a slice, array or map: null is the element type's zero value (nil for a pointer). */
  private element(shape: GoShape): Decoded {
    const v = this.value(shape);
    if (v !== NULL) return v;
    return shape.ptr ? null : zero(shape);
  }

  private object(shape: StructShape): Decoded {
    const out: Record<string, Decoded> = {};
    const folded = foldedFields(shape);
    const name = shape.type.slice(shape.type.lastIndexOf('.') + 1);
    this.i++;
    for (;;) {
      this.ws();
      if (this.text[this.i] === '}') { this.i++; break; }
      const key = this.string();
      this.ws();
      this.i++; // ':'
      const field = Object.hasOwn(shape.fields, key) ? key : folded.get(fold(key));
      if (field === undefined) this.skip();
      else {
        const f = shape.fields[field]!;
        const [struct, depth] = [this.struct, this.path.length];
        this.path.push(...(f.via ?? []), field);
        this.struct = name;
        const v = this.value(f);
        this.path.length = depth;
        this.struct = struct;
        // null: nil for a pointer, slice or map; a value type keeps what it had.
        if (v !== NULL) out[field] = v;
        else if (f.ptr || f.kind === 'slice' || f.kind === 'map' || f.kind === 'strslice') delete out[field];
      }
      this.ws();
      if (this.text[this.i] === ',') this.i++;
    }
    return out;
  }
}

function zero(shape: GoShape): Decoded {
  switch (shape.kind) {
    case 'string': return '';
    case 'bool': return false;
    case 'int': return 0;
    case 'strslice': case 'slice': return [];
    case 'array': return Array.from({ length: shape.length }, () => zero(shape.elem));
    case 'map': return Object.create(null) as Record<string, unknown>;
    case 'struct': return {};
  }
}

/** Go's case-insensitive key match (bytes.EqualFold): simple case folding, one character for one. */
function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    out += [...up].length === 1 ? up.toLowerCase() : ch.toLowerCase();
  }
  return out;
}

const foldCache = new WeakMap<StructShape, Map<string, string>>();
function foldedFields(shape: StructShape): Map<string, string> {
  let m = foldCache.get(shape);
  if (!m) {
    m = new Map();
    for (const name of Object.keys(shape.fields)) if (!m.has(fold(name))) m.set(fold(name), name);
    foldCache.set(shape, m);
  }
  return m;
}
