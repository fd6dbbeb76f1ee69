import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { Building } from '../modules/buildings/building.entity.js';
import { insertMachine } from '../modules/machines/machine-writer.js';
import { Machine } from '../modules/machines/machine.entity.js';
import { assertPasswordPolicy } from '../modules/auth/password-policy.js';
import { hashPassword } from '../modules/auth/password.js';
import { User } from '../modules/users/user.entity.js';
import { Role } from '../modules/users/user.role.js';
import { BackdatedWrites } from './backdated-writes.js';
import { demoActors, playDemoHistory, type DemoActors, type DemoMachine } from './demo-history.js';

export const DEMO_PASSWORD = 'shopfloor-demo';

export const DEMO_USERS = [
  { email: 'manager@demo.shopfloor', name: 'Maria Manager', role: Role.MANAGER },
  { email: 'tech@demo.shopfloor', name: 'Tom Technician', role: Role.TECHNICIAN },
  { email: 'tech2@demo.shopfloor', name: 'Tara Technician', role: Role.TECHNICIAN },
  { email: 'repair@demo.shopfloor', name: 'Rick Repair', role: Role.REPAIR },
  { email: 'repair2@demo.shopfloor', name: 'Rosa Repair', role: Role.REPAIR },
] as const;

/** [kind, asset-code prefix, importance, how many] per hall; PRS-07 is the press of the journeys. */
const HALLS: { name: string; kinds: [string, string, number, number][] }[] = [
  {
    name: 'Hall A',
    kinds: [
      ['CNC Mill', 'CNC', 4, 4],
      ['Lathe', 'LTH', 3, 4],
      ['Drill Press', 'DRL', 2, 3],
      ['Grinder', 'GRD', 2, 3],
    ],
  },
  {
    name: 'Hall B',
    kinds: [
      ['Press', 'PRS', 5, 7],
      ['Welding Robot', 'WLD', 4, 4],
      ['Conveyor', 'CNV', 3, 3],
    ],
  },
  {
    name: 'Hall C',
    kinds: [
      ['Injection Molder', 'INJ', 4, 4],
      ['Packaging Line', 'PKG', 3, 3],
      ['Compressor', 'CMP', 5, 2],
      ['Chiller', 'CHL', 2, 2],
    ],
  },
];

/** Where the demo's history begins: machines are installed a little before it. */
const HISTORY_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export interface SeedDemoOptions {
  /** The present the history leads up to (default: now). Everything else is fixed. */
  now?: Date;
}

/**
 * A demo factory for the embedded default: three halls, 39 machines, one or two users per
 * role, and 30 days of plant life leading up to now (demo-history.ts) — warnings raised and
 * cleared, fault cases worked to resolution, and the cases and warnings still open today.
 * Written through the same services as a live plant, so statuses are derived and the event
 * log is in order; only the times are moved into the past. Runs only on an empty database.
 */
export async function seedDemoFactory(
  em: EntityManager,
  logger: Logger,
  config: Config,
  options: SeedDemoOptions = {},
): Promise<boolean> {
  if ((await em.count(User, {})) > 0) return false;
  const now = options.now ?? new Date();
  const writes = await BackdatedWrites.open(em, config, logger, now);
  try {
    const installedAt = new Date(now.getTime() - (HISTORY_DAYS + 2) * DAY_MS);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users = await writes.at(installedAt, async ({ em: tx }) => {
      const created = DEMO_USERS.map((u) => tx.create(User, { ...u, passwordHash }));
      await tx.flush();
      return created;
    });
    const actors = demoActors(users);
    const machines = await installMachines(writes, installedAt, actors);
    const history = await playDemoHistory(writes, machines, actors);
    logger.info({ machines: machines.length, ...history }, 'demo factory seeded');
    return true;
  } finally {
    await writes.close();
  }
}

async function installMachines(
  writes: BackdatedWrites,
  installedAt: Date,
  actors: DemoActors,
): Promise<DemoMachine[]> {
  const buildings = await writes.at(installedAt, async ({ em: tx }) => {
    const created = HALLS.map((hall) => tx.create(Building, { name: hall.name }));
    await tx.flush();
    return created;
  });
  const machines: DemoMachine[] = [];
  for (const [h, hall] of HALLS.entries()) {
    for (const [kind, code, importance, count] of hall.kinds) {
      for (let i = 1; i <= count; i++) {
        const technician = actors.technicians[machines.length % actors.technicians.length]!;
        const assetCode = `${code}-${String(i).padStart(2, '0')}`;
        // One minute apart, as someone entering the plant would.
        const at = new Date(installedAt.getTime() + (machines.length + 1) * 60_000);
        const machine = await writes.at(at, (ctx) =>
          insertMachine(ctx, actors.manager, async (tx) => {
            const created = tx.create(Machine, {
              name: `${kind} ${i}`,
              building: buildings[h]!.id,
              location: `Line ${1 + (i % 3)}`,
              importance,
              assetCode,
            });
            created.technicians.add(tx.getReference(User, technician.id));
            return created;
          }),
        );
        machines.push({ id: machine.id, assetCode, kind, technician });
      }
    }
  }
  return machines;
}

/** A first manager for a real database, from INITIAL_MANAGER_EMAIL/PASSWORD. */
export async function ensureInitialManager(
  em: EntityManager,
  manager: { email: string; password: string },
  logger: Logger,
): Promise<void> {
  if ((await em.count(User, { role: Role.MANAGER })) > 0) return;
  const email = manager.email.trim().toLowerCase();
  // Config validation checks this already; the most powerful account is checked once more.
  assertPasswordPolicy(manager.password, 'INITIAL_MANAGER_PASSWORD', { email });
  em.create(User, {
    email,
    name: 'Manager',
    role: Role.MANAGER,
    passwordHash: await hashPassword(manager.password),
  });
  try {
    await em.flush();
  } catch (error) {
    // Replicas starting together each found no manager; the first one's insert stands.
    if (error instanceof UniqueConstraintViolationException) return;
    throw error;
  }
  logger.info({ email: manager.email }, 'initial manager account created');
}
