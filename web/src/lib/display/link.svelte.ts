import { clock } from '#lib/ui/clock.svelte.ts';

export type LinkState = 'connecting' | 'online' | 'offline';

/** How long "back online" stays on screen after a reconnect. */
export const RECOVERED_SHOWN_MS = 30_000;

export interface Recovered {
  /** How long the screen was without a live connection. */
  offlineMs: number;
  /** Changes that happened while it was offline and were applied after it came back. */
  caughtUp: number;
}

/**
 * The wall screen's connection as people in the hall should read it: live, or offline since
 * when (the board stays, marked), and for a while after it is back: for how long it was gone
 * and how many changes it caught up.
 *
 * A change counts as caught up when it happened (server time) before the connection came
 * back: the stream replays those first, then continues live.
 */
export class LinkStatus {
  state = $state<LinkState>('connecting');
  /** Device time (ms) the connection was lost; null while online. */
  offlineSince = $state<number | null>(null);
  recovered = $state<Recovered | null>(null);

  /** Server time (ms) of the reconnect: changes before it were missed while offline. */
  #backAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  connected(now = Date.now()): void {
    if (this.state === 'online') return;
    if (this.offlineSince !== null) {
      this.recovered = { offlineMs: Math.max(0, now - this.offlineSince), caughtUp: 0 };
      this.#backAt = now + clock.offsetMs;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => (this.recovered = null), RECOVERED_SHOWN_MS);
    }
    this.state = 'online';
    this.offlineSince = null;
  }

  lost(now = Date.now()): void {
    if (this.state === 'offline') return;
    this.offlineSince ??= now;
    this.state = 'offline';
    clearTimeout(this.#timer);
    this.recovered = null;
  }

  /**
   * An applied event of `type` that happened at `at` (server ISO time). STATUS_CHANGED is
   * not counted: it always comes with the change that caused it (a warning, a fault).
   */
  applied(type: string, at: string): void {
    if (type === 'STATUS_CHANGED') return;
    if (this.recovered && Date.parse(at) <= this.#backAt) this.recovered.caughtUp += 1;
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
