import type { Role } from '#lib/graphql/generated/graphql.ts';
import { messages } from '#lib/messages.ts';

export interface NavItem {
  href: string;
  label: string;
}

/**
 * What each role finds in the navigation, their usual first stop first. It only arranges
 * views; the server decides what a role may read or do.
 */
export function navigationFor(role: Role): NavItem[] {
  const board = { href: '/', label: messages.nav.board };
  const myWork = { href: '/my-work', label: messages.nav.myWork };
  const cases = { href: '/cases', label: messages.nav.cases };
  const log = { href: '/log', label: messages.nav.log };
  switch (role) {
    case 'TECHNICIAN':
      return [board, myWork, cases, log];
    case 'REPAIR':
      return [myWork, cases, board];
    case 'MANAGER':
      return [
        board,
        cases,
        log,
        { href: '/reports', label: messages.nav.reports },
        { href: '/admin', label: messages.nav.admin },
        { href: '/displays', label: messages.nav.displays },
      ];
  }
}

/** Where a person lands after signing in. */
export function homeFor(role: Role): string {
  return navigationFor(role)[0]!.href;
}

/** A `next` target is followed only inside this app (never an absolute or protocol URL). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}
