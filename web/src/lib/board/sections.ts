import type { BoardMachine } from './types.ts';

/** A run of tiles with a heading: the faults, the warnings, the OK machines (of one importance). */
export interface BoardSection {
  key: string;
  status: BoardMachine['status'];
  /** Set when a large plant's OK machines are grouped by importance. */
  importance: number | null;
  /** The section's tiles in blocks of at most BLOCK (see Board.svelte). */
  blocks: BoardMachine[][];
  size: number;
}

/**
 * Tiles per block. Each block is its own grid, skipped while off screen; 120 divides by every
 * column count the board has (1 to 6), so the blocks of a section join without a gap. A status
 * change shifts one tile across each later block of its section (one tile made, one removed
 * per block): 120 rather than 60 halves that work on a 2,000-machine board (bench:web).
 */
export const BLOCK = 120;

/** More OK machines than this are grouped by importance. */
export const SPLIT_OK_ABOVE = 120;

/**
 * Splits the board (already in board order: faults, warnings, then OK machines by
 * importance) into sections. A status change then moves a tile between two sections and
 * shifts only the blocks after it within each, instead of every tile of a 2,000-machine list.
 */
export function boardSections(
  machines: readonly BoardMachine[],
  previous: readonly BoardSection[] = [],
): BoardSection[] {
  return reuseUnchanged(split(machines), previous);
}

/**
 * Hands back the previous section and block objects wherever their tiles are the same
 * machines, in the same order: Svelte then leaves those blocks alone, and an event touches
 * only the blocks it changed instead of reconciling all 2,000 tiles.
 */
function reuseUnchanged(next: BoardSection[], previous: readonly BoardSection[]): BoardSection[] {
  const before = new Map(previous.map((s) => [s.key, s]));
  return next.map((section) => {
    const old = before.get(section.key);
    if (!old) return section;
    const blocks = section.blocks.map((block, i) => {
      const was = old.blocks[i];
      return was && was.length === block.length && was.every((m, j) => m === block[j])
        ? was
        : block;
    });
    const same =
      old.size === section.size &&
      old.importance === section.importance &&
      old.blocks.length === blocks.length &&
      blocks.every((b, i) => b === old.blocks[i]);
    return same ? old : { ...section, blocks };
  });
}

function split(machines: readonly BoardMachine[]): BoardSection[] {
  // A small plant's OK machines stay in one section; shifting a few blocks costs nothing.
  const okCount = machines.reduce((n, m) => n + (m.status === 'OK' ? 1 : 0), 0);
  const byImportance = okCount > SPLIT_OK_ABOVE;
  const sameSection = (a: BoardMachine, b: BoardMachine) =>
    a.status === b.status && (a.status !== 'OK' || !byImportance || a.importance === b.importance);
  const sections: BoardSection[] = [];
  let start = 0;
  for (let i = 1; i <= machines.length; i++) {
    const here = machines[i];
    const first = machines[start]!;
    if (here && sameSection(here, first)) continue;
    const members = machines.slice(start, i);
    const split = first.status === 'OK' && byImportance;
    sections.push({
      key: split ? `OK-${first.importance}` : first.status,
      status: first.status,
      importance: split ? first.importance : null,
      blocks: Array.from({ length: Math.ceil(members.length / BLOCK) }, (_, b) =>
        members.slice(b * BLOCK, (b + 1) * BLOCK),
      ),
      size: members.length,
    });
    start = i;
  }
  return sections;
}
