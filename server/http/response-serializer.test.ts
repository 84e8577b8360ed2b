import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { stringifyDocument } from '../store/document-json.js';
import { ResponseContractError, responseSerializerCompiler, SAMPLE_EVERY, SAMPLE_FROM } from './response-serializer.js';

const schema = Type.Object({ id: Type.String() }, { additionalProperties: false });
const route = { schema, method: 'GET', url: '/x', httpStatus: '200' };

describe('response serializer', () => {
  it('strict: every response that breaks its schema is an error', () => {
    const serialize = responseSerializerCompiler(true, () => {})(route);
    expect(serialize({ id: 'a' })).toBe('{"id":"a"}');
    for (let i = 0; i < SAMPLE_FROM + 3 * SAMPLE_EVERY; i++) expect(() => serialize({ id: 1 })).toThrow(ResponseContractError);
  });

  it('otherwise: logs every mismatch of a route at first, then one in SAMPLE_EVERY, and still sends', () => {
    const logged: string[] = [];
    const serialize = responseSerializerCompiler(false, (m) => logged.push(m))(route);
    const total = SAMPLE_FROM + 10 * SAMPLE_EVERY;
    for (let i = 0; i < total; i++) expect(serialize({ id: 1 })).toBe('{"id":1}');
    expect(logged).toHaveLength(SAMPLE_FROM + 10);
    expect(logged[0]).toContain('GET /x does not match its schema: /id');
  });

  it('sends a document the store has just written as the text it was written with; a checked answer proves it unedited', () => {
    const doc = { id: 'FP-1' };
    const text = stringifyDocument(doc);
    expect(text).toBe('{"id":"FP-1"}');
    const logged: string[] = [];
    const serialize = responseSerializerCompiler(false, (m) => logged.push(m))(route);
    // past the first SAMPLE_FROM answers, those not checked are the stored text itself
    for (let i = 0; i < SAMPLE_FROM; i++) serialize({ id: 'x' });
    expect(serialize(doc)).toBe(text);
    // were it edited after it was stored, an unchecked answer would still send the stored text…
    doc.id = 'edited';
    expect(serialize(doc)).toBe(text);
    expect(logged).toEqual([]);
    // …and a checked one sends the object as it is now and reports the fault
    for (let i = 0; i < SAMPLE_EVERY && !logged.length; i++) serialize(doc);
    expect(logged).toEqual(['response 200 of GET /x is a document edited after it was stored']);
    // strict (tests): every answer is checked, so an edited stored document is an error
    expect(() => responseSerializerCompiler(true, () => {})(route)(doc)).toThrow(ResponseContractError);
    const fresh = { id: 'FP-2' };
    expect(responseSerializerCompiler(true, () => {})(route)(fresh)).toBe('{"id":"FP-2"}');
    const stored = { id: 'FP-3' };
    const storedText = stringifyDocument(stored);
    expect(responseSerializerCompiler(true, () => {})(route)(stored)).toBe(storedText);
  });

  it('sends stored documents inside an answer (a batch) as their stored texts; a checked answer reports one edited', () => {
    const batchRoute = { schema: Type.Object({ results: Type.Array(Type.Object({ plan: schema })) }), method: 'POST', url: '/b', httpStatus: '200' };
    const a = { id: 'FP-1' };
    const b = { id: 'FP-2' };
    stringifyDocument(a);
    stringifyDocument(b);
    const logged: string[] = [];
    const serialize = responseSerializerCompiler(false, (m) => logged.push(m))(batchRoute);
    for (let i = 0; i < SAMPLE_FROM; i++) expect(serialize({ results: [{ plan: a }, { plan: b }] })).toBe('{"results":[{"plan":{"id":"FP-1"}},{"plan":{"id":"FP-2"}}]}');
    b.id = 'edited';
    // unchecked: the stored text; checked: the object as it is now, and the fault reported
    expect(serialize({ results: [{ plan: a }, { plan: b }] })).toBe('{"results":[{"plan":{"id":"FP-1"}},{"plan":{"id":"FP-2"}}]}');
    for (let i = 0; i < SAMPLE_EVERY && !logged.length; i++) serialize({ results: [{ plan: b }] });
    expect(logged).toEqual(['response 200 of POST /b is a document edited after it was stored']);
    expect(() => responseSerializerCompiler(true, () => {})(batchRoute)({ results: [{ plan: b }] })).toThrow(ResponseContractError);
  });
});
