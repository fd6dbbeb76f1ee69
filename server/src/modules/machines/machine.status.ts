import { registerEnumType } from 'type-graphql';

export enum MachineStatus {
  OK = 'OK',
  WARNING = 'WARNING',
  FAULT = 'FAULT',
}

registerEnumType(MachineStatus, {
  name: 'MachineStatus',
  description: 'Derived: FAULT if a fault case is unresolved, else WARNING if a warning is active',
});

/** The one rule of DESIGN §2, kept pure so that tests can recompute it from scratch. */
export function deriveStatus(unresolvedFaultCases: number, activeWarnings: number): MachineStatus {
  if (unresolvedFaultCases > 0) return MachineStatus.FAULT;
  if (activeWarnings > 0) return MachineStatus.WARNING;
  return MachineStatus.OK;
}
