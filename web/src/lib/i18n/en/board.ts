import type { MachineStatus, Severity } from '#lib/graphql/generated/graphql.ts';
import { common } from './common.ts';

export const board = {
  title: 'Machine board',
  loading: 'Loading machines…',
  loadFailed: 'The board could not be loaded.',
  retry: 'Try again',
  empty: 'No machines yet. A manager adds them.',
  noMatch: 'No machine matches these filters.',
  clearFilters: 'Clear filters',
  count: (shown: number, total: number) =>
    shown === total ? `${total} machines` : `${shown} of ${total} machines`,
  summary: (fault: number, warning: number, ok: number) =>
    `${fault} fault · ${warning} warning · ${ok} OK`,
  sectionStatus: (status: MachineStatus, n: number) =>
    `${status === 'FAULT' ? 'Faults' : status === 'WARNING' ? 'Warnings' : 'OK'} · ${n}`,
  sectionOk: (importance: number, n: number) => `OK · importance ${importance} · ${n}`,
  importance: (n: number) => `Importance ${n} of 5`,
  importanceLabel: 'Importance',
  warnings: (n: number) => (n === 1 ? '1 active warning' : `${n} active warnings`),
  repeated: (n: number) => `×${n}`,
  repeatedLong: (n: number) => `reported ${n} times`,
  moreWarnings: (n: number) => `+${n} more`,
  faultOpen: 'Fault open',
  owner: (name: string) => `Owner: ${name}`,
  unassigned: 'Not assigned',
  openFor: 'Open for',
  severity: (s: Severity) => `Severity: ${common.severity[s]}`,
  statusFor: (status: MachineStatus) => `${common.status[status]} for`,
};

export const filters = {
  label: 'Filters',
  active: (n: number) => `${n} active`,
  building: 'Building',
  allBuildings: 'All buildings',
  status: 'Status',
  technician: 'Technician',
  anyTechnician: 'Any technician',
  me: 'Me',
  search: 'Search',
  searchPlaceholder: 'Name, code or line',
};
