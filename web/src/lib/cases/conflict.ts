import type { FaultStatus, Role, Severity } from '#lib/graphql/generated/graphql.ts';
import { mayDo, type CaseAction } from './actions.ts';

/**
 * A stale save (journey 5): every write carries the version the person saw; when the server
 * answers CONFLICT, the page shows what changed meanwhile, field by field, and offers to apply
 * the person's own change onto the current version in one click. Nothing is overwritten
 * without the person seeing it.
 */

/** The parts of a case a write can change, as compared in a conflict. */
export interface CaseFacts {
  version: number;
  status: FaultStatus;
  severity: Severity;
  description: string;
  assigneeId: string | null;
  assigneeName: string | null;
}

/** One write the person asked for; `edit` holds only the fields they changed. */
export type CaseWrite =
  | { kind: 'edit'; description?: string; severity?: Severity }
  | { kind: 'acknowledge' }
  | { kind: 'start' }
  | { kind: 'assign'; assigneeId: string; assigneeName: string }
  | { kind: 'resolve'; resolutionNote: string }
  | { kind: 'reopen'; reason: string };

/** An edit of description and severity in progress, with the case it started from. */
export interface EditDraft {
  base: CaseFacts;
  description: string;
  severity: Severity;
}

/** The edit a draft asks for: only the fields that differ from where it started. */
export function editOf(draft: EditDraft): CaseWrite & { kind: 'edit' } {
  const write: CaseWrite & { kind: 'edit' } = { kind: 'edit' };
  const description = draft.description.trim();
  if (description !== draft.base.description) write.description = description;
  if (draft.severity !== draft.base.severity) write.severity = draft.severity;
  return write;
}

/** A draft to change a conflicting edit before saving it: the current case plus my changes. */
export function redraft(conflict: CaseConflict): EditDraft | null {
  const { write, current } = conflict;
  if (write.kind !== 'edit') return null;
  return {
    base: current,
    description: write.description ?? current.description,
    severity: write.severity ?? current.severity,
  };
}

export type ConflictField = 'status' | 'assignee' | 'severity' | 'description';

/** One field in the conflict view; values are raw (status and severity codes, texts, names). */
export interface ConflictRow {
  field: ConflictField;
  /** As it was when the person started. */
  before: string | null;
  /** What their write sets; undefined when their write leaves the field alone. */
  mine: string | null | undefined;
  /** As it is now on the server: the other person's change. */
  now: string | null;
  /** Both changed this field, to different values: re-applying replaces theirs. */
  clash: boolean;
}

export interface CaseConflict {
  write: CaseWrite;
  /** The case as the person saw it when they started the write. */
  base: CaseFacts;
  /** The case as the server has it now. */
  current: CaseFacts;
}

const TARGET_STATUS: Partial<Record<CaseWrite['kind'], FaultStatus>> = {
  acknowledge: 'ACKNOWLEDGED',
  start: 'IN_PROGRESS',
  resolve: 'RESOLVED',
  reopen: 'OPEN',
};

function valueOf(facts: CaseFacts, field: ConflictField): string | null {
  switch (field) {
    case 'status':
      return facts.status;
    case 'assignee':
      return facts.assigneeName ?? facts.assigneeId;
    case 'severity':
      return facts.severity;
    case 'description':
      return facts.description;
  }
}

/** What the write sets in `field`, or undefined when it leaves the field alone. */
function mineOf(write: CaseWrite, field: ConflictField): string | undefined {
  if (field === 'status') return TARGET_STATUS[write.kind];
  if (field === 'assignee') return write.kind === 'assign' ? write.assigneeName : undefined;
  if (write.kind !== 'edit') return undefined;
  return field === 'severity' ? write.severity : write.description;
}

const FIELDS: readonly ConflictField[] = ['status', 'assignee', 'severity', 'description'];

/** The fields someone else changed, and those the write changes, in the page's order. */
export function conflictRows(conflict: CaseConflict): ConflictRow[] {
  const rows: ConflictRow[] = [];
  for (const field of FIELDS) {
    const before = valueOf(conflict.base, field);
    const now = valueOf(conflict.current, field);
    const mine = mineOf(conflict.write, field);
    if (before === now && mine === undefined) continue;
    rows.push({
      field,
      before,
      mine,
      now,
      clash: mine !== undefined && before !== now && mine !== now,
    });
  }
  return rows;
}

export type Reapply =
  | { kind: 'write'; write: CaseWrite; expectedVersion: number }
  /** The case already is as the write wanted it. */
  | { kind: 'done' }
  /** The write no longer applies to the case as it is now (e.g. resolved meanwhile). */
  | { kind: 'not-allowed' };

const ACTION_OF: Record<CaseWrite['kind'], CaseAction> = {
  edit: 'edit',
  acknowledge: 'acknowledge',
  start: 'start',
  assign: 'assign',
  resolve: 'resolve',
  reopen: 'reopen',
};

/**
 * The person's write, made again onto the current version: an edit sends only the fields
 * they changed that still differ (so the other person's other changes stay), a step only if
 * the case can still take it.
 */
export function reapply(conflict: CaseConflict, viewer: { id: string; role: Role }): Reapply {
  const { write, current } = conflict;
  const state = {
    status: current.status,
    assignee: current.assigneeId ? { id: current.assigneeId } : null,
  };
  const expectedVersion = current.version;
  if (write.kind === 'edit') {
    const next: CaseWrite = { kind: 'edit' };
    if (write.description !== undefined && write.description !== current.description)
      next.description = write.description;
    if (write.severity !== undefined && write.severity !== current.severity)
      next.severity = write.severity;
    if (next.description === undefined && next.severity === undefined) return { kind: 'done' };
    return mayDo('edit', viewer, state)
      ? { kind: 'write', write: next, expectedVersion }
      : { kind: 'not-allowed' };
  }
  if (write.kind === 'assign' && current.assigneeId === write.assigneeId) return { kind: 'done' };
  const target = TARGET_STATUS[write.kind];
  if (target && current.status === target) return { kind: 'done' };
  return mayDo(ACTION_OF[write.kind], viewer, state)
    ? { kind: 'write', write, expectedVersion }
    : { kind: 'not-allowed' };
}

/** Text the person typed for a write that may not happen any more: never thrown away. */
export function typedText(write: CaseWrite): string | null {
  if (write.kind === 'resolve') return write.resolutionNote;
  if (write.kind === 'reopen') return write.reason;
  return null;
}

/** The facts of a case from the page's data. */
export function factsOf(fc: {
  version?: number | null;
  status: FaultStatus;
  severity: Severity;
  description?: string | null;
  assignee?: { id: string; name: string } | null;
}): CaseFacts {
  return {
    version: fc.version ?? 0,
    status: fc.status,
    severity: fc.severity,
    description: fc.description ?? '',
    assigneeId: fc.assignee?.id ?? null,
    assigneeName: fc.assignee?.name ?? null,
  };
}

/**
 * The facts from a CONFLICT's `details.current` (the server sends the case as it is now),
 * when the case cannot be read again; names the page knows fill in the assignee.
 */
export function factsFromDetails(
  details: Record<string, unknown>,
  names: ReadonlyMap<string, string>,
): CaseFacts | null {
  const c = details.current as Record<string, unknown> | undefined;
  if (!c || typeof c.version !== 'number' || typeof c.status !== 'string') return null;
  const assigneeId = typeof c.assigneeId === 'string' ? c.assigneeId : null;
  return {
    version: c.version,
    status: c.status as FaultStatus,
    severity: c.severity as Severity,
    description: typeof c.description === 'string' ? c.description : '',
    assigneeId,
    assigneeName: assigneeId ? (names.get(assigneeId) ?? null) : null,
  };
}
