import type { Severity } from '#lib/graphql/generated/graphql.ts';
import { common } from './common.ts';

const cases = (n: number) => (n === 1 ? '1 case' : `${n} cases`);

/** The cases list (/cases) and My work (/my-work). */
export const caseLists = {
  title: 'Fault cases',
  loading: 'Loading cases…',
  loadFailed: 'The cases could not be loaded.',
  empty: 'No fault cases yet.',
  noMatch: 'No case matches these filters.',
  clearFilters: 'Clear filters',
  count: (shown: number, total: number) =>
    shown >= total ? cases(total) : `${shown} of ${cases(total)}`,
  loadingMore: 'Loading more cases…',
  moreFailed: 'More cases could not be loaded.',
  columns: {
    machine: 'Machine and fault',
    status: 'Status',
    severity: 'Severity',
    assignee: 'Assigned to',
    opened: 'Opened',
  },
  severity: (s: Severity) => `Severity: ${common.severity[s]}`,
  unassigned: 'Not assigned',
  noDescription: 'No description',
  importance: (n: number) => `Importance ${n} of 5`,
  /** "3 Dec 2026, 14:05 · 5 minutes ago" */
  opened: (at: string, age: string) => `${at} · ${age}`,
  openFor: 'Open for',
  /** Before a machine's asset code, for screen readers: "Machine page PRS-07". */
  machinePage: 'Machine page',
  filters: {
    label: 'Filters',
    active: (n: number) => `${n} active`,
    building: 'Building',
    allBuildings: 'All buildings',
    status: 'Status',
    severity: 'Severity',
    assignee: 'Assigned to',
    anyone: 'Anyone',
    unassigned: 'Nobody yet',
    someone: 'The chosen person',
    inactive: (name: string) => `${name} (inactive)`,
    openedFrom: 'Opened from',
    openedTo: 'Opened until',
    toBeforeFrom: 'This day is before the first day.',
  },
  myWork: {
    title: 'My work',
    loading: 'Loading your work…',
    loadFailed: 'Your work could not be loaded.',
    repairIntro: 'Your open cases, in the order to work them.',
    order:
      'In progress first, then critical faults nobody has acknowledged, then by severity, importance of the machine and the longest waiting.',
    repairEmpty: 'No open cases are assigned to you. A case assigned to you appears here at once.',
    tooMany: (shown: number, total: number) =>
      `Showing the first ${shown} of ${total} cases. Ask a manager to reassign some.`,
    technicianIntro: 'The machines you look after, the worst first, with their open cases.',
    technicianEmpty: 'No machines are assigned to you yet. A manager assigns them.',
    noOpenCases: 'No open cases.',
    openCases: (n: number) => (n === 1 ? '1 open case' : `${n} open cases`),
    managerNote:
      'My work lists what is assigned to technicians and repair staff. Managers dispatch from the board and the cases list.',
    toBoard: 'Open the machine board',
    toCases: 'Open the cases list',
    toUnassigned: 'Cases nobody is assigned to yet',
    added: (machine: string) => `New case on ${machine}`,
    removed: (machine: string) => `${machine}: no longer on your list`,
  },
};
