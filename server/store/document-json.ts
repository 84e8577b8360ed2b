/**
 * The JSON text a document was stored with, kept beside the object (weakly) so that its answer
 * is not serialised a second time: a decided plan is written to the store and then sent, byte for
 * byte the same; a plan read from the store is sent as the text it was read as. Only for objects
 * never changed after they are written or read (plans are replaced by a new version, never edited
 * in place); the serializer falls back to JSON.stringify for the rest, and its checked answers
 * prove the promise (server/http/response-serializer.ts).
 */
const texts = new WeakMap<object, string>();

/** JSON.stringify(doc), remembered for `documentJson(doc)`. */
export function stringifyDocument(doc: object): string {
  const json = JSON.stringify(doc);
  texts.set(doc, json);
  return json;
}

/** JSON.parse(text) of a document the store wrote with `stringifyDocument`, remembered as that text. */
export function parseDocument<T extends object>(text: string): T {
  const doc = JSON.parse(text) as T;
  texts.set(doc, text);
  return doc;
}

/** The text `doc` was stored with, if it was stored or read in this process. */
export function documentJson(doc: unknown): string | undefined {
  return typeof doc === 'object' && doc !== null ? texts.get(doc) : undefined;
}

/**
 * `{ ...doc, [key]: list }` for a document whose `key` holds an empty list, remembered with its
 * text when `doc`'s is known: the stored text with the list written in. In JSON, `"key":[]` can
 * only be a member (inside a string its quotes would be escaped), so when the stored text holds it
 * exactly once, that is this member; otherwise the copy is serialised afresh when it is sent.
 */
export function withList<T extends object>(doc: T, key: keyof T & string, list: readonly unknown[]): T {
  const copy = { ...doc, [key]: list };
  const stored = texts.get(doc);
  const current = doc[key];
  if (stored === undefined || !Array.isArray(current) || current.length !== 0) return copy;
  const member = `${JSON.stringify(key)}:[]`;
  const at = stored.indexOf(member);
  if (at >= 0 && stored.indexOf(member, at + member.length) < 0) {
    texts.set(copy, `${stored.slice(0, at)}${JSON.stringify(key)}:${JSON.stringify(list)}${stored.slice(at + member.length)}`);
  }
  return copy;
}

/** how deep an answer is searched for stored documents (a batch's `{ results: [{ plan }] }` is 3) */
const DEPTH = 3;

/** An array or a plain object without toJSON: what JSON.stringify writes member by member. */
function isPlain(v: unknown): v is Record<string, unknown> | unknown[] {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** what JSON.stringify leaves out of an object (and writes as null in an array) */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function holdsStored(v: unknown, depth: number): boolean {
  if (depth === 0 || !isPlain(v)) return false;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    if (typeof x === 'object' && x !== null && (texts.has(x) || holdsStored(x, depth - 1))) return true;
  }
  return false;
}

function compose(v: unknown, depth: number): string {
  const stored = documentJson(v);
  if (stored !== undefined) return stored;
  if (depth === 0 || !isPlain(v)) return JSON.stringify(v);
  const parts: string[] = [];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) parts.push(omitted(v[i]) ? 'null' : compose(v[i], depth - 1));
    return `[${parts.join(',')}]`;
  }
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (!omitted(x)) parts.push(`${JSON.stringify(k)}:${compose(x, depth - 1)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The answer holds a stored document (itself, or one within `DEPTH` levels). */
export function holdsStoredDocument(value: unknown): boolean {
  return documentJson(value) !== undefined || holdsStored(value, DEPTH);
}

/**
 * JSON.stringify(value), with every stored document in it (itself, or within `DEPTH` levels)
 * written as its stored text: the same text, as long as no stored document was edited.
 */
export function jsonWithStored(value: unknown): string {
  const stored = documentJson(value);
  if (stored !== undefined) return stored;
  return holdsStored(value, DEPTH) ? compose(value, DEPTH) : JSON.stringify(value);
}
