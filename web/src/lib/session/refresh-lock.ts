// One refresh at a time across every tab of this origin. The server spends a refresh token
// on use and revokes the whole session when a spent one comes back, so two tabs refreshing
// with the same cookie at once would sign each other out. Inside the lock the browser sends
// the cookie as it is now, so a tab that waited refreshes with the token the other just got.

const LOCK_NAME = 'sf-refresh';
const STORAGE_KEY = 'sf-refresh-lock';
/** A tab that died holding the fallback lock frees it after this long. */
const FALLBACK_LEASE_MS = 10_000;

export async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  // Web Locks need a secure context (HTTPS or localhost); plain-HTTP intranet hosts fall back.
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request(LOCK_NAME, work);
  }
  return withStorageLock(work);
}

interface Lease {
  owner: string;
  until: number;
}

function readLease(): Lease | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Lease) : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A best-effort mutex in localStorage: write a lease, wait a moment, and own it only if no
 * other tab overwrote it meanwhile. Without storage (private mode) it just runs the work.
 */
async function withStorageLock<T>(work: () => Promise<T>): Promise<T> {
  const owner = Math.random().toString(36).slice(2);
  const deadline = Date.now() + FALLBACK_LEASE_MS * 2;
  let owned = false;
  try {
    while (!owned && Date.now() < deadline) {
      const lease = readLease();
      if (!lease || lease.until < Date.now()) {
        localStorage.setItem(
          STORAGE_KEY,
          JSON.stringify({ owner, until: Date.now() + FALLBACK_LEASE_MS }),
        );
        await sleep(30 + Math.random() * 30);
        owned = readLease()?.owner === owner;
      } else {
        await sleep(100);
      }
    }
  } catch {
    // Storage refused: run unlocked rather than not at all.
  }
  try {
    return await work();
  } finally {
    if (owned && readLease()?.owner === owner) localStorage.removeItem(STORAGE_KEY);
  }
}
