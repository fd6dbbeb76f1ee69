export const SOCKET_LIMITS = {
  maxPayloadBytes: 64 * 1024,
  maxSubscriptionsPerSocket: 20,
  connectionInitTimeoutMs: 5000,
  /** Unsent bytes a socket may hold before it is closed as too slow. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** How often open sockets are checked against deactivation, role and token changes. */
  revalidateEveryMs: 2000,
} as const;

/** Closed when the credential stops being valid; clients sign in again. */
export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_TOO_MANY = 4429;
/** "Try again later" (RFC 6455 1013): clients reconnect. */
export const CLOSE_TRY_AGAIN = 1013;
/** The client stopped reading and fell behind: it reconnects and reloads. */
export const CLOSE_TOO_SLOW = CLOSE_TRY_AGAIN;
