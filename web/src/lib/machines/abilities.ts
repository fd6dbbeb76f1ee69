import type { Role } from '#lib/graphql/generated/graphql.ts';

/**
 * What the machine page offers a role (DESIGN §3). It only hides what would be refused;
 * the server decides, and its answer is shown when it disagrees.
 */
export function machineAbilities(role: Role | null) {
  const staff = role === 'MANAGER' || role === 'TECHNICIAN';
  return {
    reportFault: staff,
    raiseWarning: staff,
    clearWarning: role !== null,
    assignTechnicians: role === 'MANAGER',
    printLabels: role === 'MANAGER',
  };
}

export type MachineAbilities = ReturnType<typeof machineAbilities>;
