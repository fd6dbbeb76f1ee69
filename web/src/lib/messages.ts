// The message catalogue: every word the app shows a person comes from here, so wording stays
// consistent and a translation is one file. Functions take what varies.
import type { MachineStatus, Role, Severity } from '#lib/graphql/generated/graphql.ts';

export const messages = {
  appName: 'Shopfloor',
  signIn: {
    title: 'Sign in',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    failed: 'E-mail or password is wrong, or the account is not active.',
    tooMany: 'Too many failed attempts. Wait a minute and try again.',
    unreachable: 'The server cannot be reached. Check the network and try again.',
    sessionEnded: 'Your session ended. Please sign in again.',
  },
  nav: {
    label: 'Main',
    board: 'Board',
    myMachines: 'My machines',
    faults: 'Faults',
    displays: 'Displays',
    signOut: 'Sign out',
    signedInAs: (name: string, role: Role) => `${name} · ${roleName(role)}`,
  },
  role: {
    MANAGER: 'Manager',
    TECHNICIAN: 'Technician',
    REPAIR: 'Repair',
  } satisfies Record<Role, string>,
  status: {
    OK: 'OK',
    WARNING: 'Warning',
    FAULT: 'Fault',
  } satisfies Record<MachineStatus, string>,
  severity: {
    LOW: 'Low',
    MEDIUM: 'Medium',
    HIGH: 'High',
    CRITICAL: 'Critical',
  } satisfies Record<Severity, string>,
  board: {
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
    severity: (s: Severity) => `Severity: ${messages.severity[s]}`,
    statusFor: (status: MachineStatus) => `${messages.status[status]} for`,
  },
  filters: {
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
  },
  live: {
    connecting: 'Connecting…',
    online: 'Live',
    offline: (since: string) => `Offline since ${since} — showing the last known state`,
  },
  display: {
    title: 'Wall display',
    starting: 'Connecting to Shopfloor…',
    noLink:
      'This screen has no display link. A manager creates one under Displays and opens its address here.',
    revoked: 'This display link was revoked',
    revokedHint: 'A manager can create a new link under Displays and open it on this screen.',
    invalid: 'This display link is not valid',
    live: 'Live',
    connecting: 'Connecting…',
    offlineSince: (time: string) => `Offline since ${time}`,
    offlineHint: 'Showing the last known state. Reconnecting…',
    backOnline: (duration: string, changes: number) =>
      `Back online after ${duration} · ${changes === 1 ? '1 change' : `${changes} changes`} caught up`,
    noMachines: 'No machines in this building.',
    allOk: (n: number) => (n === 1 ? '1 machine OK' : `All ${n} machines OK`),
    okMachines: (n: number) => (n === 1 ? '1 more OK' : `${n} more OK`),
    owner: (name: string) => `Owner: ${name}`,
    openFor: 'Open',
    unassigned: 'Not assigned',
    awaiting: 'Not acknowledged',
    warningFor: 'For',
    repeated: (n: number) => `×${n}`,
    repeatedLong: (n: number) => `reported ${n} times`,
  },
  displays: {
    title: 'Displays',
    intro:
      'A display link shows the live board of chosen buildings on a wall screen. It can only read the board, and stops working when revoked.',
    name: 'Name',
    namePlaceholder: 'e.g. Hall A north wall',
    buildings: 'Buildings',
    chime: 'Chime on a new fault',
    create: 'Create link',
    creating: 'Creating…',
    created: (name: string) => `Display link "${name}" created`,
    shownOnce:
      'This address is shown only once. Open it on the screen (or scan the code with the screen), then close this message.',
    copy: 'Copy address',
    copied: 'Copied',
    done: 'Done',
    list: 'Display links',
    none: 'No display links yet.',
    loading: 'Loading display links…',
    loadFailed: 'The display links could not be loaded.',
    revoke: 'Revoke',
    revokeConfirm: (name: string) => `Revoke "${name}"? The screen stops showing the board.`,
    revokedAt: (when: string) => `Revoked ${when}`,
    lastUsed: (when: string) => `Last used ${when}`,
    neverUsed: 'Never used',
    chimeOn: 'Chime on',
    chimeOff: 'No chime',
    failed: 'That did not work. Check the fields and try again.',
    pickBuilding: 'Choose at least one building.',
  },
  errors: {
    generic: 'Something went wrong.',
    notFound: 'This page does not exist.',
    home: 'Go to the board',
  },
};

export function roleName(role: Role): string {
  return messages.role[role];
}

/** "45 s", "4 min 12 s", "3 h 05 min", "2 d 4 h": short, for a timer on a tile. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Wall-clock time for "offline since": hh:mm in the device's locale. */
export function formatClockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
