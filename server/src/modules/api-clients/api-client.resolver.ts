import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { firstOf } from '../../common/nested-list.js';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { Connection, FirstArg, PageArgs } from '../../graphql/pagination.js';
import { Building } from '../buildings/building.entity.js';
import { User } from '../users/user.entity.js';
import { userLoader } from '../users/user.loaders.js';
import { Role } from '../users/user.role.js';
import { ApiClient } from './api-client.entity.js';
import { ApiClientFilter, CreateApiClientInput } from './api-client.inputs.js';
import { apiClientBuildingsLoader } from './api-client.loaders.js';
import { ApiClientService } from './api-client.service.js';

@ObjectType()
export class ApiClientConnection extends Connection(ApiClient, 'ApiClient') {}

@ObjectType()
export class CreateApiClientPayload {
  @Field(() => ApiClient)
  apiClient!: ApiClient;

  @Field(() => String, { description: 'Shown this once: only its hash is stored' })
  token!: string;
}

@Resolver(() => ApiClient)
export class ApiClientResolver {
  @Roles([Role.MANAGER])
  @Query(() => ApiClientConnection, { description: 'External systems, newest first' })
  apiClients(
    @Arg('filter', () => ApiClientFilter, { nullable: true }) filter: ApiClientFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return new ApiClientService(ctx).list(filter ?? { includeRevoked: true }, page);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => CreateApiClientPayload, { description: 'Returns the token once' })
  createApiClient(
    @Arg('input', () => CreateApiClientInput) input: CreateApiClientInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateApiClientPayload> {
    return new ApiClientService(ctx).create(ctx.actor!, input);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => ApiClient, { description: 'The token stops working at once; the record stays' })
  revokeApiClient(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiClient> {
    return new ApiClientService(ctx).revoke(id);
  }

  @FieldResolver(() => Boolean)
  revoked(@Root() client: ApiClient): boolean {
    return client.revokedAt !== null;
  }

  @FieldResolver(() => [Building], { description: 'Buildings the token is limited to; empty: all' })
  async buildings(
    @Root() client: ApiClient,
    @FirstArg(100) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Building[]> {
    return firstOf(await apiClientBuildingsLoader(ctx).load(client.id), first);
  }

  @FieldResolver(() => User)
  async createdBy(@Root() client: ApiClient, @Ctx() ctx: RequestContext): Promise<User> {
    return (await userLoader(ctx).load(client.createdBy.id))!;
  }
}
