// One clock for every timer on the page: a single 1-second tick (not one interval per tile),
// corrected for the device's clock skew. Shop-floor PCs and TVs often have no NTP, so "open for
// 3 min" is computed from server timestamps against the server's idea of now.

/** Largest plausible error of one sample: the Date header has whole seconds. */
const SAMPLE_RESOLUTION_MS = 1000;

export class Clock {
  /** The device's time, updated every tick; read it to re-render once a second. */
  #deviceNow = $state(Date.now());
  /** Server time minus device time, in ms. */
  offsetMs = $state(0);
  #timer: ReturnType<typeof setInterval> | undefined;
  #users = 0;

  /** Server-corrected "now" in ms since the epoch. Reactive: changes every tick. */
  get now(): number {
    return this.#deviceNow + this.offsetMs;
  }

  /**
   * Ticks while at least one component uses the clock; returns the release function
   * (call it from the `$effect` cleanup).
   */
  use(): () => void {
    this.#users += 1;
    if (this.#users === 1) {
      this.#deviceNow = Date.now();
      this.#timer = setInterval(() => (this.#deviceNow = Date.now()), 1000);
    }
    return () => {
      this.#users -= 1;
      if (this.#users === 0) clearInterval(this.#timer);
    };
  }

  /**
   * A server timestamp seen at device time `receivedAt`: the HTTP `Date` header (whole
   * seconds, so the true server time is up to 1 s later). Only a disagreement larger than the
   * header's resolution moves the offset, so timers don't jitter by a second on every reply.
   */
  observeServerDate(serverMs: number, receivedAt = Date.now()): void {
    if (!Number.isFinite(serverMs)) return;
    const sample = serverMs + SAMPLE_RESOLUTION_MS / 2 - receivedAt;
    if (Math.abs(sample - this.offsetMs) > SAMPLE_RESOLUTION_MS) this.offsetMs = sample;
  }

  /** Milliseconds from a server ISO timestamp to now (never negative). */
  since(iso: string): number {
    return Math.max(0, this.now - Date.parse(iso));
  }
}

/** The app's one clock. */
export const clock = new Clock();
