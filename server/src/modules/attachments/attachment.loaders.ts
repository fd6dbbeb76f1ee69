import DataLoader from 'dataloader';
import { loadTopPerParent } from '../../common/nested-list.js';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { FaultAttachment } from './attachment.entity.js';

/** A note's photos, oldest first: one query for every note of the page. */
export function attachmentsByNoteLoader(
  ctx: ServiceContext,
): DataLoader<string, FaultAttachment[]> {
  return memoized(ctx, 'attachmentsByNoteId', () => byParent(ctx, 'note_id'));
}

/** A case's photos (under its notes or not), oldest first: one query for every case. */
export function attachmentsByCaseLoader(
  ctx: ServiceContext,
): DataLoader<string, FaultAttachment[]> {
  return memoized(ctx, 'attachmentsByCaseId', () => byParent(ctx, 'fault_case_id'));
}

function byParent(
  ctx: ServiceContext,
  parentColumn: 'note_id' | 'fault_case_id',
): DataLoader<string, FaultAttachment[]> {
  return new DataLoader(async (ids: readonly string[]) => {
    const rows = await loadTopPerParent(
      ctx.em,
      {
        entity: FaultAttachment,
        table: 'fault_attachments',
        parentColumn,
        orderBy: 't.created_at asc, t.id asc',
      },
      ids,
    );
    return ids.map((id) => rows.get(id) ?? []);
  });
}
