import type { ApiScope } from '../modules/api-clients/api-client.scope.js';
import type { Role } from '../modules/users/user.role.js';

/** Who is acting: a signed-in person, or an external system with an API token. */
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
  scopes: ApiScope[];
  /** Buildings the token is limited to; empty means every building. */
  buildingIds: string[];
}

export function isUser(actor: Actor | null | undefined): actor is UserActor {
  return actor?.kind === 'user';
}
