import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult, OperationDefinitionNode } from 'graphql';
import { isDisplay, type Actor } from '../../common/actor.js';
import type { EventBus } from '../../events/event-bus.js';
import { REQUEST_SYNC } from '../../events/invalidation.js';
import type { RequestContext } from '../../graphql/context.js';

/**
 * What is kept, in characters of JSON, all answers together (a board page of 50 machines is
 * ~30 kB: ~1,000 pages); the oldest answers go first beyond it.
 */
const MAX_TOTAL_CHARS = 32_000_000;
/** Answers larger than this are not kept. */
const MAX_ANSWER_CHARS = 4_000_000;
/** How long a miss waits for the same answer being computed before computing its own. */
const MAX_WAIT_MS = 10_000;
/** Root fields whose answers change only with what the bus announces (see `BoardCache`). */
const CACHEABLE_ROOT_FIELDS = new Set(['machines', 'wholeBoard', '__typename']);

/**
 * Board pages (`machines`) and whole boards (`wholeBoard`) answered without running them again,
 * until anything changes.
 *
 * Never stale after a commit: every committed change a board shows reaches the bus — machine
 * events (status, warnings, cases, assignments, machine edits), warning repeats, and the
 * invalidations of changes without an event (a user's or building's new name) — and each
 * empties the whole cache on every replica. A cached answer is given only after the request's
 * `bus.sync()`, so a change committed on another replica before this request arrived has been
 * heard. An answer computed while a change arrived is not kept (the generation moved on).
 *
 * Each reader's visibility: the key holds the reader's whole identity (user and role, or API
 * client with its scopes and buildings; for display links, which read by their buildings
 * alone, the buildings: see `readerKey`), so an answer is only ever given to a reader who
 * would have computed the same. The cache makes no decision of its own: every rule (a
 * display's buildings, a technician's own machines, the case read rule of repair staff) ran
 * when the answer was computed, in its one place. Anonymous callers and errors are never kept.
 */
export class BoardCache {
  private readonly entries = new Map<string, { result: FormattedExecutionResult; chars: number }>();
  private totalChars = 0;
  private generation = 0;
  /** Answers being computed, by key: settled when sent (or failed). */
  private readonly computing = new Map<string, Promise<void>>();
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly bus: EventBus) {
    const clear = () => this.clear();
    this.unsubscribe = [bus.onSignal(clear), bus.onRepeat(clear), bus.onInvalidation(clear)];
  }

  get size(): number {
    return this.entries.size;
  }

  close(): void {
    for (const off of this.unsubscribe) off();
    this.entries.clear();
  }

  plugin(): ApolloServerPlugin<RequestContext> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the hooks below have their own `this`
    const cache = this;
    return {
      async requestDidStart() {
        let key: string | undefined;
        /** Set when this request missed: the generation its answer would belong to. */
        let missedAt: number | undefined;
        /** Set when this request computes an answer others wait for. */
        let computed: (() => void) | undefined;
        const settle = () => {
          computed?.();
          computed = undefined;
        };
        return {
          async responseForOperation(request) {
            key = keyOf(request);
            if (!key) return null;
            const ctx = request.contextValue;
            const cached = await cache.answer(key, ctx);
            if (cached) return cached;
            // Single flight: screens of a hall that miss together (all reconnecting after a
            // deploy) wait for the first one's answer instead of each computing the board.
            // The answer is then taken as any cached one is, after this request's own sync.
            const computing = cache.computing.get(key);
            if (computing) {
              await waitAtMost(computing, MAX_WAIT_MS);
              const shared = await cache.answer(key, ctx);
              if (shared) return shared;
            } else {
              const done = new Promise<void>((resolve) => (computed = resolve));
              cache.computing.set(key, done);
              const mine = key;
              void done.then(() => {
                if (cache.computing.get(mine) === done) cache.computing.delete(mine);
              });
            }
            missedAt = cache.generation;
            return null;
          },
          async willSendResponse({ response }) {
            try {
              if (!key || missedAt === undefined) return;
              if (response.body.kind !== 'single') return;
              const result = response.body.singleResult;
              if (result.errors?.length || !result.data) return;
              if (response.http.status !== undefined && response.http.status !== 200) return;
              cache.store(key, missedAt, result);
            } finally {
              settle();
            }
          },
          async didEncounterErrors() {
            settle();
          },
        };
      },
    };
  }

  /** The cached answer for `key`, given only after the request's sync (see the class). */
  private async answer(key: string, ctx: RequestContext) {
    if (!this.entries.has(key) || !(await requestSync(ctx))) return null;
    // The sync may have let a change through: look again.
    const current = this.entries.get(key);
    if (!current) return null;
    return {
      http: { status: undefined, headers: new HeaderMap() },
      body: { kind: 'single' as const, singleResult: current.result },
    };
  }

  private store(key: string, generation: number, result: FormattedExecutionResult): void {
    if (generation !== this.generation) return;
    const chars = JSON.stringify(result).length;
    if (chars > MAX_ANSWER_CHARS) return;
    this.remove(key);
    this.entries.set(key, { result, chars });
    this.totalChars += chars;
    while (this.totalChars > MAX_TOTAL_CHARS) this.remove(this.entries.keys().next().value!);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalChars -= entry.chars;
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
    this.totalChars = 0;
  }
}

async function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function requestSync(ctx: RequestContext): Promise<boolean> {
  const sync = ctx.memo.get(REQUEST_SYNC) as (() => Promise<boolean>) | undefined;
  return sync ? sync() : ctx.bus.sync();
}

/**
 * The reader as a key: everything of the actor that any rule may read. One exception, so that
 * the screens of a hall share their answers (after a deploy every screen reconnects at once):
 * a display link is read-only and can never be a case's reporter or assignee, the only rules
 * that read an API client's own id (fault-case.access.ts), so what a display may read depends
 * on its buildings alone — displays of the same buildings are one reader.
 */
function readerKey(actor: Actor): string {
  if (actor.kind === 'user') return `user:${actor.id}:${actor.role}:${actor.name}`;
  const scope = `${[...actor.scopes].sort().join(',')}:${[...actor.buildingIds].sort().join(',')}`;
  return isDisplay(actor) ? `display:${scope}` : `client:${actor.id}:${actor.purpose}:${scope}`;
}

/** Undefined when the operation is not a board read, or the caller cannot be cached. */
function keyOf(request: GraphQLRequestContext<RequestContext>): string | undefined {
  const ctx = request.contextValue;
  const operation = request.operation;
  const query = request.request.query;
  if (!ctx.actor || ctx.clock || !operation || query === undefined) return undefined;
  if (!isBoardRead(operation)) return undefined;
  return [
    readerKey(ctx.actor),
    request.request.operationName ?? '',
    JSON.stringify(request.request.variables ?? {}),
    query,
  ].join('\n');
}

function isBoardRead(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every(
      (s) => s.kind === 'Field' && CACHEABLE_ROOT_FIELDS.has(s.name.value),
    )
  );
}
