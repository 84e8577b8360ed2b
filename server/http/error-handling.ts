/**
 * Every error leaves in one shape, `{"error":{"code","message","details"?}}`, with a code from
 * the catalogue — including the ones Fastify and Node answer before a route runs (bad URL, too
 * long a path parameter, oversized headers, a body that arrives too slowly).
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorBody, type ErrorCode } from '../errors.js';

type AnyError = Error & { statusCode?: number; code?: string; validation?: unknown };

/** Fastify's own error codes, as ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_ASYNC_CONSTRAINT: 'INTERNAL',
};

/** The error as code, status, message and details; unknown errors are 500 INTERNAL. */
export function classify(err: AnyError): { code: ErrorCode; status: number; message: string; details?: unknown } {
  if (err instanceof ApiError) return { code: err.code, status: err.status, message: err.message, details: err.details };
  if (err.validation) return { code: 'VALIDATION_FAILED', status: 400, message: err.message, details: err.validation };
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) return { code: mapped, status: mapped === 'INTERNAL' ? 500 : (err.statusCode ?? 400), message: mapped === 'MALFORMED_JSON' ? 'the body is not valid JSON' : err.message };
  if (err instanceof SyntaxError) return { code: 'MALFORMED_JSON', status: 400, message: 'the body is not valid JSON' };
  if (err.statusCode === 408) return { code: 'REQUEST_TIMEOUT', status: 408, message: err.message };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return { code: 'BAD_REQUEST', status: err.statusCode, message: err.message };
  return { code: 'INTERNAL', status: 500, message: 'internal error' };
}

function send(reply: FastifyReply, c: ReturnType<typeof classify>) {
  const retryAfterS = (c.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
  if (c.status === 429 && typeof retryAfterS === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfterS));
  return reply.status(c.status).send(errorBody(c.code, c.message, c.details));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: AnyError, req, reply) => {
    const c = classify(err);
    if (c.status >= 500) req.log.error(err);
    return send(reply, c);
  });
}

/** For Fastify's `frameworkErrors` option: routing errors answered before any route runs. */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  return send(reply, classify(err));
}

/** For Fastify's `clientErrorHandler` option: what Node answers on the raw socket (431, 408, 400). */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, ErrorCode, string] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'the request line and headers exceed 16 KiB']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'the request did not arrive in time']
        : err.code === 'HPE_URI_TOO_LONG'
          ? [414, 'URI_TOO_LONG', 'the URL is too long']
          : [400, 'BAD_REQUEST', 'the request could not be read as HTTP/1.1'];
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy();
}
