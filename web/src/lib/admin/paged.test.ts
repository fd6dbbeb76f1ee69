import { describe, expect, it } from 'vitest';
import { PagedList, type PageOf } from './paged.svelte.ts';

interface Row {
  id: string;
}

const page = (ids: string[], total: number, endCursor: string | null): PageOf<Row> => ({
  nodes: ids.map((id) => ({ id })),
  totalCount: total,
  pageInfo: { hasNextPage: endCursor !== null, endCursor },
});

function controllable() {
  const calls: { after: string | null; answer: (p: PageOf<Row> | null) => void }[] = [];
  const list = new PagedList<Row>(
    (after) =>
      new Promise((resolve) =>
        calls.push({
          after,
          answer: (p) =>
            resolve(
              p
                ? { page: p }
                : { problem: { code: 'NETWORK', message: 'offline', fields: {}, details: {} } },
            ),
        }),
      ),
  );
  return { list, calls };
}

describe('PagedList', () => {
  it('loads, then loads more after the cursor, without showing a row twice', async () => {
    const { list, calls } = controllable();
    const loading = list.load();
    expect(list.state).toBe('loading');
    calls[0]!.answer(page(['a', 'b'], 3, 'c2'));
    await loading;
    expect(list.state).toBe('ready');
    expect(list.hasMore).toBe(true);
    const more = list.loadMore();
    expect(calls[1]!.after).toBe('c2');
    calls[1]!.answer(page(['b', 'c'], 3, null));
    await more;
    expect(list.items.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(list.hasMore).toBe(false);
  });

  it('drops a late answer to an older load: the list shows the filters last chosen', async () => {
    const { list, calls } = controllable();
    const first = list.load();
    const second = list.load();
    calls[1]!.answer(page(['new'], 1, null));
    await second;
    calls[0]!.answer(page(['old'], 1, null));
    await first;
    expect(list.items.map((r) => r.id)).toEqual(['new']);
  });

  it('a failed first page is an error state; a failed next page keeps the rows', async () => {
    const { list, calls } = controllable();
    const failing = list.load();
    calls[0]!.answer(null);
    await failing;
    expect(list.state).toBe('error');
    expect(list.problem?.code).toBe('NETWORK');

    const retry = list.load();
    calls[1]!.answer(page(['a'], 2, 'c1'));
    await retry;
    const more = list.loadMore();
    calls[2]!.answer(null);
    await more;
    expect(list.state).toBe('ready');
    expect(list.items.map((r) => r.id)).toEqual(['a']);
    expect(list.problem?.code).toBe('NETWORK');
    expect(list.loadingMore).toBe(false);
  });
});
