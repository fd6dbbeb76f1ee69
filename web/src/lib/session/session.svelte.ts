import type { SessionUserFragment } from '#lib/graphql/generated/graphql.ts';
import { GraphqlRequestError, postGraphql } from '#lib/graphql/http.ts';
import { clock } from '#lib/ui/clock.svelte.ts';
import { withRefreshLock } from './refresh-lock.ts';
import {
  LoginDocument,
  LogoutDocument,
  LogoutEverywhereDocument,
  RefreshSessionDocument,
} from './session.graphql.ts';

export type SessionUser = SessionUserFragment;
export type SessionState = 'unknown' | 'signed-in' | 'signed-out';

/**
 * Set while this browser holds a session, so a first visit does not ask the server to refresh
 * a cookie that cannot exist (the cookie itself is HttpOnly and invisible here).
 */
const HINT_KEY = 'sf-session';

function hint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // No storage: every start tries the refresh, which is fine.
  }
}

function hasHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) !== null;
  } catch {
    return true;
  }
}

/** Refresh this long before the access token expires (or at 3/4 of a short lifetime). */
const REFRESH_AHEAD_MS = 60_000;

interface Grant {
  accessToken: string;
  accessTokenExpiresAt: string;
  user: SessionUser;
}

/**
 * Who is signed in. The access token lives only in memory; the refresh token is the HttpOnly
 * `sf_refresh` cookie, which this class never sees. A reload restores the session through it.
 */
export class Session {
  state = $state<SessionState>('unknown');
  user = $state<SessionUser | null>(null);
  /** Why the last session ended without the person signing out (shown on the sign-in page). */
  endedReason = $state<'expired' | null>(null);

  #token: string | null = null;
  /** Expiry in server time (ms). */
  #expiresAt = 0;
  #refreshing: Promise<boolean> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #channel: BroadcastChannel | null =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('sf-session');

  constructor() {
    // Signing out in one tab signs out the others (their refresh cookie is gone too).
    this.#channel?.addEventListener('message', (event: MessageEvent) => {
      if (event.data === 'signed-out') this.#clear();
    });
  }

  get role() {
    return this.user?.role ?? null;
  }

  /** On start: a refresh through the cookie tells whether someone is signed in. */
  async restore(): Promise<void> {
    if (this.state !== 'unknown') return;
    if (!hasHint()) {
      this.state = 'signed-out';
      return;
    }
    const ok = await this.refresh();
    if (!ok) this.state = 'signed-out';
  }

  async signIn(email: string, password: string): Promise<void> {
    const data = await postGraphql(LoginDocument, { email, password });
    if (!data.login) throw new GraphqlRequestError('UNAUTHENTICATED', '');
    this.endedReason = null;
    this.#accept(data.login);
  }

  async signOut(): Promise<void> {
    try {
      await postGraphql(LogoutDocument, {});
    } catch {
      // Signed out locally either way; the server ends the refresh token when it can.
    }
    this.#clear();
    this.#channel?.postMessage('signed-out');
  }

  /**
   * Ends every session of this account on every device. Throws (GraphqlRequestError) when
   * the server could not do it, so the page can say so; this browser stays signed in then.
   */
  async signOutEverywhere(): Promise<void> {
    await postGraphql(LogoutEverywhereDocument, {}, (await this.token()) ?? undefined);
    this.#clear();
    this.#channel?.postMessage('signed-out');
  }

  /** A new session the server handed out (after a password change, which ends the others). */
  adopt(grant: Grant): void {
    this.#accept(grant);
  }

  /**
   * A valid access token: refreshed first when it is about to expire. Null when signed out.
   */
  async token(): Promise<string | null> {
    if (this.#token && this.#expiresAt - clock.now > 5_000) return this.#token;
    if (this.state === 'signed-out') return null;
    return (await this.refresh()) ? this.#token : null;
  }

  /** The access token as it is, without refreshing (for request headers). */
  get currentToken(): string | null {
    return this.#token;
  }

  /** True if the token is expired or about to be, so a request would be refused. */
  get tokenExpiring(): boolean {
    return !this.#token || this.#expiresAt - clock.now <= 5_000;
  }

  /**
   * Trades the refresh cookie for a new access token. One at a time in this tab (callers
   * share the promise) and across tabs (the refresh lock). False when the session is over.
   */
  refresh(): Promise<boolean> {
    this.#refreshing ??= withRefreshLock(async () => {
      try {
        const data = await postGraphql(RefreshSessionDocument, {});
        this.#accept(data.refreshSession);
        return true;
      } catch (error) {
        if (error instanceof GraphqlRequestError && error.code === 'NETWORK') {
          if (this.#token) {
            // The server is away for a moment: keep the session and try again soon.
            this.#schedule(5_000);
          } else {
            // Unreachable at start: to the sign-in page, but the cookie may still be good,
            // so the next start tries it again.
            this.state = 'signed-out';
          }
          return false;
        }
        if (this.state === 'signed-in') this.endedReason = 'expired';
        this.#clear();
        return false;
      }
    }).finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  #accept(grant: Grant): void {
    this.#token = grant.accessToken;
    this.#expiresAt = Date.parse(grant.accessTokenExpiresAt);
    this.user = grant.user;
    this.state = 'signed-in';
    hint(true);
    const lifetime = this.#expiresAt - clock.now;
    this.#schedule(Math.max(1_000, Math.min(lifetime - REFRESH_AHEAD_MS, lifetime * 0.75)));
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), delayMs);
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.#token = null;
    this.#expiresAt = 0;
    this.user = null;
    this.state = 'signed-out';
    hint(false);
  }
}

/** The app's one session. */
export const session = new Session();
