import { Arg, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { BusEvent } from '../../events/event-bus.js';
import {
  assertCursorNotAhead,
  canSee,
  parseScope,
  parseSince,
  requireReader,
  type SubscriptionScope,
  subscriptionStream,
} from '../../events/subscription.js';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { Machine } from '../machines/machine.entity.js';
import { MachineStatus } from '../machines/machine.status.js';
import { User } from '../users/user.entity.js';
import { ALL_ROLES } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';
import { eventTileCache } from './event-tile-cache.js';
import { MachineEvent } from './machine-event.entity.js';
import { MachineEventType } from './machine-event.type.js';

@ObjectType({ description: 'A machine changed status; carries what a board needs to repaint' })
export class MachineStatusChange {
  @Field(() => ID, { description: 'The event id: pass it as `since` to resume' })
  eventId!: string;

  @Field(() => ID)
  machineId!: string;

  @Field(() => ID)
  buildingId!: string;

  @Field(() => MachineStatus)
  status!: MachineStatus;

  @Field(() => MachineStatus, { nullable: true })
  previousStatus!: MachineStatus | null;

  @Field(() => Date)
  changedAt!: Date;
}

@Resolver()
export class MachineEventSubscriptionResolver {
  @Roles(ALL_ROLES, { scope: ApiScope.MACHINES_READ, display: true })
  @Subscription(() => MachineStatusChange, {
    description: 'Live status changes, optionally narrowed to buildings or machines',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const actor = requireReader(ctx);
      const { buildingIds, machineIds } = parseScope(args as SubscriptionScope);
      return subscriptionStream(
        ctx,
        {
          name: 'machineStatusChanged',
          scope: { buildingIds, machineIds },
          allow: (e) => canSee(actor, e),
        },
        (e) => (e.type === MachineEventType.STATUS_CHANGED ? toStatusChange(e) : undefined),
      );
    },
  })
  machineStatusChanged(
    @Root() change: MachineStatusChange,
    @Arg('buildingIds', () => [ID], { nullable: true }) _buildingIds: string[] | null,
    @Arg('machineIds', () => [ID], { nullable: true }) _machineIds: string[] | null,
  ): MachineStatusChange {
    return change;
  }

  @Roles(ALL_ROLES, { scope: ApiScope.MACHINES_READ, display: true })
  @Subscription(() => MachineEvent, {
    description:
      'Every machine event: first those after `since` (replay), then live, in order, each once',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      const actor = requireReader(ctx);
      const since = parseSince((args as { since?: string | null }).since);
      const { buildingIds, machineIds } = parseScope(args as SubscriptionScope);
      if (since !== undefined) await assertCursorNotAhead(ctx, since);
      eventTileCache(ctx.sequencer); // listening before the first delivery (see its `rows`)
      return subscriptionStream(
        ctx,
        {
          name: 'machineEvents',
          since,
          scope: { buildingIds, machineIds },
          allow: (e) => canSee(actor, e),
        },
        (e) => e,
      );
    },
  })
  machineEvents(
    @Root() event: BusEvent,
    @Ctx() ctx: RequestContext,
    @Arg('since', () => ID, { nullable: true, description: 'The last event id this client saw' })
    _since: string | null,
    @Arg('buildingIds', () => [ID], { nullable: true }) _buildingIds: string[] | null,
    @Arg('machineIds', () => [ID], { nullable: true }) _machineIds: string[] | null,
  ): MachineEvent {
    return toMachineEvent(ctx, event);
  }
}

function toStatusChange(e: BusEvent): MachineStatusChange {
  return {
    eventId: String(e.id),
    machineId: e.machineId,
    buildingId: e.buildingId,
    status: e.toStatus!,
    previousStatus: e.fromStatus,
    changedAt: e.at,
  };
}

/** The entity shape the MachineEvent type's field resolvers expect, built without a query. */
function toMachineEvent(ctx: RequestContext, e: BusEvent): MachineEvent {
  const em = ctx.em;
  const event = new MachineEvent();
  event.id = e.id;
  event.type = e.type;
  event.at = e.at;
  event.buildingId = e.buildingId;
  event.fromStatus = e.fromStatus;
  event.toStatus = e.toStatus;
  event.data = e.data;
  event.machine = em.getReference(Machine, e.machineId, { wrapped: true });
  event.faultCase = e.faultCaseId
    ? em.getReference(FaultCase, e.faultCaseId, { wrapped: true })
    : null;
  event.warning = e.warningId ? em.getReference(Warning, e.warningId, { wrapped: true }) : null;
  event.actorUser = e.actorUserId ? em.getReference(User, e.actorUserId, { wrapped: true }) : null;
  event.actorApiClient = e.actorApiClientId
    ? em.getReference(ApiClient, e.actorApiClientId, { wrapped: true })
    : null;
  return event;
}
