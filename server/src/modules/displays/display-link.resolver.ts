import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import type { ApiClient } from '../api-clients/api-client.entity.js';
import { apiClientBuildingsLoader } from '../api-clients/api-client.loaders.js';
import { Building } from '../buildings/building.entity.js';
import { ALL_ROLES, Role } from '../users/user.role.js';
import { CreateDisplayLinkInput } from './display-link.inputs.js';
import { DisplayLinkService, type CurrentDisplayView } from './display-link.service.js';
import { CreateDisplayLinkPayload, CurrentDisplay, DisplayLink } from './display-link.types.js';

@Resolver(() => DisplayLink)
export class DisplayLinkResolver {
  @Roles([Role.MANAGER])
  @Query(() => [DisplayLink], {
    description: 'Wall display links, revoked ones included, newest first (at most 200)',
  })
  displayLinks(@Ctx() ctx: RequestContext): Promise<ApiClient[]> {
    return new DisplayLinkService(ctx).list();
  }

  @Roles([Role.MANAGER])
  @Mutation(() => CreateDisplayLinkPayload, { description: 'Returns the token once' })
  createDisplayLink(
    @Arg('input', () => CreateDisplayLinkInput) input: CreateDisplayLinkInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new DisplayLinkService(ctx).create(ctx.actor!, input);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => DisplayLink, {
    description:
      'The link stops working at once, its open screens within seconds; the record stays',
  })
  revokeDisplayLink(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiClient> {
    return new DisplayLinkService(ctx).revoke(id);
  }

  @Roles(ALL_ROLES, { display: true })
  @Query(() => CurrentDisplay, {
    nullable: true,
    description:
      "A display link's own settings; null for people. A revoked link gets UNAUTHENTICATED with details.reason REVOKED",
  })
  currentDisplay(@Ctx() ctx: RequestContext): Promise<CurrentDisplayView | null> {
    return new DisplayLinkService(ctx).current(ctx.actor!);
  }

  @FieldResolver(() => [Building], { description: 'The buildings it shows, by name' })
  buildings(@Root() link: ApiClient, @Ctx() ctx: RequestContext): Promise<Building[]> {
    return apiClientBuildingsLoader(ctx).load(link.id);
  }
}
