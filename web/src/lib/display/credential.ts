// A wall screen signs in with the token in its link (`/display#token=…`), once: the token moves
// to localStorage and out of the address bar, so it is not left on screen, in the history or
// in a screenshot, and a reload (or a power cut) finds it again. The fragment never reaches a
// server log either: browsers do not send it.

const TOKEN_KEY = 'sf-display-token';
/** The board and cursor of the last run, for this token only (see persist.ts). */
export const BOARD_KEY = 'sf-display-board';

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/**
 * The screen's token: a new one from the address (stored, then removed from the address bar),
 * else the stored one; null when this screen was never given a link.
 */
export function takeDisplayToken(location: Location, history: History): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  const store = storage();
  if (fromHash) {
    if (store?.getItem(TOKEN_KEY) !== fromHash) {
      // Another link on this screen: the last board belongs to the old one.
      store?.removeItem(BOARD_KEY);
      store?.setItem(TOKEN_KEY, fromHash);
    }
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromHash;
  }
  return store?.getItem(TOKEN_KEY) ?? null;
}
