import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { AppError } from '../../common/app-error.js';
import type { BusEvent } from '../../events/event-bus.js';
import { canSee, subscriptionStream } from '../../events/subscription.js';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { ALL_ROLES, Role } from '../users/user.role.js';
import { FaultCase } from './fault-case.entity.js';

/** An assignment event that moved the case away from `userId`. */
function tookFrom(event: BusEvent, userId: string): boolean {
  return (
    event.type === MachineEventType.FAULT_ASSIGNED &&
    event.data.previousAssigneeId === userId &&
    event.data.assigneeId !== userId
  );
}

@Resolver()
export class FaultCaseSubscriptionResolver {
  @Roles(ALL_ROLES)
  @Subscription(() => FaultCase, {
    description:
      'A fault case was opened or changed. Repair staff receive only cases assigned to them; ' +
      '`onlyMine` narrows others to cases assigned to or reported by them. Whoever a case is ' +
      'reassigned away from receives it once more, with its new assignee, so a list of their ' +
      'cases can drop it (its detail fields are then FORBIDDEN to repair staff).',
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
          // The case was just taken from this person: their list of own cases must learn it
          // is no longer theirs. It carries only what the board shows anyway (the new owner).
          if (tookFrom(e, actor.id)) return faultCase;
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
