import type { Role } from '#lib/graphql/generated/graphql.ts';
import { messages } from '#lib/messages.ts';

export interface NavItem {
  href: string;
  label: string;
}

/**
 * What each role finds in the navigation. It only arranges views; the server decides what a
 * role may read or do.
 */
export function navigationFor(role: Role): NavItem[] {
  const board = { href: '/', label: messages.nav.board };
  const faults = { href: '/?status=FAULT', label: messages.nav.faults };
  switch (role) {
    case 'TECHNICIAN':
      return [board, { href: '/?tech=me', label: messages.nav.myMachines }, faults];
    case 'REPAIR':
      return [faults, board];
    case 'MANAGER':
      return [board, faults, { href: '/displays', label: messages.nav.displays }];
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
