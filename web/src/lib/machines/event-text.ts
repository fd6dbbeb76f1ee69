import type {
  MachineEventRowFragment,
  MachineStatus,
  Severity,
} from '#lib/graphql/generated/graphql.ts';
import { messages } from '#lib/messages.ts';

// The event log stores each change's details as JSON (`data`), shaped by its type. The page
// reads them defensively: an older row may lack a key, and a reader without the case's detail
// gets only the board keys (severity, from, to, assignee).

const SEVERITIES: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const STATUSES: readonly MachineStatus[] = ['OK', 'WARNING', 'FAULT'];

function text(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value.trim() ? value : null;
}

function severity(value: unknown): Severity | null {
  return SEVERITIES.includes(value as Severity) ? (value as Severity) : null;
}

function status(value: unknown): MachineStatus | null {
  return STATUSES.includes(value as MachineStatus) ? (value as MachineStatus) : null;
}

/** The machine fields a MACHINE_UPDATED event names, in the reader's words. */
function changedFields(data: Record<string, unknown>): string[] {
  const names = messages.machine.fields;
  const out: string[] = [];
  for (const key of Object.keys(data)) {
    switch (key) {
      case 'name':
      case 'location':
      case 'assetCode': {
        const value = text(data, key);
        out.push(value ? `${names[key]}: ${value}` : names[key]);
        break;
      }
      case 'importance':
        out.push(
          typeof data.importance === 'number'
            ? `${names.importance}: ${data.importance}`
            : names.importance,
        );
        break;
      case 'buildingId':
        out.push(names.building);
        break;
    }
  }
  return out;
}

/** One event as a sentence: what happened (who and when are told beside it). */
export function describeEvent(
  event: Pick<MachineEventRowFragment, 'type' | 'data' | 'fromStatus' | 'toStatus'>,
): string {
  const e = messages.machine.event;
  const data = event.data ?? {};
  switch (event.type) {
    case 'STATUS_CHANGED': {
      const to = event.toStatus ?? status(data.to);
      const from = event.fromStatus ?? status(data.from);
      if (!to) return e.statusChangedUnknown;
      return from ? e.statusChanged(from, to) : e.statusSet(to);
    }
    case 'WARNING_RAISED':
      return e.warningRaised(text(data, 'message'), text(data, 'code'));
    case 'WARNING_CLEARED':
      return e.warningCleared(text(data, 'message'), text(data, 'code'));
    case 'FAULT_OPENED':
      return e.faultOpened(severity(data.severity), text(data, 'description'));
    case 'FAULT_UPDATED': {
      const change = data.severity as { from?: unknown; to?: unknown } | undefined;
      const parts: string[] = [];
      const to = severity(change?.to);
      if (to) parts.push(e.severityChanged(severity(change?.from), to));
      if ('description' in data) parts.push(e.descriptionChanged(text(data, 'description')));
      return parts.length ? e.faultUpdated(parts.join('; ')) : e.faultUpdatedPlain;
    }
    case 'FAULT_ASSIGNED':
      return e.faultAssigned(text(data, 'assigneeName'));
    case 'FAULT_ACKNOWLEDGED':
      return e.faultAcknowledged;
    case 'FAULT_STARTED':
      return e.faultStarted;
    case 'FAULT_NOTE_ADDED':
      return e.noteAdded(text(data, 'body'));
    case 'FAULT_ATTACHMENT_ADDED':
      return e.photoAdded;
    case 'FAULT_RESOLVED':
      return e.faultResolved(text(data, 'resolutionNote'));
    case 'FAULT_REOPENED':
      return e.faultReopened(text(data, 'reason'));
    case 'MACHINE_CREATED':
      return e.machineCreated;
    case 'MACHINE_UPDATED': {
      const fields = changedFields(data);
      return fields.length ? e.machineUpdated(fields.join(', ')) : e.machineUpdatedPlain;
    }
    case 'MACHINE_ARCHIVED':
      return e.machineArchived;
    case 'TECHNICIANS_ASSIGNED': {
      const ids = Array.isArray(data.technicianIds) ? data.technicianIds : null;
      return ids ? e.techniciansAssigned(ids.length) : e.techniciansChanged;
    }
  }
}

/**
 * Who did it: a person, a connected system, or the system itself. Null when not ours to know:
 * who worked a case is its detail, which a repair worker reads only for their own cases.
 */
export function describeActor(
  event: Pick<MachineEventRowFragment, 'actor' | 'faultCase'>,
): string | null {
  const { actor } = event;
  if (!actor) return event.faultCase ? null : messages.machine.event.bySystem;
  return actor.kind === 'API_CLIENT'
    ? messages.machine.event.byApiClient(actor.name)
    : messages.machine.event.byUser(actor.name);
}
