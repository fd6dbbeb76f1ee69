import { describe, expect, it, vi } from 'vitest';
import { CaseListState, type CaseRow } from './case-list.svelte.ts';
import { EMPTY_CASE_FILTERS, UNRESOLVED } from './filters.ts';
import { caseRow, scriptedClient } from './testing.ts';

const page = (rows: CaseRow[], total = rows.length, endCursor: string | null = null) => ({
  data: {
    faultCases: {
      totalCount: total,
      nodes: rows,
      pageInfo: { endCursor, hasNextPage: endCursor !== null },
    },
  },
});

/** Lets queued promise callbacks run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

function board(row: CaseRow) {
  const { description: _d, resolvedAt: _r, isRepeat: _i, ...change } = row;
  return change;
}

describe('CaseListState', () => {
  it('reads the first page with the filters as the server takes them', async () => {
    const api = scriptedClient();
    const list = new CaseListState(api.client, { pageSize: 25 });
    const shown = list.show({ ...EMPTY_CASE_FILTERS, assignee: 'none', statuses: ['OPEN'] });
    expect(list.load).toBe('loading');
    expect(api.asked[0]!.variables).toEqual({
      filter: { unassigned: true, statuses: ['OPEN'] },
      first: 25,
    });
    const rows = [caseRow(), caseRow()];
    api.answer(page(rows, 30, 'c1'));
    await shown;
    expect(list.load).toBe('ready');
    expect(list.rows).toEqual(rows);
    expect(list.total).toBe(30);
    expect(list.hasMore).toBe(true);
  });

  it('"Load more" continues from the cursor and never shows a row twice', async () => {
    const api = scriptedClient();
    const list = new CaseListState(api.client, { pageSize: 2 });
    const [a, b, c] = [caseRow(), caseRow(), caseRow()];
    const shown = list.show(EMPTY_CASE_FILTERS);
    api.answer(page([a, b], 3, 'after-b'));
    await shown;
    const more = list.loadMore();
    expect(list.more).toBe('loading');
    expect(api.asked[1]!.variables).toMatchObject({ after: 'after-b', first: 2 });
    api.answer(page([b, c], 3, null));
    await more;
    expect(list.rows.map((r) => r.id)).toEqual([a.id, b.id, c.id]);
    expect(list.hasMore).toBe(false);
    expect(list.more).toBe('idle');
  });

  it('says when more could not be read, keeping the rows it has', async () => {
    const api = scriptedClient();
    const list = new CaseListState(api.client, { pageSize: 1 });
    const a = caseRow();
    const shown = list.show(EMPTY_CASE_FILTERS);
    api.answer(page([a], 2, 'after-a'));
    await shown;
    const more = list.loadMore();
    api.answer({ error: { graphQLErrors: [] } });
    await more;
    expect(list.more).toBe('error');
    expect(list.rows).toEqual([a]);
  });

  it('keeps the server problem of a failed read, a bad filter naming its field', async () => {
    const api = scriptedClient();
    const list = new CaseListState(api.client, { pageSize: 25 });
    const shown = list.show({ ...EMPTY_CASE_FILTERS, from: '2026-12-07', to: '2026-12-01' });
    api.answer({
      error: {
        graphQLErrors: [
          {
            message: 'openedTo must be later than openedFrom',
            extensions: { code: 'BAD_USER_INPUT', details: { field: 'openedTo' } },
          },
        ],
      },
    });
    await shown;
    expect(list.load).toBe('error');
    expect(list.problem?.code).toBe('BAD_USER_INPUT');
    expect(list.problem?.fields.openedTo).toBeDefined();
  });

  it('new filters keep the rows on screen, marked busy, until the new ones arrive', async () => {
    const api = scriptedClient();
    const list = new CaseListState(api.client, { pageSize: 25 });
    const a = caseRow();
    const first = list.show(EMPTY_CASE_FILTERS);
    api.answer(page([a]));
    await first;
    const second = list.show({ ...EMPTY_CASE_FILTERS, severities: ['LOW'] });
    expect(list.load).toBe('ready');
    expect(list.busy).toBe(true);
    expect(list.rows).toEqual([a]);
    api.answer(page([]));
    await second;
    expect(list.busy).toBe(false);
    expect(list.rows).toEqual([]);
  });

  it('an answer to an older read is dropped when the filters changed meanwhile', async () => {
    const api = scriptedClient();
    const list = new CaseListState(api.client, { pageSize: 25 });
    const first = list.show(EMPTY_CASE_FILTERS);
    const second = list.show({ ...EMPTY_CASE_FILTERS, statuses: ['RESOLVED'] });
    const resolved = caseRow({ status: 'RESOLVED' });
    api.answer(page([caseRow()]));
    api.answer(page([resolved]));
    await Promise.all([first, second]);
    expect(list.rows).toEqual([resolved]);
  });
});

describe('CaseListState live changes', () => {
  async function ready(rows: CaseRow[], options: { ownerId?: string; hasMore?: boolean } = {}) {
    const api = scriptedClient();
    const onchange = vi.fn();
    const list = new CaseListState(api.client, {
      pageSize: 25,
      ownerId: options.ownerId ?? null,
      onchange,
    });
    const shown = list.show({ ...EMPTY_CASE_FILTERS, statuses: [...UNRESOLVED] });
    api.answer(page(rows, rows.length + (options.hasMore ? 10 : 0), options.hasMore ? 'c' : null));
    await shown;
    return { api, list, onchange };
  }

  it('a row takes the change at once, then its detail as read again', async () => {
    const row = caseRow();
    const { api, list } = await ready([row]);
    list.applyChange({
      ...board(row),
      status: 'ACKNOWLEDGED',
      assignee: { id: 'u1', name: 'Rick' },
    });
    expect(list.rows[0]).toMatchObject({
      status: 'ACKNOWLEDGED',
      assignee: { name: 'Rick' },
      description: row.description,
    });
    api.answer({
      data: {
        faultCase: { ...row, status: 'ACKNOWLEDGED', description: 'Leak, worse now' },
      },
    });
    await settle();
    expect(list.rows[0]!.description).toBe('Leak, worse now');
  });

  it('a detail read that comes back after a newer change is dropped', async () => {
    const row = caseRow();
    const { api, list } = await ready([row]);
    list.applyChange({ ...board(row), status: 'ACKNOWLEDGED' });
    list.applyChange({ ...board(row), status: 'IN_PROGRESS' });
    api.answer({ data: { faultCase: { ...row, status: 'ACKNOWLEDGED' } } });
    await settle();
    expect(list.rows[0]!.status).toBe('IN_PROGRESS');
  });

  it('a new case that matches comes in at its place (newest first) and is announced', async () => {
    const older = caseRow({ openedAt: new Date(Date.now() - 3_600_000).toISOString() });
    const { list, onchange } = await ready([older]);
    const fresh = caseRow({ openedAt: new Date().toISOString() });
    list.applyChange(board(fresh));
    expect(list.rows.map((r) => r.id)).toEqual([fresh.id, older.id]);
    expect(list.total).toBe(2);
    expect(onchange).toHaveBeenCalledWith('added', expect.objectContaining({ id: fresh.id }));
  });

  it('a case that no longer matches leaves; one that never matched is ignored', async () => {
    const row = caseRow();
    const { list, onchange } = await ready([row]);
    list.applyChange(board(caseRow({ status: 'RESOLVED' })));
    expect(list.rows).toHaveLength(1);
    list.applyChange({ ...board(row), status: 'RESOLVED' });
    expect(list.rows).toEqual([]);
    expect(list.total).toBe(0);
    expect(onchange).toHaveBeenCalledWith('removed', expect.objectContaining({ id: row.id }));
  });

  it("a repair worker's case given to someone else leaves their list", async () => {
    const mine = caseRow({ assignee: { id: 'me', name: 'Rick' } });
    const { list } = await ready([mine], { ownerId: 'me' });
    list.applyChange({ ...board(mine), assignee: { id: 'rosa', name: 'Rosa' } });
    expect(list.rows).toEqual([]);
    // … and a case newly given to them comes in.
    const given = caseRow({ assignee: { id: 'me', name: 'Rick' } });
    list.applyChange(board(given));
    expect(list.rows.map((r) => r.id)).toEqual([given.id]);
  });

  it('a case beyond the rows read so far only counts: "Load more" brings it', async () => {
    const row = caseRow({ openedAt: new Date().toISOString() });
    const { list } = await ready([row], { hasMore: true });
    const old = caseRow({ openedAt: new Date(Date.now() - 86_400_000).toISOString() });
    list.applyChange(board(old));
    expect(list.rows.map((r) => r.id)).toEqual([row.id]);
    expect(list.total).toBe(12);
  });

  it('changes that come while a page is read are applied after it, in order', async () => {
    const api = scriptedClient();
    const list = new CaseListState(api.client, { pageSize: 25 });
    const row = caseRow();
    const shown = list.show(EMPTY_CASE_FILTERS);
    list.applyChange({ ...board(row), status: 'ACKNOWLEDGED' });
    list.applyChange({ ...board(row), status: 'IN_PROGRESS' });
    api.answer(page([row]));
    await shown;
    expect(list.rows[0]!.status).toBe('IN_PROGRESS');
  });
});
