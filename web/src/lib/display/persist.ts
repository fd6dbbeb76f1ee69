import { stringifyDocument } from '@urql/core';
import { BoardMachineFields } from '#lib/board/board.graphql.ts';
import type { BoardMachine } from '#lib/board/types.ts';
import { BOARD_KEY } from './credential.ts';

/**
 * The last board and its cursor, kept in localStorage so a reload (a deploy, a power cut, a
 * watchdog) shows the last known board at once, marked as not live, and resumes the stream
 * from where it stood instead of from nothing. One entry, replaced on every save: its size is
 * the board's, never the number of events seen.
 */
export interface SavedBoard {
  cursor: string | null;
  machines: BoardMachine[];
  savedAt: number;
}

interface Stored extends SavedBoard {
  shape: string;
}

/** A board saved by another version of the tile fragment is not read back. */
const SHAPE = fingerprint(stringifyDocument(BoardMachineFields));

/** Older than this, a saved board is read again from the server rather than replayed. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

function fingerprint(text: string): string {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return `${text.length}:${hash}`;
}

export function loadBoard(now = Date.now()): SavedBoard | null {
  try {
    const raw = localStorage.getItem(BOARD_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Stored;
    if (stored.shape !== SHAPE || !Array.isArray(stored.machines)) return null;
    if (now - stored.savedAt > MAX_AGE_MS) return null;
    return { cursor: stored.cursor, machines: stored.machines, savedAt: stored.savedAt };
  } catch {
    return null;
  }
}

export function saveBoard(board: SavedBoard): void {
  try {
    localStorage.setItem(BOARD_KEY, JSON.stringify({ ...board, shape: SHAPE } satisfies Stored));
  } catch {
    // Full or unavailable storage: the screen still works, it just starts from the server.
  }
}

export function forgetBoard(): void {
  try {
    localStorage.removeItem(BOARD_KEY);
  } catch {
    // Nothing to forget.
  }
}
