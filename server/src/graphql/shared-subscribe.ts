import {
  createSourceEventStream,
  execute,
  Kind,
  type DocumentNode,
  type OperationDefinitionNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { Actor } from '../common/actor.js';
import type { Logger } from '../config/logger.js';
import { Role } from '../modules/users/user.role.js';
import type { RequestContext } from './context.js';
import type { SocketErrorBoundary } from './socket-errors.js';

/** Results are kept this long for the rest of a group to pick up, then dropped. */
const SHARED_RESULT_TTL_MS = 10_000;

/**
 * Live-only subscriptions (no replay position) whose members of one group receive exactly the
 * same stream: served by one broadcast per group, written straight to the sockets.
 */
const BROADCAST_FIELDS = new Set(['machineStatusChanged']);

/** How a socket subscription can be written to directly (set by the WebSocket server). */
export interface DirectDelivery {
  /** The graphql-ws operation id of this subscription. */
  id: string;
  send(frame: string): void;
}

interface Member {
  prefix: string;
  send(frame: string): void;
  /** Ends the member's subscription (graphql-ws then tells the client it is complete). */
  end(): void;
}

/**
 * One group's live stream: one source, one execution and one serialisation per event; each
 * member gets the serialised result behind its own operation id — the same frame graphql-ws
 * would build, without a per-subscriber iteration, execution or stringify.
 */
class Broadcast {
  readonly members = new Set<Member>();
  private stopped = false;

  constructor(
    private readonly source: AsyncIterableIterator<unknown>,
    private readonly execute: (payload: unknown) => Promise<ExecutionResult>,
    private readonly onDelivered: (count: number) => void,
    private readonly onEnd: () => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.run()
      .catch((error: unknown) => this.logger.error({ err: error }, 'subscription broadcast failed'))
      .finally(() => {
        void this.source.return?.();
        this.stopped = true;
        this.onEnd();
        // A stream that ended on its own (e.g. fell too far behind) ends its members too,
        // so their clients resubscribe instead of waiting on a silent subscription.
        for (const member of [...this.members]) member.end();
      });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.onEnd(); // leave the registry now, so a new member starts a fresh broadcast
    void this.source.return?.();
  }

  private async run(): Promise<void> {
    for (;;) {
      const next = await this.source.next();
      if (next.done || this.stopped) return;
      const body = JSON.stringify(await this.execute(next.value));
      for (const member of this.members) member.send(`${member.prefix}${body}}`);
      this.onDelivered(this.members.size);
    }
  }
}

/**
 * graphql-ws's `subscribe`, with one execution per event shared by every subscriber whose
 * result must be identical: the same document and variables, seen by the same kind of
 * viewer. A thousand wall screens on one board cost one execution per status change, not a
 * thousand. Viewers are grouped by what can change their result — role, and the person for
 * repair staff (case ownership) and API tokens (building limits) — never wider.
 */
export class SharedSubscriptions {
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private nextDocumentId = 1;
  private readonly results = new Map<string, { at: number; result: Promise<ExecutionResult> }>();
  private readonly broadcasts = new Map<string, Broadcast>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly logger: Logger,
    private readonly boundary: SocketErrorBoundary,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SHARED_RESULT_TTL_MS);
    this.sweeper.unref();
  }

  readonly subscribe = async (
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    const ctx = args.contextValue as RequestContext;
    // This subscriber's own failure (not a broadcast): its errors carry its request id.
    if (!isAsyncIterable(source))
      return this.boundary.result(source as ExecutionResult, ctx.logger, ctx.requestId);
    const group = this.groupKey(args);
    if (group && ctx.directDelivery && BROADCAST_FIELDS.has(rootFieldName(args) ?? '')) {
      return this.joinBroadcast(group, source, args, ctx.directDelivery);
    }
    return mapStream(source, (payload) => {
      const event = eventKey(payload);
      if (!group || !event) return this.executeOnce(args, payload);
      const key = `${group}#${event}`;
      let entry = this.results.get(key);
      if (!entry) {
        entry = { at: Date.now(), result: this.executeOnce(args, payload) };
        this.results.set(key, entry);
      }
      return entry.result;
    });
  };

  close(): void {
    clearInterval(this.sweeper);
    this.results.clear();
    for (const broadcast of this.broadcasts.values()) broadcast.stop();
    this.broadcasts.clear();
  }

  /**
   * Adds the subscription to its group's broadcast (starting it with this subscription's
   * source, or dropping that source when the group already streams). graphql-ws gets an
   * iterator that yields nothing and ends when the client completes or the socket closes.
   */
  private joinBroadcast(
    group: string,
    source: AsyncIterableIterator<unknown>,
    args: ExecutionArgs,
    direct: DirectDelivery,
  ): AsyncIterableIterator<ExecutionResult> {
    const ctx = args.contextValue as RequestContext;
    let broadcast = this.broadcasts.get(group);
    if (broadcast) {
      void source.return?.();
    } else {
      const created: Broadcast = new Broadcast(
        source,
        (payload) => this.executeOnce(args, payload),
        (count) => ctx.metrics?.deliveries.inc({ subscription: 'machineStatusChanged' }, count),
        () => {
          if (this.broadcasts.get(group) === created) this.broadcasts.delete(group);
        },
        this.logger,
      );
      broadcast = created;
      this.broadcasts.set(group, broadcast);
      broadcast.start();
    }
    let finish: (result: IteratorResult<ExecutionResult>) => void = () => undefined;
    const finished = new Promise<IteratorResult<ExecutionResult>>((resolve) => (finish = resolve));
    const member: Member = {
      prefix: `{"id":${JSON.stringify(direct.id)},"type":"next","payload":`,
      send: direct.send,
      end: () => finish({ value: undefined, done: true }),
    };
    broadcast.members.add(member);
    const joined = broadcast;
    const leave = async (): Promise<IteratorResult<ExecutionResult>> => {
      joined.members.delete(member);
      if (joined.members.size === 0) joined.stop();
      const done = { value: undefined, done: true } as const;
      finish(done);
      return done;
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: () => finished,
      return: leave,
      throw: leave,
    };
  }

  /**
   * Each execution gets its own EntityManager and dataloaders: nothing stale is shared.
   * Errors leave here already masked, like over HTTP (graphql-ws's own `onNext` hook would
   * cost an extra await per subscriber and message).
   */
  private async executeOnce(args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> {
    const ctx = args.contextValue as RequestContext;
    const result = await execute({
      ...args,
      rootValue: payload,
      contextValue: { ...ctx, em: ctx.forkEm(), memo: new Map() },
    });
    return this.masked(result, ctx);
  }

  /** Through the same boundary as every other error over the socket (and HTTP). */
  private masked(result: ExecutionResult, ctx: RequestContext): ExecutionResult {
    return this.boundary.result(result, ctx.logger);
  }

  private groupKey(args: ExecutionArgs): string | undefined {
    const actor = (args.contextValue as RequestContext | undefined)?.actor;
    if (!actor) return undefined;
    let id = this.documentIds.get(args.document);
    if (id === undefined) {
      id = this.nextDocumentId++;
      this.documentIds.set(args.document, id);
    }
    return `${id}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${viewerKey(actor)}`;
  }

  private sweep(): void {
    const cutoff = Date.now() - SHARED_RESULT_TTL_MS;
    for (const [key, entry] of this.results) if (entry.at < cutoff) this.results.delete(key);
  }
}

function viewerKey(actor: Actor): string {
  if (actor.kind === 'apiClient') return `client:${actor.id}`;
  return actor.role === Role.REPAIR ? `repair:${actor.id}` : `role:${actor.role}`;
}

/** Payloads built from one committed event carry its id; others are not shared. */
function eventKey(payload: unknown): string | undefined {
  const p = payload as {
    eventId?: unknown;
    id?: unknown;
    machineId?: unknown;
    type?: unknown;
  } | null;
  if (typeof p?.eventId === 'string') return `e${p.eventId}`;
  if (typeof p?.id === 'number' && typeof p.machineId === 'string' && typeof p.type === 'string')
    return `e${p.id}`;
  return undefined;
}

function rootFieldName(args: ExecutionArgs): string | undefined {
  const operation = args.document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION &&
      (args.operationName == null || d.name?.value === args.operationName),
  );
  const [first] = operation?.selectionSet.selections ?? [];
  return first?.kind === Kind.FIELD ? first.name.value : undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterableIterator<unknown> {
  return typeof (value as AsyncIterable<unknown>)?.[Symbol.asyncIterator] === 'function';
}

function mapStream<T, R>(
  source: AsyncIterableIterator<T>,
  map: (value: T) => Promise<R>,
): AsyncIterableIterator<R> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      try {
        const { value, done } = await source.next();
        return done ? { value: undefined, done: true } : { value: await map(value), done: false };
      } catch (error) {
        await source.return?.();
        throw error;
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
  };
}
