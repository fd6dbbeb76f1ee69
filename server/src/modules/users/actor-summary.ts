import DataLoader from 'dataloader';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import type { User } from './user.entity.js';
import { userLoader } from './user.loaders.js';

export enum ActorKind {
  USER = 'USER',
  API_CLIENT = 'API_CLIENT',
}
registerEnumType(ActorKind, { name: 'ActorKind' });

/** Who did something: a person or an external system; history keeps both attributable. */
@ObjectType()
export class ActorSummary {
  @Field(() => ActorKind)
  kind!: ActorKind;

  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

export function apiClientLoader(ctx: ServiceContext): DataLoader<string, ApiClient | undefined> {
  return memoized(
    ctx,
    'apiClientById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.em.find(ApiClient, { id: { $in: [...ids] } });
        const byId = new Map(rows.map((c) => [c.id, c]));
        return ids.map((id) => byId.get(id));
      }),
  );
}

/**
 * Resolves the pair of nullable references that entities keep for "a user or an API client"
 * (e.g. `reportedByUser` / `reportedByApiClient`) into one summary, batched per request.
 */
export async function actorSummary(
  ctx: ServiceContext,
  user: Ref<User> | null | undefined,
  apiClient: Ref<ApiClient> | null | undefined,
): Promise<ActorSummary | null> {
  if (user) {
    const u = await userLoader(ctx).load(user.id);
    return u ? { kind: ActorKind.USER, id: u.id, name: u.name } : null;
  }
  if (apiClient) {
    const c = await apiClientLoader(ctx).load(apiClient.id);
    return c ? { kind: ActorKind.API_CLIENT, id: c.id, name: c.name } : null;
  }
  return null;
}
