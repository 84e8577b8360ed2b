/** The error type routes and services throw; its code is one of the catalogue's (shared/errors/error-codes.ts). */
import { ERROR_CODES, isErrorCode, type ErrorCode } from '../shared/errors/error-codes.js';

export { ERROR_CODES, type ErrorCode };

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }
}

/**
 * A problem code found by the shared validators, as an error code. Every such code is in the
 * catalogue (a test checks it); anything else would be a programming error, reported as such.
 */
export function problemCode(code: string): ErrorCode {
  return isErrorCode(code) ? code : 'VALIDATION_FAILED';
}

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/**
 * For callers that race with other actors (the monitor, the simulation): a refusal of the
 * service (ApiError: the plan ended or changed meanwhile) is expected and dropped; anything else
 * — a database error, a bug — is rethrown, never swallowed.
 */
export function expectedRefusal(e: unknown): void {
  if (!(e instanceof ApiError)) throw e;
}
