import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { signAccessToken } from '../modules/auth/access-token.js';
import { hashPassword } from '../modules/auth/password.js';
import { Building } from '../modules/buildings/building.entity.js';
import { Machine } from '../modules/machines/machine.entity.js';
import { User } from '../modules/users/user.entity.js';
import { Role } from '../modules/users/user.role.js';
import type { TestServer } from './harness.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString('hex');

export interface TestUser {
  user: User;
  token: string;
}

/** Builds test data directly through the ORM; tokens are signed as the server would. */
export class Factory {
  constructor(private readonly t: TestServer) {}

  private em(): EntityManager {
    return this.t.em();
  }

  async user(
    role: Role,
    overrides: Partial<Pick<User, 'name' | 'email' | 'active'>> = {},
  ): Promise<TestUser> {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const em = this.em();
    const user = em.create(User, {
      email: `${role.toLowerCase()}-${unique()}@test.shopfloor`,
      name: `${role} ${unique()}`,
      role,
      passwordHash: await passwordHash,
      ...overrides,
    });
    await em.flush();
    return { user, token: this.tokenFor(user) };
  }

  tokenFor(user: Pick<User, 'id' | 'role' | 'tokenVersion'>, ttlSeconds?: number): string {
    return signAccessToken(this.t.config, user, ttlSeconds).token;
  }

  /** One user of each role. */
  async team(): Promise<Record<'manager' | 'technician' | 'repair', TestUser>> {
    return {
      manager: await this.user(Role.MANAGER),
      technician: await this.user(Role.TECHNICIAN),
      repair: await this.user(Role.REPAIR),
    };
  }

  async building(name = `Hall ${unique()}`): Promise<Building> {
    const em = this.em();
    const building = em.create(Building, { name });
    await em.flush();
    return building;
  }

  async machine(
    overrides: Partial<{
      building: Building;
      name: string;
      importance: number;
      technicians: User[];
    }> = {},
  ): Promise<Machine> {
    const em = this.em();
    const building = overrides.building ?? (await this.building());
    const machine = em.create(Machine, {
      name: overrides.name ?? `Machine ${unique()}`,
      building: em.getReference(Building, building.id),
      importance: overrides.importance ?? 3,
      assetCode: `T-${unique().toUpperCase()}`,
    });
    for (const u of overrides.technicians ?? [])
      machine.technicians.add(em.getReference(User, u.id));
    await em.flush();
    return machine;
  }
}
