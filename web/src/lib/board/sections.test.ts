import { describe, expect, it } from 'vitest';
import { boardMachine } from '#lib/testing/machines.ts';
import { BLOCK, boardSections, SPLIT_OK_ABOVE } from './sections.ts';
import { compareMachines } from './sort.ts';

const ok = (importance: number, n: number) =>
  Array.from({ length: n }, () => boardMachine({ status: 'OK', importance }));

describe('boardSections', () => {
  it('gives faults, warnings and OK their own sections, in board order', () => {
    const machines = [
      boardMachine({ status: 'FAULT' }),
      boardMachine({ status: 'WARNING' }),
      ...ok(5, 2),
      ...ok(3, 1),
    ].sort(compareMachines);
    const sections = boardSections(machines);
    expect(sections.map((s) => [s.key, s.size])).toEqual([
      ['FAULT', 1],
      ['WARNING', 1],
      ['OK', 3],
    ]);
    expect(sections.flatMap((s) => s.blocks.flat())).toEqual(machines);
  });

  it("groups a large plant's OK machines by importance, in blocks", () => {
    const machines = [...ok(5, BLOCK + 40), ...ok(2, SPLIT_OK_ABOVE)].sort(compareMachines);
    const sections = boardSections(machines);
    expect(sections.map((s) => [s.key, s.importance, s.size])).toEqual([
      ['OK-5', 5, BLOCK + 40],
      ['OK-2', 2, SPLIT_OK_ABOVE],
    ]);
    expect(sections[0]!.blocks.map((b) => b.length)).toEqual([BLOCK, 40]);
    expect(sections.flatMap((s) => s.blocks.flat())).toEqual(machines);
  });

  it('has no sections for an empty board', () => {
    expect(boardSections([])).toEqual([]);
  });
});

describe('boardSections across events', () => {
  it('keeps the blocks an event did not touch, so only changed blocks re-render', () => {
    const machines = [...ok(3, 3 * BLOCK + 20)].sort(compareMachines);
    const before = boardSections(machines);
    // The last machine turns WARNING: it leaves the last block of OK and opens Warnings.
    const moved = { ...machines.at(-1)!, status: 'WARNING' as const };
    const after = boardSections([moved, ...machines.slice(0, -1)], before);
    expect(after.map((s) => s.key)).toEqual(['WARNING', 'OK-3']);
    const okBefore = before[0]!;
    const okAfter = after[1]!;
    expect(okAfter.blocks.slice(0, 3)).toEqual(okBefore.blocks.slice(0, 3));
    okAfter.blocks.slice(0, 3).forEach((b, i) => expect(b).toBe(okBefore.blocks[i]));
    expect(okAfter.blocks[3]).not.toBe(okBefore.blocks[3]);
    // Nothing changed at all: the very same sections come back.
    const again = boardSections([moved, ...machines.slice(0, -1)], after);
    again.forEach((s, i) => expect(s).toBe(after[i]));
  });
});
