import type { FaultStatus, MachineStatus, Role, Severity } from '#lib/graphql/generated/graphql.ts';

// Words every page shares: the app's frame, roles, statuses, generic errors, form feedback.
const status = { OK: 'OK', WARNING: 'Warning', FAULT: 'Fault' } satisfies Record<
  MachineStatus,
  string
>;
const severity = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  CRITICAL: 'Critical',
} satisfies Record<Severity, string>;
const caseStatus = {
  OPEN: 'Open',
  ACKNOWLEDGED: 'Acknowledged',
  IN_PROGRESS: 'In progress',
  RESOLVED: 'Resolved',
} satisfies Record<FaultStatus, string>;
const role = { MANAGER: 'Manager', TECHNICIAN: 'Technician', REPAIR: 'Repair' } satisfies Record<
  Role,
  string
>;

export const common = {
  appName: 'Shopfloor',
  skipToContent: 'Skip to content',
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
    myWork: 'My work',
    cases: 'Cases',
    displays: 'Displays',
    log: 'Repair log',
    reports: 'Reports',
    admin: 'Admin',
    account: 'Account',
    signOut: 'Sign out',
    signedInAs: (name: string, r: Role) => `${name} · ${role[r]}`,
  },
  role,
  status,
  severity,
  caseStatus,
  live: {
    connecting: 'Connecting…',
    online: 'Live',
    offline: (since: string) => `Offline since ${since} — showing the last known state`,
  },
  errors: {
    generic: 'Something went wrong.',
    notFound: 'This page does not exist.',
    home: 'Go to the board',
  },
  /** What a failed request means to the person who sent it. */
  problems: {
    unreachable: 'The server cannot be reached. Check the network and try again.',
    unavailable: 'The system is briefly unavailable. Try again in a moment.',
    forbidden: 'Your role may not do this.',
    notFound: 'This no longer exists. It may have been removed.',
    conflict: 'Someone else changed this in the meantime.',
    tooMany: 'Too many requests. Wait a moment and try again.',
    invalid: 'Please check the marked fields.',
    signedOut: 'Your session ended. Please sign in again.',
    generic: 'That did not work. Try again; if it keeps failing, tell your manager.',
  },
  /** A field's problem by the server's validation rule (`details.fields[].constraints`). */
  fieldProblems: {
    required: 'Required.',
    tooLong: 'Too long.',
    tooShort: 'Too short.',
    email: 'Not a valid e-mail address.',
    range: 'Out of the allowed range.',
    invalid: 'Not a valid value.',
    unique: 'Already taken.',
  },
  form: {
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved',
    cancel: 'Cancel',
    close: 'Close',
    retry: 'Try again',
    loading: 'Loading…',
    loadFailed: 'This could not be loaded.',
    optional: 'optional',
    copy: 'Copy',
    copied: 'Copied',
    more: 'Load more',
  },
};
