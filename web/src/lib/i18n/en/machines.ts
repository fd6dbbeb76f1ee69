import type { MachineStatus, Severity } from '#lib/graphql/generated/graphql.ts';
import { common } from './common.ts';

const { status, severity } = common;
const quoted = (text: string) => `“${text}”`;

/** The machine page (`/m/<assetCode>`, where its QR label leads). */
export const machine = {
  pageTitle: (name: string) => `${name} · Shopfloor`,
  loading: 'Loading the machine…',
  loadFailed: 'The machine could not be loaded.',
  notFound: (code: string) => `No machine has the code ${quoted(code)}.`,
  notFoundHint: 'Check the code on the label, or find the machine on the board.',
  toBoard: 'Go to the board',
  archived: 'This machine is archived: it is off the boards, and its history is kept.',
  statusFor: (s: MachineStatus) => `${status[s]} for`,
  /** Announced to screen readers when the machine changes while the page is open. */
  statusNow: (s: MachineStatus) => `Status is now ${status[s]}.`,
  details: 'Details',
  fields: {
    name: 'Name',
    assetCode: 'Asset code',
    building: 'Building',
    location: 'Location',
    importance: 'Importance',
  },
  notGiven: 'Not given',
  importance: (n: number) => `${n} of 5`,
  openCase: {
    title: 'Fault case',
    severity: (s: Severity) => `Severity: ${severity[s]}`,
    owner: (name: string) => `Owner: ${name}`,
    unassigned: 'Not assigned yet',
    openFor: 'Open for',
    view: 'View the case',
  },
  actions: {
    label: 'Actions',
    reportFault: 'Report fault',
    raiseWarning: 'Raise warning',
  },
  report: {
    title: 'Report a fault',
    severity: 'Severity',
    severityHint: {
      LOW: 'Runs normally; can wait',
      MEDIUM: 'Runs with limits or poor quality',
      HIGH: 'Stopped',
      CRITICAL: 'Danger to people, or the line is down',
    } satisfies Record<Severity, string>,
    description: 'What is wrong?',
    descriptionHint: 'What you see, hear or smell, and where on the machine.',
    placeholder: 'e.g. Hydraulic leak at main cylinder',
    submit: 'Report fault',
    submitting: 'Reporting…',
    alreadyOpen:
      'A fault case is already open on this machine. If it is the same problem, add a note to that case instead.',
    done: 'Fault reported. The case is open and the repair team sees it.',
  },
  warnings: {
    title: 'Active warnings',
    none: 'No active warnings.',
    raised: (when: string, who: string | null) =>
      who ? `Raised ${when} by ${who}` : `Raised ${when}`,
    repeated: (n: number) => `×${n}`,
    repeatedLong: (n: number, when: string) => `reported ${n} times, last ${when}`,
    clear: 'Clear',
    clearing: 'Clearing…',
    clearLabel: (message: string) => `Clear the warning ${quoted(message)}`,
    raiseTitle: 'Raise a warning',
    message: 'Warning',
    messageHint: 'What should others watch out for on this machine?',
    raise: 'Raise warning',
    raising: 'Raising…',
  },
  cases: {
    title: 'Fault cases',
    none: 'No fault cases on this machine yet.',
    noneOwn: 'No fault cases of this machine are assigned to you.',
    open: 'Open',
    resolved: 'Resolved',
    noneOpen: 'None open.',
    opened: (when: string) => `Opened ${when}`,
    resolvedAt: (when: string) => `resolved ${when}`,
    owner: (name: string) => `Owner: ${name}`,
    noDescription: 'No description',
    more: 'Show older cases',
    loadFailed: 'The fault cases could not be loaded.',
  },
  technicians: {
    title: 'Technicians',
    none: 'No technician is assigned.',
    edit: 'Change',
    choose: 'Technicians responsible for this machine',
    noActive: 'There are no active technicians. Add them under Admin.',
    loadFailed: 'The technicians could not be loaded.',
    saved: 'Saved.',
  },
  statusHistory: {
    title: 'Status history',
    empty: 'No status change recorded yet.',
    since: (when: string) => `since ${when}`,
    lasted: (duration: string) => `for ${duration}`,
  },
  timeline: {
    title: 'History',
    loading: 'Loading the history…',
    empty: 'Nothing recorded yet.',
    loadFailed: 'The history could not be loaded.',
  },
  qr: {
    title: 'QR label',
    hint: 'Scanning the label opens this page.',
    image: (code: string) => `QR code for machine ${code}`,
    print: 'Print label',
  },
  event: {
    statusChanged: (from: MachineStatus, to: MachineStatus) =>
      `Status changed from ${status[from]} to ${status[to]}`,
    statusSet: (to: MachineStatus) => `Status set to ${status[to]}`,
    statusChangedUnknown: 'Status changed',
    warningRaised: (message: string | null, code: string | null) =>
      `Warning raised${message ? `: ${quoted(message)}` : ''}${code ? ` (${code})` : ''}`,
    warningCleared: (message: string | null, code: string | null) =>
      `Warning cleared${message ? `: ${quoted(message)}` : ''}${code ? ` (${code})` : ''}`,
    faultOpened: (s: Severity | null, description: string | null) =>
      `Fault reported${s ? `, ${severity[s].toLowerCase()} severity` : ''}${description ? `: ${quoted(description)}` : ''}`,
    severityChanged: (from: Severity | null, to: Severity) =>
      from
        ? `severity ${severity[from]} → ${severity[to]}`
        : `severity ${severity[to].toLowerCase()}`,
    descriptionChanged: (description: string | null) =>
      description ? `description ${quoted(description)}` : 'description',
    faultUpdated: (what: string) => `Fault case edited: ${what}`,
    faultUpdatedPlain: 'Fault case edited',
    faultAssigned: (name: string | null) =>
      name ? `Fault case assigned to ${name}` : 'Fault case assigned',
    faultAcknowledged: 'Fault case acknowledged',
    faultStarted: 'Repair started',
    photoAdded: 'Photo added',
    noteAdded: (body: string | null) => (body ? `Note added: ${quoted(body)}` : 'Note added'),
    faultResolved: (note: string | null) =>
      note ? `Fault resolved: ${quoted(note)}` : 'Fault resolved',
    faultReopened: (reason: string | null) =>
      reason ? `Fault case reopened: ${quoted(reason)}` : 'Fault case reopened',
    machineCreated: 'Machine added',
    machineUpdated: (fields: string) => `Details changed: ${fields}`,
    machineUpdatedPlain: 'Details changed',
    machineArchived: 'Machine archived',
    techniciansAssigned: (n: number) =>
      n === 0
        ? 'All technicians removed'
        : n === 1
          ? '1 technician assigned'
          : `${n} technicians assigned`,
    techniciansChanged: 'Assigned technicians changed',
    byUser: (name: string) => `by ${name}`,
    byApiClient: (name: string) => `by ${name} (connected system)`,
    bySystem: 'automatically',
  },
};

/** The label sheet (`/labels`): QR labels to print and stick on machines. */
export const labels = {
  title: 'Machine labels',
  intro: "Print QR labels to stick on the machines. Scanning one opens the machine's page.",
  fromBoard: 'Print labels',
  managersOnly: 'Only managers print labels.',
  building: 'Machines',
  chooseBuilding: 'Choose a building…',
  allBuildings: 'All buildings',
  selection: (n: number) => (n === 1 ? 'The selected machine' : `The ${n} selected machines`),
  paper: 'Paper',
  papers: { a4: 'A4', letter: 'US Letter' },
  print: 'Print',
  count: (n: number, pages: number) =>
    `${n === 1 ? '1 label' : `${n} labels`} on ${pages === 1 ? '1 page' : `${pages} pages`}`,
  page: (i: number, n: number) => `Page ${i} of ${n}`,
  pick: 'Choose a building to see its labels.',
  empty: 'No machines to label here.',
  loading: 'Loading the machines…',
  loadFailed: 'The machines could not be loaded.',
  image: (code: string) => `QR code for machine ${code}`,
};
