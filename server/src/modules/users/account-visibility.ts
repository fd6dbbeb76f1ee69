import { AppError } from '../../common/app-error.js';
import type { RequestContext } from '../../graphql/context.js';
import type { User } from './user.entity.js';
import { Role } from './user.role.js';

const SIGNED_IN = 'users:signedIn';

/** The person who just proved their password in this operation may read their own account. */
export function markSignedIn(ctx: Pick<RequestContext, 'memo'>, userId: string): void {
  const ids = (ctx.memo.get(SIGNED_IN) as Set<string> | undefined) ?? new Set<string>();
  ids.add(userId);
  ctx.memo.set(SIGNED_IN, ids);
}

/**
 * A user's e-mail and account state are for managers and the person themself: boards, cases
 * and API clients reach users as technicians and assignees, and need names only.
 */
export function assertMaySeeAccount(ctx: RequestContext, user: User, field: string): void {
  const actor = ctx.actor;
  if (actor?.kind === 'user' && (actor.role === Role.MANAGER || actor.id === user.id)) return;
  if ((ctx.memo.get(SIGNED_IN) as Set<string> | undefined)?.has(user.id)) return;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  ctx.audit.denied(`User.${field} of another person`);
  throw AppError.forbidden(`Only managers see another person's ${field}`);
}
