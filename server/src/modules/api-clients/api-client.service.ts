import type { FilterQuery } from '@mikro-orm/core';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid } from '../../common/ids.js';
import { findPage, type ConnectionShape, type Page } from '../../common/page.js';
import type { ServiceContext } from '../../graphql/context.js';
import { Building } from '../buildings/building.entity.js';
import { User } from '../users/user.entity.js';
import { ApiClient } from './api-client.entity.js';
import { ApiScope } from './api-client.scope.js';
import { generateApiToken } from './api-token.js';

const NAME_MAX = 120;
const KNOWN_SCOPES = new Set<string>(Object.values(ApiScope));

export interface CreateApiClientData {
  name: string;
  scopes: ApiScope[];
  buildingIds?: string[] | null;
}

export interface CreatedApiClient {
  apiClient: ApiClient;
  /** The only time the token exists outside the caller: the database keeps its hash. */
  token: string;
}

export class ApiClientService {
  constructor(private readonly ctx: ServiceContext) {}

  list(
    filter: { includeRevoked?: boolean | null },
    page: Page,
  ): Promise<ConnectionShape<ApiClient>> {
    // Display links are tokens too, but managed (and listed) as displays.
    const where: FilterQuery<ApiClient> =
      filter.includeRevoked === false ? { purpose: 'API', revokedAt: null } : { purpose: 'API' };
    return findPage(this.ctx.em, ApiClient, where, page, { createdAt: 'desc', id: 'desc' });
  }

  async create(actor: Actor, input: CreateApiClientData): Promise<CreatedApiClient> {
    if (actor.kind !== 'user') throw AppError.forbidden();
    const name = input.name.trim();
    if (name.length === 0 || name.length > NAME_MAX) {
      throw AppError.badInput(`name must be 1 to ${NAME_MAX} characters`, { field: 'name' });
    }
    const scopes = [...new Set(input.scopes)];
    if (scopes.length === 0)
      throw AppError.badInput('Give at least one scope', { field: 'scopes' });
    if (scopes.some((s) => !KNOWN_SCOPES.has(s)))
      throw AppError.badInput('Unknown scope', { field: 'scopes' });
    const buildingIds = [
      ...new Set((input.buildingIds ?? []).map((id) => assertUuid(id, 'buildingIds'))),
    ];
    const em = this.ctx.em.fork();
    if (buildingIds.length > 0) {
      const found = await em.find(Building, { id: { $in: buildingIds } }, { fields: ['id'] });
      const missing = buildingIds.filter((id) => !found.some((b) => b.id === id));
      if (missing.length > 0) throw AppError.badInput('Unknown building', { buildingIds: missing });
    }
    const { token, tokenHash, displayPrefix } = generateApiToken();
    const apiClient = em.create(ApiClient, {
      name,
      scopes,
      tokenHash,
      tokenPrefix: displayPrefix,
      createdBy: em.getReference(User, actor.id, { wrapped: true }),
    });
    for (const id of buildingIds) apiClient.buildings.add(em.getReference(Building, id));
    await em.flush();
    return { apiClient, token };
  }

  /**
   * The token stops working with the next request: authentication skips revoked clients.
   * A display link is NOT_FOUND here: it is revoked as a display (`revokeDisplayLink`).
   */
  async revoke(id: string): Promise<ApiClient> {
    const clientId = assertUuid(id);
    const em = this.ctx.em.fork();
    const client = await em.findOne(ApiClient, { id: clientId, purpose: 'API' });
    if (!client) throw AppError.notFound('API client', clientId);
    if (client.revokedAt === null) {
      // Only the first revocation counts, even when two managers press at once.
      await em.nativeUpdate(
        ApiClient,
        { id: clientId, revokedAt: null },
        { revokedAt: new Date() },
      );
      await em.refresh(client);
      await this.ctx.bus.publishInvalidation(em, { kind: 'apiClient', apiClientId: clientId });
    }
    return client;
  }
}
