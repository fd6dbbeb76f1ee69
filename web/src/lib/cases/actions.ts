import type { FaultStatus, Role } from '#lib/graphql/generated/graphql.ts';

/**
 * What a person may do to a fault case, by role and state: DESIGN §3 and the server's
 * lifecycle (OPEN → ACKNOWLEDGED → IN_PROGRESS → RESOLVED, resolve from any unresolved state,
 * RESOLVED → OPEN on reopen). The page only hides what cannot work; the server decides, and a
 * refusal is shown in words.
 *
 * | action      | MANAGER | TECHNICIAN | REPAIR        | states                 |
 * |-------------|---------|------------|---------------|------------------------|
 * | edit        | yes     | yes        | –             | unresolved             |
 * | assign      | yes     | –          | –             | unresolved             |
 * | acknowledge | yes     | yes        | own assigned  | OPEN                   |
 * | start       | yes     | yes        | own assigned  | ACKNOWLEDGED           |
 * | note        | yes     | yes        | own assigned  | any (follow-ups too)   |
 * | resolve     | yes     | –          | own assigned  | unresolved             |
 * | reopen      | yes     | yes        | –             | RESOLVED               |
 */
export type CaseAction =
  'edit' | 'assign' | 'acknowledge' | 'start' | 'note' | 'resolve' | 'reopen';

/** The steps of the lifecycle, shown as buttons (edit and note have their own places). */
export const LIFECYCLE_ACTIONS = ['acknowledge', 'start', 'resolve', 'assign', 'reopen'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export interface Viewer {
  id: string;
  role: Role;
}

export interface CaseLike {
  status: FaultStatus;
  assignee?: { id: string } | null;
}

const UNRESOLVED: readonly FaultStatus[] = ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS'];

/** Staff work any case; repair staff only the cases assigned to them. */
function works(viewer: Viewer, fc: CaseLike): boolean {
  return viewer.role !== 'REPAIR' || (fc.assignee?.id ?? null) === viewer.id;
}

/** May this person do `action` to the case as it is now? */
export function mayDo(action: CaseAction, viewer: Viewer, fc: CaseLike): boolean {
  const unresolved = UNRESOLVED.includes(fc.status);
  const staff = viewer.role === 'MANAGER' || viewer.role === 'TECHNICIAN';
  switch (action) {
    case 'edit':
      return staff && unresolved;
    case 'assign':
      return viewer.role === 'MANAGER' && unresolved;
    case 'acknowledge':
      return fc.status === 'OPEN' && works(viewer, fc);
    case 'start':
      return fc.status === 'ACKNOWLEDGED' && works(viewer, fc);
    case 'note':
      return works(viewer, fc);
    case 'resolve':
      return (
        unresolved && (viewer.role === 'MANAGER' || (viewer.role === 'REPAIR' && works(viewer, fc)))
      );
    case 'reopen':
      return staff && fc.status === 'RESOLVED';
  }
}

/**
 * The lifecycle buttons for this person and state, the next step first: a manager's first
 * step on an unassigned case is to dispatch it; otherwise the lifecycle's order.
 */
export function lifecycleActions(viewer: Viewer, fc: CaseLike): LifecycleAction[] {
  const allowed = LIFECYCLE_ACTIONS.filter((a) => mayDo(a, viewer, fc));
  if (allowed.includes('assign') && !fc.assignee) {
    return ['assign', ...allowed.filter((a) => a !== 'assign')];
  }
  return allowed;
}
