import { registerEnumType } from 'type-graphql';

export enum Severity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export enum FaultStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
}

registerEnumType(Severity, { name: 'Severity' });
registerEnumType(FaultStatus, {
  name: 'FaultStatus',
  description: 'OPEN → ACKNOWLEDGED → IN_PROGRESS → RESOLVED, and RESOLVED → OPEN on reopen',
});

export const UNRESOLVED_FAULT_STATUSES = [
  FaultStatus.OPEN,
  FaultStatus.ACKNOWLEDGED,
  FaultStatus.IN_PROGRESS,
] as const;
