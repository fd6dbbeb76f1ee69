import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid, likePattern } from '../../common/ids.js';
import { findPage, type ConnectionShape, type Page } from '../../common/page.js';
import { inTransaction } from '../../db/transaction.js';
import type { BusEvent } from '../../events/event-bus.js';
import type { ServiceContext } from '../../graphql/context.js';
import { unassignFromAllMachines } from '../machines/technician-assignments.js';
import { hashPassword } from '../auth/password.js';
import { assertPasswordPolicy } from '../auth/password-policy.js';
import { countLiveSessions, revokeAllRefreshTokens } from '../auth/refresh-tokens.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { Machine } from '../machines/machine.entity.js';
import { isValidAccountEmail, normaliseEmail } from './email.js';
import { User } from './user.entity.js';
import { ALL_ROLES, Role } from './user.role.js';

export interface UserFilterInput {
  roles?: Role[] | null;
  active?: boolean | null;
  search?: string | null;
}

export interface CreateUserData {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export interface UpdateUserData {
  name?: string | null;
  role?: Role | null;
}

export interface Deactivation {
  user: User;
  /** Sessions that were open and are now ended. */
  endedSessions: number;
  /** Machines the person was taken off (a technician's), by name. */
  unassignedMachines: Machine[];
}

const NAME_MAX = 120;
/** Serialises every change that can remove an active manager (see `keepAManager`). */
const MANAGER_SET_LOCK = 7_140_101;

type UserContext = Pick<ServiceContext, 'em' | 'logger' | 'bus'>;

export class UserService {
  constructor(private readonly ctx: UserContext) {}

  list(filter: UserFilterInput, page: Page): Promise<ConnectionShape<User>> {
    const and: FilterQuery<User>[] = [];
    if (filter.roles) {
      if (filter.roles.some((r) => !ALL_ROLES.includes(r)))
        throw AppError.badInput('Unknown role in roles');
      and.push({ role: { $in: filter.roles } });
    }
    if (filter.active !== null && filter.active !== undefined) and.push({ active: filter.active });
    const search = filter.search?.trim();
    if (search) {
      const pattern = likePattern(search);
      and.push({ $or: [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }] });
    }
    return findPage(this.ctx.em, User, and.length > 0 ? { $and: and } : {}, page, {
      name: 'asc',
      id: 'asc',
    });
  }

  async get(id: string): Promise<User> {
    const user = await this.ctx.em.findOne(User, { id: assertUuid(id) });
    if (!user) throw AppError.notFound('User', id);
    return user;
  }

  /** The one way accounts come to be: GraphQL `createUser` and the `user:create` CLI. */
  async create(actor: Actor | null, input: CreateUserData): Promise<User> {
    const email = normaliseEmail(input.email);
    if (!isValidAccountEmail(email)) {
      throw AppError.badInput('email is not a valid e-mail address', { field: 'email' });
    }
    const name = requireName(input.name);
    if (!ALL_ROLES.includes(input.role)) throw AppError.badInput('Unknown role', { field: 'role' });
    assertPasswordPolicy(input.password, 'password', { email, name });

    const em = this.ctx.em.fork();
    if (await em.count(User, { email })) {
      throw AppError.conflict('A user with this e-mail already exists', { field: 'email' });
    }
    const user = em.create(User, {
      email,
      name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
    try {
      await em.flush();
    } catch (error) {
      // A race past the check above still ends in CONFLICT, through the unique index.
      if (error instanceof UniqueConstraintViolationException) {
        throw AppError.conflict('A user with this e-mail already exists', { field: 'email' });
      }
      throw error;
    }
    this.ctx.logger.info(
      { actorId: actor?.id ?? 'cli', userId: user.id, role: user.role },
      'user created',
    );
    return user;
  }

  /** A role change bumps the token version: every token of the old role dies at once. */
  async update(actor: Actor, id: string, input: UpdateUserData): Promise<User> {
    const userId = assertUuid(id);
    const name =
      input.name === null || input.name === undefined ? undefined : requireName(input.name);
    if (input.role !== null && input.role !== undefined && !ALL_ROLES.includes(input.role))
      throw AppError.badInput('Unknown role', { field: 'role' });
    const { user, events } = await inTransaction(this.ctx.em, async (tx) => {
      const user = await this.lockedUser(tx, userId);
      let events: BusEvent[] = [];
      if (name !== undefined) user.name = name;
      if (input.role !== null && input.role !== undefined && input.role !== user.role) {
        if (user.role === Role.MANAGER && user.active) await keepAManager(tx, user.id);
        if (user.role === Role.TECHNICIAN) {
          events = await unassignFromAllMachines(tx, this.ctx.bus, actor, user.id, 'roleChanged');
        }
        user.role = input.role;
        user.tokenVersion += 1;
        await revokeAllRefreshTokens(tx, user.id);
      }
      await tx.flush();
      return { user, events };
    });
    await this.ctx.bus.publish(events);
    // Name and role are part of the cached identity, and the name shows on boards.
    await this.ctx.bus.publishInvalidation(this.ctx.em, { kind: 'user', userId });
    this.ctx.logger.info(
      { actorId: actor.id, userId, changes: Object.keys(input) },
      'user updated',
    );
    return user;
  }

  /**
   * The row stays (history points at it); sign-in and every existing token stop working.
   * Returns what that did, so the manager sees the effect: the sessions ended and the
   * machines the person was taken off. Deactivating an inactive user does nothing.
   */
  async deactivate(actor: Actor, id: string): Promise<Deactivation> {
    const userId = assertUuid(id);
    const { user, events, endedSessions } = await inTransaction(this.ctx.em, async (tx) => {
      const user = await this.lockedUser(tx, userId);
      if (!user.active) return { user, events: [], endedSessions: 0 };
      if (user.role === Role.MANAGER) await keepAManager(tx, user.id);
      const events =
        user.role === Role.TECHNICIAN
          ? await unassignFromAllMachines(tx, this.ctx.bus, actor, user.id, 'deactivated')
          : [];
      user.active = false;
      user.tokenVersion += 1;
      const endedSessions = await countLiveSessions(tx, user.id);
      await revokeAllRefreshTokens(tx, user.id);
      await tx.flush();
      return { user, events, endedSessions };
    });
    await this.ctx.bus.publish(events);
    await this.ctx.bus.publishInvalidation(this.ctx.em, { kind: 'user', userId });
    const machineIds = events
      .filter(
        (e) =>
          e.type === MachineEventType.TECHNICIANS_ASSIGNED && e.data.removedTechnicianId === userId,
      )
      .map((e) => e.machineId);
    const unassignedMachines = machineIds.length
      ? await this.ctx.em
          .fork()
          .find(Machine, { id: { $in: machineIds } }, { orderBy: { name: 'asc', id: 'asc' } })
      : [];
    this.ctx.logger.info(
      { actorId: actor.id, userId, endedSessions, unassignedMachines: machineIds.length },
      'user deactivated',
    );
    return { user, endedSessions, unassignedMachines };
  }

  /** Old tokens stay dead (the version was bumped on deactivation): the user signs in anew. */
  async reactivate(actor: Actor, id: string): Promise<User> {
    const userId = assertUuid(id);
    const user = await inTransaction(this.ctx.em, async (tx) => {
      const user = await this.lockedUser(tx, userId);
      user.active = true;
      await tx.flush();
      return user;
    });
    this.ctx.logger.info({ actorId: actor.id, userId }, 'user reactivated');
    return user;
  }

  private async lockedUser(tx: EntityManager, id: string): Promise<User> {
    // FOR NO KEY UPDATE: exclusive against other account changes and against
    // assignTechnicians' share lock, yet not against the KEY SHARE locks that foreign keys take
    // when this person's own writes (warnings, events) reference the row under a machine lock.
    await tx.execute('select 1 from users where id = ? for no key update', [id]);
    const user = await tx.findOne(User, { id });
    if (!user) throw AppError.notFound('User', id);
    return user;
  }
}

/**
 * Refuses to remove the last active manager (nobody could manage users any more). CONFLICT,
 * not BAD_USER_INPUT: the request is well-formed, the current state forbids it. The
 * advisory lock makes two managers demoting each other at once see each other's change.
 */
async function keepAManager(tx: EntityManager, leavingId: string): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(?)', [MANAGER_SET_LOCK]);
  const others = await tx.count(User, { role: Role.MANAGER, active: true, id: { $ne: leavingId } });
  if (others === 0)
    throw AppError.conflict('This is the last active manager; appoint another one first');
}

function requireName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || name.length > NAME_MAX) {
    throw AppError.badInput(`name must be 1 to ${NAME_MAX} characters`, { field: 'name' });
  }
  return name;
}
