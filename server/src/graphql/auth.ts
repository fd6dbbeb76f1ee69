import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLBoolean,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
} from 'graphql';
import { Authorized, Directive, type AuthChecker } from 'type-graphql';
import { isDisplay } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { REVOKED } from '../modules/auth/authenticate.js';
import type { ApiScope } from '../modules/api-clients/api-client.scope.js';
import { ALL_ROLES, Role } from '../modules/users/user.role.js';
import type { RequestContext } from './context.js';

const SCOPE_PREFIX = 'scope:';
const DISPLAY_RULE = 'display';

/**
 * The one permission decorator: it both enforces the roles (through the auth checker) and
 * documents them in `schema.graphql` as `@auth(requires: [...])`. An API client passes only
 * when the field names a scope that its token holds; a display link only when the field says
 * `display: true` (deny by default: a new field never opens to wall screens by accident).
 */
export function Roles(
  roles: readonly Role[] = ALL_ROLES,
  options: { scope?: ApiScope; display?: boolean } = {},
): MethodDecorator & PropertyDecorator {
  const rules: string[] = [...roles];
  if (options.scope) rules.push(`${SCOPE_PREFIX}${options.scope}`);
  if (options.display) rules.push(DISPLAY_RULE);
  const scopeArg = options.scope ? `, scope: "${options.scope}"` : '';
  const displayArg = options.display ? ', display: true' : '';
  const authorized = Authorized(rules);
  const directive = Directive(`@auth(requires: [${roles.join(', ')}]${scopeArg}${displayArg})`);
  return ((target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    authorized(target, key, descriptor as TypedPropertyDescriptor<unknown>);
    directive(target, key, descriptor as TypedPropertyDescriptor<unknown>);
  }) as MethodDecorator & PropertyDecorator;
}

export const authDirective = new GraphQLDirective({
  name: 'auth',
  description:
    'Who may use this field: these roles, API clients holding `scope`, and display links when `display`',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: {
    requires: {
      type: new GraphQLNonNull(
        new GraphQLList(
          new GraphQLNonNull(
            new GraphQLEnumType({
              name: 'AuthRole',
              values: Object.fromEntries(Object.values(Role).map((r) => [r, { value: r }])),
            }),
          ),
        ),
      ),
    },
    scope: { type: GraphQLString },
    display: { type: GraphQLBoolean },
  },
});

export const authChecker: AuthChecker<RequestContext, string> = ({ context, info }, rules) => {
  const actor = context.actor;
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (!actor) {
    if (context.revokedDisplay) {
      throw new AppError('UNAUTHENTICATED', 'This display link was revoked', { reason: REVOKED });
    }
    throw new AppError('UNAUTHENTICATED', 'Sign in first');
  }
  if (actor.kind === 'user') {
    const roles = rules.filter((r) => !r.startsWith(SCOPE_PREFIX) && r !== DISPLAY_RULE);
    if (roles.length === 0 || roles.includes(actor.role)) return true;
    context.audit.denied(`${field}: role ${actor.role} lacks ${roles.join('|')}`);
    throw AppError.forbidden();
  }
  if (isDisplay(actor)) {
    if (rules.includes(DISPLAY_RULE)) return true;
    context.audit.denied(`${field}: display links only read the board`);
    throw AppError.forbidden('A display link only reads the board');
  }
  const scope = rules.find((r) => r.startsWith(SCOPE_PREFIX))?.slice(SCOPE_PREFIX.length);
  if (scope && (actor.scopes as string[]).includes(scope)) return true;
  context.audit.denied(`${field}: API client lacks scope ${scope ?? '(none allowed)'}`);
  throw AppError.forbidden('This API token does not allow this');
};

/**
 * For the public operations (sign-in, refresh, sign-out), which have no `@auth` for the
 * checker to apply: a request carrying a display link is a wall screen's, and a screen only
 * reads its board.
 */
export function refuseDisplay(context: RequestContext, operation: string): void {
  if (!isDisplay(context.actor)) return;
  context.audit.denied(`${operation}: display links only read the board`);
  throw AppError.forbidden('A display link only reads the board');
}
