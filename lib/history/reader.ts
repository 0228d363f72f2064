/**
 * A validating reader for one JSON object: each accessor checks one field, names its path on
 * failure (SchemaError) and cuts what is over its cap, naming the field in a `capped` set. The
 * field list itself is schema.ts.
 */
import { capString } from '../limits.ts';

/** A record that does not fit the schema: `path` names the field (`links[3].kind`). */
export class SchemaError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = 'SchemaError';
    this.path = path;
    this.reason = reason;
  }
}

/** Keys that could reach a prototype if an object were ever merged: refused wherever they appear. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

type Obj = Record<string, unknown>;

function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Reads one object, field by field. A cut value is flagged under `flagAs` (the top-level field
 * of the link or inspection it belongs to), or under its own key at the top level.
 */
export class Reader {
  private readonly obj: Obj;
  readonly path: string;
  private readonly capped: Set<string>;
  private readonly flagAs: string | null;
  constructor(obj: Obj, path: string, capped: Set<string>, flagAs: string | null = null) {
    this.obj = obj;
    this.path = path;
    this.capped = capped;
    this.flagAs = flagAs;
    for (const key of FORBIDDEN_KEYS) if (Object.hasOwn(obj, key)) this.fail(key, `the forbidden key "${key}"`);
  }

  static open(value: unknown, path: string, capped: Set<string>, flagAs: string | null = null): Reader {
    if (!isPlainObject(value)) throw new SchemaError(path, 'expected an object');
    return new Reader(value, path, capped, flagAs);
  }

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }
  fail(key: string, reason: string): never {
    throw new SchemaError(this.at(key), reason);
  }
  private flag(key: string): void {
    this.capped.add(this.flagAs ?? key);
  }
  has(key: string): boolean {
    return Object.hasOwn(this.obj, key);
  }
  raw(key: string): unknown {
    return this.has(key) ? this.obj[key] : undefined;
  }

  string(key: string, max: number): string {
    const v = this.raw(key);
    if (typeof v !== 'string') this.fail(key, 'expected a string');
    if (v.length <= max) return v;
    this.flag(key);
    return capString(v, max);
  }
  stringOrNull(key: string, max: number): string | null {
    return this.raw(key) === null ? null : this.string(key, max);
  }
  bool(key: string): boolean {
    const v = this.raw(key);
    if (typeof v !== 'boolean') this.fail(key, 'expected true or false');
    return v;
  }
  /** A number, clamped into [min, max]; NaN (only a report can hold one) reads as min. */
  number(key: string, min = -Number.MAX_VALUE, max = Number.MAX_VALUE): number {
    const v = this.raw(key);
    if (typeof v !== 'number') this.fail(key, 'expected a number');
    return Number.isNaN(v) ? min : Math.min(max, Math.max(min, v));
  }
  numberOrNull(key: string, min?: number, max?: number): number | null {
    return this.raw(key) === null ? null : this.number(key, min, max);
  }
  int(key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.raw(key);
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(key, 'expected a whole number');
    if (v < min || v > max) this.fail(key, `expected a whole number from ${min} to ${max}`);
    return v;
  }
  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const v = this.raw(key);
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) this.fail(key, `expected one of ${allowed.join(', ')}`);
    return v as T;
  }
  /** A list, cut to `max` entries. */
  list(key: string, max: number): unknown[] {
    const v = this.raw(key);
    if (!Array.isArray(v)) this.fail(key, 'expected a list');
    if (v.length <= max) return v;
    this.flag(key);
    return v.slice(0, max);
  }
  strings(key: string, maxItems: number, maxLength: number): string[] {
    return this.list(key, maxItems).map((s, i) => {
      if (typeof s !== 'string') this.fail(`${key}[${i}]`, 'expected a string');
      if (s.length <= maxLength) return s;
      this.flag(key);
      return capString(s, maxLength);
    });
  }
  /** Like strings(), but a missing field reads as an empty list (fields added in later versions). */
  optionalStrings(key: string, maxItems: number, maxLength: number): string[] {
    return this.raw(key) === undefined ? [] : this.strings(key, maxItems, maxLength);
  }
  /** The object's own keys (a record such as timing stages), at most `max`, none longer than `maxLength`. */
  keys(max: number, maxLength: number): string[] {
    const all = Object.keys(this.obj);
    const kept = all.filter((k) => k.length <= maxLength).slice(0, max);
    if (kept.length < all.length) this.capped.add(this.flagAs ?? 'stages');
    return kept;
  }
  child(key: string): Reader {
    return Reader.open(this.raw(key), this.at(key), this.capped, this.flagAs ?? key);
  }
  /** A nested object whose fields are flagged under their own names (the page facts). */
  section(key: string): Reader {
    return Reader.open(this.raw(key), this.at(key), this.capped);
  }
  childOrNull(key: string): Reader | null {
    return this.raw(key) === null ? null : this.child(key);
  }
  items(key: string, max: number): Reader[] {
    return this.list(key, max).map((v, i) => Reader.open(v, `${this.at(key)}[${i}]`, this.capped, this.flagAs ?? key));
  }
}
