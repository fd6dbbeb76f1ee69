export interface RateLimitOptions {
  /** Requests a principal may send at once (the bucket size). 0 turns the limit off. */
  burst: number;
  /** Sustained requests per second per principal (the refill rate). */
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 200, perSecond: 50 };

const MAX_BUCKETS = 50_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per principal (API client, user, or IP address for anonymous callers),
 * in this process's memory: with several replicas each enforces its own limit, so the
 * effective limit is per replica (a load balancer with sticky routing keeps it exact).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token; when none is left, returns the seconds until one will be. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const { burst, perSecond } = this.options;
    if (burst <= 0 || perSecond <= 0) return { ok: true };
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket
      ? Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond)
      : burst;
    if (tokens < 1) {
      if (bucket) {
        bucket.tokens = tokens;
        bucket.at = now;
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
    }
    if (!bucket && this.buckets.size >= MAX_BUCKETS) this.prune(now);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return { ok: true };
  }

  /** Full buckets carry no information: drop them (a flood of new IPs cannot grow the map). */
  private prune(now: number): void {
    const { burst, perSecond } = this.options;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
    if (this.buckets.size >= MAX_BUCKETS) {
      const excess = this.buckets.size - MAX_BUCKETS / 2;
      let i = 0;
      for (const key of this.buckets.keys()) {
        if (i++ >= excess) break;
        this.buckets.delete(key);
      }
    }
  }
}
