/** A list read 20 at a time (src/stores/paged.ts): the 心愿大厅, 社区活动 and the staff lists page alike. */
import { PagedList, type Page } from '../../src/stores/paged';
import { CloudError } from '../../src/services/CloudError';

interface Item {
  id: string;
}

const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));

/** A fetch whose answers the test hands out one by one, in any order. */
function pendingFetch() {
  const waiting: Array<{ from: number; resolve: (page: Page<Item>) => void; reject: (e: unknown) => void }> = [];
  const fetch = (from: number) => new Promise<Page<Item>>((resolve, reject) => waiting.push({ from, resolve, reject }));
  return { fetch, waiting };
}

describe('a paged list', () => {
  it('reads the first page, appends the next with 加载更多, and knows when none is left', async () => {
    const list = new PagedList<Item>(async (from) =>
      from === 0 ? { items: items('a', 'b'), next: 2 } : { items: items('c'), next: null },
    );
    await list.load();
    expect(list.value).toEqual(items('a', 'b'));
    expect(list.next).toBe(2);
    await list.more();
    expect(list.value).toEqual(items('a', 'b', 'c'));
    expect(list.next).toBeNull();
  });

  it('reading a following page spins 加载更多 only, not the whole list', async () => {
    const { fetch, waiting } = pendingFetch();
    const list = new PagedList<Item>(fetch);
    const first = list.load();
    expect([list.loading, list.loadingMore]).toEqual([true, false]);
    waiting[0].resolve({ items: items('a'), next: 1 });
    await first;
    const more = list.more();
    expect([list.loading, list.loadingMore]).toEqual([true, true]);
    waiting[1].resolve({ items: items('b'), next: null });
    await more;
    expect([list.loading, list.loadingMore]).toEqual([false, false]);
  });

  it('a wish claimed while paging moves up a page: listed once when it comes again', async () => {
    const list = new PagedList<Item>(
      async (from) => (from === 0 ? { items: items('a', 'b'), next: 2 } : { items: items('b', 'c'), next: null }),
      (item) => item.id,
    );
    await list.load();
    await list.more();
    expect(list.value).toEqual(items('a', 'b', 'c'));
  });

  it('a following page that fails keeps the list, with its error apart from the first page’s', async () => {
    const list = new PagedList<Item>(async (from) => {
      if (from > 0) throw new CloudError('INTERNAL', '服务异常', 'req-1');
      return { items: items('a'), next: 1 };
    });
    await list.load();
    await list.more();
    expect(list.value).toEqual(items('a'));
    expect(list.error).toBeNull();
    expect(list.moreError?.code).toBe('INTERNAL');
    expect(list.next).toBe(1);
  });

  it('a refresh started during 加载更多 wins: the older page is dropped', async () => {
    const { fetch, waiting } = pendingFetch();
    const list = new PagedList<Item>(fetch);
    const first = list.load();
    waiting[0].resolve({ items: items('a'), next: 1 });
    await first;
    const more = list.more();
    const refresh = list.load();
    waiting[2].resolve({ items: items('x'), next: null });
    waiting[1].resolve({ items: items('b'), next: null });
    await Promise.all([more, refresh]);
    expect(list.value).toEqual(items('x'));
    expect([list.loading, list.loadingMore]).toEqual([false, false]);
  });
});
