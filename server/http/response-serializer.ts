/**
 * Responses are checked against their declared schema before they leave: the OpenAPI document
 * is what the serializer enforces, not a comment. A mismatch is an error (500) when strict
 * (tests), and is logged with the first difference otherwise. Bodies are plain JSON.
 *
 * Strict: every response is checked. Otherwise every response of a route is checked until
 * `SAMPLE_FROM` have been, then one in `SAMPLE_EVERY` (a drift from the contract shows in the log
 * within moments of traffic; the busiest answers, a decided plan, stop paying for a check each).
 * A document the store has written or read (store/document-json.ts), alone or inside the answer
 * (a list, a batch), is sent as its stored text; a checked answer is serialised afresh and
 * compared with that text, so a document edited after it was stored shows (an error when strict,
 * a log line otherwise).
 */
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import '../../shared/schemas/formats.js';
import { holdsStoredDocument, jsonWithStored } from '../store/document-json.js';

export class ResponseContractError extends Error {}

export const SAMPLE_FROM = 256;
export const SAMPLE_EVERY = 16;

export function responseSerializerCompiler(strict: boolean, log: (msg: string) => void) {
  return ({ schema, method, url, httpStatus }: { schema: unknown; method: string; url: string; httpStatus?: string }) => {
    const check = TypeCompiler.Compile(schema as TSchema);
    let sent = 0;
    const fail = (msg: string) => {
      if (strict) throw new ResponseContractError(msg);
      log(msg);
    };
    return (data: unknown): string => {
      sent += 1;
      // a document the store has written or read is sent as its stored text (also inside a list or a batch)
      if (!(strict || sent <= SAMPLE_FROM || sent % SAMPLE_EVERY === 0)) return jsonWithStored(data);
      if (!check.Check(data)) {
        const first = check.Errors(data).First();
        fail(`response ${httpStatus ?? ''} of ${method} ${url} does not match its schema: ${first ? `${first.path || '/'} ${first.message}` : 'mismatch'}`);
      }
      const json = JSON.stringify(data);
      // checked answers also check that promise: a document edited after it was written is a fault
      if (holdsStoredDocument(data) && jsonWithStored(data) !== json) fail(`response ${httpStatus ?? ''} of ${method} ${url} is a document edited after it was stored`);
      return json;
    };
  };
}
