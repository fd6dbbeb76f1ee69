import { Arg, Field, ID, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { parseScope, requireReader, type SubscriptionScope } from '../../events/subscription.js';
import { mayReadBuilding, repeatStream, type WarningRepeat } from '../../events/warning-repeats.js';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { ALL_ROLES } from '../users/user.role.js';

@ObjectType({
  description:
    'An active warning was reported again: its new repeat count and last-seen time. Transient (not in the event log, never replayed)',
})
export class WarningRepeated {
  @Field(() => ID)
  warningId!: string;

  @Field(() => ID)
  machineId!: string;

  @Field(() => ID)
  buildingId!: string;

  @Field(() => String, { nullable: true })
  code!: string | null;

  @Field(() => Int)
  repeatCount!: number;

  @Field(() => Date)
  lastSeenAt!: Date;
}

@Resolver()
export class WarningSubscriptionResolver {
  @Roles(ALL_ROLES, { scope: ApiScope.MACHINES_READ, display: true })
  @Subscription(() => WarningRepeated, {
    description:
      'Repeats of active warnings (a sensor reporting the same code again), at most a few per second per warning, the newest count always last; optionally narrowed to buildings or machines',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const actor = requireReader(ctx);
      const scope = parseScope(args as SubscriptionScope);
      return repeatStream(ctx.sequencer.repeats, {
        scope,
        allow: (repeat) => mayReadBuilding(actor, repeat.buildingId),
      });
    },
  })
  warningRepeated(
    @Root() repeat: WarningRepeat,
    @Arg('buildingIds', () => [ID], { nullable: true }) _buildingIds: string[] | null,
    @Arg('machineIds', () => [ID], { nullable: true }) _machineIds: string[] | null,
  ): WarningRepeated {
    return repeat;
  }
}
