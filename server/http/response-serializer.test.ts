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

  it('sends a document the store has just written as the text it was written with (serialised once)', () => {
    const serialize = responseSerializerCompiler(true, () => {})(route);
    const doc = { id: 'FP-1' };
    const text = stringifyDocument(doc);
    expect(text).toBe('{"id":"FP-1"}');
    // the same object is sent as that text (were it serialised again, the edit below would show)
    doc.id = 'edited';
    expect(serialize(doc)).toBe(text);
    // an equal object that was not stored is serialised as usual
    expect(serialize({ id: 'edited' })).toBe('{"id":"edited"}');
  });
});
