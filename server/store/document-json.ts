/**
 * The JSON text a document was stored with, kept beside the object (weakly) so that its answer
 * is not serialised a second time: a decided plan is written to the store and then sent, byte for
 * byte the same. Only for objects never changed after they are written (plans are replaced by a
 * new version, never edited in place); the serializer falls back to JSON.stringify for the rest.
 */
const texts = new WeakMap<object, string>();

/** JSON.stringify(doc), remembered for `documentJson(doc)`. */
export function stringifyDocument(doc: object): string {
  const json = JSON.stringify(doc);
  texts.set(doc, json);
  return json;
}

/** The text `doc` was stored with, if it was stored in this process. */
export function documentJson(doc: unknown): string | undefined {
  return typeof doc === 'object' && doc !== null ? texts.get(doc) : undefined;
}
