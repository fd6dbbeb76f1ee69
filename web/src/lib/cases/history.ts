import type {
  CaseActorFragment,
  CaseHistoryEventFragment,
  FaultStatus,
  Severity,
} from '#lib/graphql/generated/graphql.ts';
import { messages } from '#lib/messages.ts';

/** One line of the case's history: what happened, by whom, and any words that go with it. */
export interface HistoryLine {
  id: string;
  type: CaseHistoryEventFragment['type'];
  at: string;
  what: string;
  /** Who did it, in words ("by Rick Repair", "automatically"). */
  who: string;
  /** A reason or note quoted from the event, when there is one. */
  quote: string | null;
}

const SEVERITIES: readonly string[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const isSeverity = (v: unknown): v is Severity => typeof v === 'string' && SEVERITIES.includes(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** A person's name, or a system's with "(system)": who reported or did something. */
export function actorName(actor: CaseActorFragment | null | undefined): string {
  if (!actor) return messages.cases.unknownActor;
  return actor.kind === 'API_CLIENT' ? messages.cases.system(actor.name) : actor.name;
}

/** An event of the case in words. The event's `data` is as the server's service writes it. */
export function historyLine(event: CaseHistoryEventFragment): HistoryLine {
  const h = messages.cases.history;
  const data = event.data;
  let what: string;
  let quote: string | null = null;
  switch (event.type) {
    case 'FAULT_OPENED':
      what = isSeverity(data.severity) ? h.opened(data.severity) : h.opened('MEDIUM');
      break;
    case 'FAULT_ASSIGNED':
      what = h.assigned(text(data.assigneeName) ?? messages.cases.unknownActor);
      break;
    case 'FAULT_ACKNOWLEDGED':
      what = h.acknowledged;
      break;
    case 'FAULT_STARTED':
      what = h.started;
      break;
    case 'FAULT_RESOLVED':
      what = h.resolved;
      quote = text(data.resolutionNote);
      break;
    case 'FAULT_REOPENED':
      what = h.reopened;
      quote = text(data.reason) && h.reason(text(data.reason)!);
      break;
    case 'FAULT_UPDATED': {
      const parts: string[] = [];
      const severity = data.severity as { from?: unknown; to?: unknown } | undefined;
      if (severity && isSeverity(severity.from) && isSeverity(severity.to))
        parts.push(h.severityChanged(severity.from, severity.to));
      // The new words are quoted: what an edit replaced stays readable in the history.
      if (text(data.description)) {
        parts.push(h.descriptionChanged);
        quote = text(data.description);
      }
      what = parts.length ? `${h.edited}: ${parts.join(', ')}` : h.edited;
      break;
    }
    default:
      what = event.type;
  }
  return {
    id: event.id,
    type: event.type,
    at: event.at,
    what,
    who: event.actor ? h.by(actorName(event.actor)) : h.automatic,
    quote,
  };
}

/** Events merged by id, oldest first (reads and live updates overlap; each counts once). */
export function mergeById<T extends { id: string }>(
  known: readonly T[],
  incoming: readonly T[],
  order: (a: T, b: T) => number,
): T[] {
  const byId = new Map(known.map((e) => [e.id, e]));
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort(order);
}

/** The items of `incoming` not yet in `known`. */
export function added<T extends { id: string }>(known: readonly T[], incoming: readonly T[]): T[] {
  const ids = new Set(known.map((k) => k.id));
  return incoming.filter((i) => !ids.has(i.id));
}

/** Event ids are bigint strings: compare them as numbers, not as text. */
export function byEventId(a: { id: string }, b: { id: string }): number {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Notes oldest first, ties by id (two notes in the same millisecond). */
export function byCreated(
  a: { id: string; createdAt: string },
  b: { id: string; createdAt: string },
): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1);
}

export const UNRESOLVED: readonly FaultStatus[] = ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS'];
