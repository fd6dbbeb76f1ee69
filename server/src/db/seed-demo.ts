import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../config/logger.js';
import { Building } from '../modules/buildings/building.entity.js';
import { MachineEvent } from '../modules/events/machine-event.entity.js';
import { MachineEventType } from '../modules/events/machine-event.type.js';
import { Machine } from '../modules/machines/machine.entity.js';
import { assertPasswordPolicy } from '../modules/auth/password-policy.js';
import { hashPassword } from '../modules/auth/password.js';
import { User } from '../modules/users/user.entity.js';
import { Role } from '../modules/users/user.role.js';

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

/**
 * A small demo factory for the embedded default: three halls, 39 machines, one or two users
 * per role. Runs only on an empty database.
 */
export async function seedDemoFactory(em: EntityManager, logger: Logger): Promise<boolean> {
  if ((await em.count(User, {})) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = DEMO_USERS.map((u) => em.create(User, { ...u, passwordHash }));
  const technicians = users.filter((u) => u.role === Role.TECHNICIAN);
  const manager = users.find((u) => u.role === Role.MANAGER)!;
  let n = 0;
  for (const hall of HALLS) {
    const building = em.create(Building, { name: hall.name });
    for (const [kind, code, importance, count] of hall.kinds) {
      for (let i = 1; i <= count; i++) {
        n++;
        const machine = em.create(Machine, {
          name: `${kind} ${i}`,
          building,
          location: `Line ${1 + (i % 3)}`,
          importance,
          assetCode: `${code}-${String(i).padStart(2, '0')}`,
        });
        machine.technicians.add(technicians[n % technicians.length]!);
        // Every machine's history starts with its creation, as for machines added later.
        em.create(MachineEvent, {
          machine,
          buildingId: building.id,
          type: MachineEventType.MACHINE_CREATED,
          actorUser: manager,
          data: { name: machine.name, assetCode: machine.assetCode },
        });
      }
    }
  }
  await em.flush();
  logger.info({ machines: n }, 'demo factory seeded');
  return true;
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
  await em.flush();
  logger.info({ email: manager.email }, 'initial manager account created');
}
