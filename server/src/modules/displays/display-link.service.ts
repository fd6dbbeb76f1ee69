import type { Actor } from '../../common/actor.js';
import { isDisplay } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid } from '../../common/ids.js';
import type { ServiceContext } from '../../graphql/context.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { REVOKED } from '../auth/authenticate.js';
import { generateApiToken } from '../api-clients/api-token.js';
import { Building } from '../buildings/building.entity.js';
import { User } from '../users/user.entity.js';

const NAME_MAX = 120;
/** A screen shows a few halls; the cap keeps the link's row and the token's lookup small. */
const BUILDINGS_MAX = 100;
const LIST_MAX = 200;

export interface CreateDisplayLinkData {
  name: string;
  buildingIds: string[];
  chime?: boolean | null;
}

export interface CreatedDisplayLink {
  displayLink: ApiClient;
  /** The only time the token exists outside the screen: the database keeps its hash. */
  token: string;
}

export interface CurrentDisplayView {
  id: string;
  name: string;
  chime: boolean;
  buildings: Building[];
}

/**
 * Display links are API clients of purpose DISPLAY with the one scope machines:read: the
 * token, its hash, `lastUsedAt`, revocation and socket revalidation are the API clients'
 * own. What makes them read-only board viewers is the auth checker (graphql/auth.ts), which
 * admits a display only to fields marked `display: true`, and the REST adapter, which
 * refuses them outright.
 */
export class DisplayLinkService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Revoked ones too (the record stays), newest first. */
  list(): Promise<ApiClient[]> {
    return this.ctx.em.find(
      ApiClient,
      { purpose: 'DISPLAY' },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: LIST_MAX },
    );
  }

  async create(actor: Actor, input: CreateDisplayLinkData): Promise<CreatedDisplayLink> {
    if (actor.kind !== 'user') throw AppError.forbidden();
    const name = input.name.trim();
    if (name.length === 0 || name.length > NAME_MAX) {
      throw AppError.badInput(`name must be 1 to ${NAME_MAX} characters`, { field: 'name' });
    }
    const buildingIds = [
      ...new Set((input.buildingIds ?? []).map((id) => assertUuid(id, 'buildingIds'))),
    ];
    if (buildingIds.length === 0) {
      throw AppError.badInput('Choose at least one building', { field: 'buildingIds' });
    }
    if (buildingIds.length > BUILDINGS_MAX) {
      throw AppError.badInput(`At most ${BUILDINGS_MAX} buildings`, { field: 'buildingIds' });
    }
    const em = this.ctx.em.fork();
    const found = await em.find(Building, { id: { $in: buildingIds } }, { fields: ['id'] });
    const missing = buildingIds.filter((id) => !found.some((b) => b.id === id));
    if (missing.length > 0) {
      throw AppError.badInput('Unknown building', { field: 'buildingIds', buildingIds: missing });
    }
    const { token, tokenHash, displayPrefix } = generateApiToken();
    const link = em.create(ApiClient, {
      name,
      purpose: 'DISPLAY',
      scopes: [ApiScope.MACHINES_READ],
      chime: input.chime === true,
      tokenHash,
      tokenPrefix: displayPrefix,
      createdBy: em.getReference(User, actor.id, { wrapped: true }),
    });
    for (const id of buildingIds) link.buildings.add(em.getReference(Building, id));
    await em.flush();
    return { displayLink: link, token };
  }

  /**
   * The link stops working with the next request, and its open sockets close at the next
   * revalidation. Only display links: an API client's id is NOT_FOUND here, as a display's is
   * for `revokeApiClient`.
   */
  async revoke(id: string): Promise<ApiClient> {
    const linkId = assertUuid(id);
    const em = this.ctx.em.fork();
    const link = await em.findOne(ApiClient, { id: linkId, purpose: 'DISPLAY' });
    if (!link) throw AppError.notFound('Display link', linkId);
    if (link.revokedAt === null) {
      // Only the first revocation counts, even when two managers press at once.
      await em.nativeUpdate(ApiClient, { id: linkId, revokedAt: null }, { revokedAt: new Date() });
      await em.refresh(link);
      await this.ctx.bus.publishInvalidation(em, { kind: 'apiClient', apiClientId: linkId });
    }
    return link;
  }

  /** A display's own settings; null for people (they are not screens). */
  async current(actor: Actor): Promise<CurrentDisplayView | null> {
    if (!isDisplay(actor)) return null;
    const link = await this.ctx.em.findOne(
      ApiClient,
      { id: actor.id, purpose: 'DISPLAY' },
      { populate: ['buildings'] },
    );
    // Revoked between authentication and this read: the same answer as a request after it.
    if (!link || link.revokedAt !== null) {
      throw new AppError('UNAUTHENTICATED', 'This display link was revoked', { reason: REVOKED });
    }
    return {
      id: link.id,
      name: link.name,
      chime: link.chime,
      buildings: link.buildings.getItems().sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
}
