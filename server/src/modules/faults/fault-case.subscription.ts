import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { AppError } from '../../common/app-error.js';
import { canSee, subscriptionStream } from '../../events/subscription.js';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { ALL_ROLES, Role } from '../users/user.role.js';
import { FaultCase } from './fault-case.entity.js';

@Resolver()
export class FaultCaseSubscriptionResolver {
  @Roles(ALL_ROLES)
  @Subscription(() => FaultCase, {
    description:
      'A fault case was opened or changed. Repair staff receive only cases assigned to them; ' +
      '`onlyMine` narrows others to cases assigned to or reported by them.',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const actor = ctx.actor;
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      if (actor.kind !== 'user') throw AppError.forbidden('API tokens cannot follow fault cases');
      const onlyMine =
        actor.role === Role.REPAIR || (args as { onlyMine?: boolean }).onlyMine === true;
      return subscriptionStream(
        ctx,
        { name: 'faultCaseChanged', allow: (e) => e.faultCaseId !== null && canSee(actor, e) },
        async (e) => {
          const faultCase = await ctx.forkEm().findOne(FaultCase, { id: e.faultCaseId! });
          if (!faultCase) return undefined;
          if (
            onlyMine &&
            faultCase.assignee?.id !== actor.id &&
            faultCase.reportedByUser?.id !== actor.id
          ) {
            return undefined;
          }
          // Repair staff must still own the case now, not only when the event was written.
          if (actor.role === Role.REPAIR && faultCase.assignee?.id !== actor.id) return undefined;
          return faultCase;
        },
      );
    },
  })
  faultCaseChanged(
    @Root() faultCase: FaultCase,
    @Arg('onlyMine', () => Boolean, { defaultValue: false }) _onlyMine: boolean,
  ): FaultCase {
    return faultCase;
  }
}
