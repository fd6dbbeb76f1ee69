import type { ApiClientPurpose } from '../modules/api-clients/api-client.purpose.js';
import type { ApiScope } from '../modules/api-clients/api-client.scope.js';
import type { Role } from '../modules/users/user.role.js';

/**
 * Who is acting: a signed-in person, or an external system with an API token. A wall
 * display's link is an API token too (purpose DISPLAY): read-only, limited to its buildings,
 * and admitted only by the few fields that say so (see graphql/auth.ts).
 */
export type Actor = UserActor | ApiClientActor;

export interface UserActor {
  kind: 'user';
  id: string;
  role: Role;
  name: string;
}

export interface ApiClientActor {
  kind: 'apiClient';
  id: string;
  name: string;
  purpose: ApiClientPurpose;
  scopes: ApiScope[];
  /** Buildings the token is limited to; empty means every building. */
  buildingIds: string[];
}

export function isUser(actor: Actor | null | undefined): actor is UserActor {
  return actor?.kind === 'user';
}

export type DisplayActor = ApiClientActor & { purpose: 'DISPLAY' };

export function isDisplay(actor: Actor | null | undefined): actor is DisplayActor {
  return actor?.kind === 'apiClient' && actor.purpose === 'DISPLAY';
}
