/**
 * Responses are checked against their declared schema before they leave: the OpenAPI document
 * is what the serializer enforces, not a comment. A mismatch is an error (500) when strict
 * (tests), and is logged with the first difference otherwise. Bodies are plain JSON.
 */
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import '../../shared/schemas/formats.js';

export class ResponseContractError extends Error {}

export function responseSerializerCompiler(strict: boolean, log: (msg: string) => void) {
  return ({ schema, method, url, httpStatus }: { schema: unknown; method: string; url: string; httpStatus?: string }) => {
    const check = TypeCompiler.Compile(schema as TSchema);
    return (data: unknown): string => {
      if (!check.Check(data)) {
        const first = check.Errors(data).First();
        const msg = `response ${httpStatus ?? ''} of ${method} ${url} does not match its schema: ${first ? `${first.path || '/'} ${first.message}` : 'mismatch'}`;
        if (strict) throw new ResponseContractError(msg);
        log(msg);
      }
      return JSON.stringify(data);
    };
  };
}
