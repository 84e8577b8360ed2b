/**
 * Who opens the stream: the upgrade request carries `Authorization: Bearer <token>` or a
 * single-use `?ticket=` (browsers cannot set headers on a WebSocket). A token in the URL is
 * refused — it would land in logs and histories. A refused upgrade is answered with the HTTP
 * status and the API's JSON error body, then the connection is closed.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { authenticate, bearerOf, BUILTIN_ADMIN } from '../auth.js';
import { ApiError, errorBody, type ErrorCode } from '../errors.js';
import type { Principal } from '../policy/actor.js';
import type { PrincipalRepo } from '../store/misc-repos.js';
import type { StreamTickets } from './stream-tickets.js';

export interface UpgradeAuth {
  adminToken: string;
  principals: PrincipalRepo;
  tickets: StreamTickets;
}

/** The principal of an upgrade request; throws ApiError (401) when there is none. */
export function authenticateUpgrade(req: IncomingMessage, auth: UpgradeAuth): Principal {
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  if (params.has('token') || params.has('access_token')) {
    throw new ApiError('TOKEN_IN_QUERY', 'the stream takes the token in the Authorization header (Bearer), or a ticket from POST /api/v1/stream/tickets as ?ticket=; never the token in the URL');
  }
  const ticket = params.get('ticket');
  if (ticket === null) return authenticate(bearerOf(req.headers.authorization), auth.adminToken, auth.principals);
  const principal = ticket ? auth.tickets.redeem(ticket) : null;
  if (!principal) throw new ApiError('UNAUTHENTICATED', 'unknown, used or expired stream ticket (tickets are single-use and last 60 s)');
  return stillValid(principal, auth.principals);
}

/** A ticket's principal, checked again: its token may have been revoked or expired since the ticket was issued. */
function stillValid(p: Principal, principals: PrincipalRepo): Principal {
  if (p === BUILTIN_ADMIN) return p;
  const found = principals.get(p.id);
  if (!found) throw new ApiError('UNAUTHENTICATED', 'the principal of this ticket no longer exists');
  if (found.revokedAt) throw new ApiError('TOKEN_REVOKED', `this token was revoked at ${found.revokedAt}`);
  if (found.principal.expiresAt && Date.parse(found.principal.expiresAt) <= Date.now()) {
    throw new ApiError('TOKEN_EXPIRED', `this token expired at ${found.principal.expiresAt}`);
  }
  return found.principal;
}

/** Answers an upgrade with an HTTP error (status, JSON error body, extra headers) and closes the connection. */
export function refuseUpgrade(socket: Duplex, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(code, message));
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
