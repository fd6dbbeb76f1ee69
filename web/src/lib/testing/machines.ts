import type { BoardMachine } from '#lib/board/types.ts';

let next = 1;

/** A board machine with sensible defaults; override what the test is about. */
export function boardMachine(overrides: Partial<BoardMachine> = {}): BoardMachine {
  const id = String(next++);
  return {
    id,
    name: `Machine ${id}`,
    assetCode: `M-${id.padStart(2, '0')}`,
    location: 'Line 1',
    importance: 3,
    status: 'OK',
    statusSince: new Date(Date.now() - 3_600_000).toISOString(),
    archived: false,
    building: { id: 'b1', name: 'Hall A' },
    technicians: [],
    activeWarnings: [],
    openFaultCase: null,
    ...overrides,
  };
}
