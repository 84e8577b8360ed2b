import { describe, expect, it } from 'vitest';
import { ServerMessage } from '../../shared/schemas/stream.js';
import { parseServerMessage } from './live-stream.js';

describe('the stream client reads every message of the protocol', () => {
  it('each type the server may send is read; an unknown type or version is dropped', () => {
    const types = (ServerMessage.anyOf as { properties: { type: { const: string } } }[]).map((s) => s.properties.type.const);
    expect(types).toContain('airspace');
    for (const type of types) expect(parseServerMessage(JSON.stringify({ v: 1, type }))?.type, type).toBe(type);
    expect(parseServerMessage(JSON.stringify({ v: 1, type: 'gossip' }))).toBeNull();
    expect(parseServerMessage(JSON.stringify({ v: 2, type: 'plan' }))).toBeNull();
  });
});
