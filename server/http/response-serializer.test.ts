import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
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
});
