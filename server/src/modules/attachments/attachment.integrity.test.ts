import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger.js';
import { Factory, type TestUser } from '../../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { multipartBody, photo, slowUpload } from '../../testing/images.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { Role } from '../users/user.role.js';
import { FaultAttachment } from './attachment.entity.js';
import { processImage } from './attachment.image.js';
import type { AttachmentHooks } from './attachment.service.js';
import { LocalDiskStore, newStorageKey, type AttachmentStore } from './attachment.store.js';
import { SWEEP_GRACE_MS, sweepOrphans } from './attachment.sweeper.js';
import { openAttachments } from './attachments.js';

/**
 * Nothing lost, nothing orphaned: a failure or a crash between storing the files and
 * committing the row leaves neither a row without its files nor files nothing refers to
 * (directly, or after the sweeper). Quotas per case and per plant. A 413 through the web
 * server's proxy.
 */

/** The local store, whose deletes can be made to fail as if the process had died. */
class CrashableStore implements AttachmentStore {
  deadProcess = false;
  constructor(readonly inner: LocalDiskStore) {}
  put(key: string, data: Buffer, type: string) {
    return this.inner.put(key, data, type);
  }
  get(key: string) {
    return this.inner.get(key);
  }
  delete(key: string) {
    if (this.deadProcess) return Promise.reject(new Error('the process is gone'));
    return this.inner.delete(key);
  }
  list() {
    return this.inner.list();
  }
}

const HOUR = 60 * 60 * 1000;

async function openCase(t: TestServer, f: Factory, manager: TestUser): Promise<string> {
  const machine = await f.machine();
  return expectData(
    await t.gql<{ openFaultCase: { id: string } }>(
      'mutation ($m: ID!) { openFaultCase(input: { machineId: $m, description: "Jammed", severity: LOW }) { id } }',
      { m: machine.id },
      { token: manager.token },
    ),
  ).openFaultCase.id;
}

async function upload(t: TestServer, caseId: string, data: Buffer, token: string) {
  const { body, contentType } = multipartBody({ data });
  const res = await fetch(`${t.url}/api/faults/${caseId}/attachments/`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
    body,
  });
  return {
    status: res.status,
    json: (await res.json()) as {
      id?: string;
      error?: { code: string; details?: Record<string, unknown> };
    },
  };
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('a failure or crash between storing the files and committing the row', () => {
  let t: TestServer;
  let f: Factory;
  let manager: TestUser;
  let store: CrashableStore;
  const hooks: AttachmentHooks = {};
  let objectsDir: string;

  beforeAll(async () => {
    // The store must exist before the server: its folder is made by the harness, so the
    // wrapper gets its own scratch folder.
    objectsDir = mkdtempSync(join(tmpdir(), 'shopfloor-objects-'));
    store = new CrashableStore(new LocalDiskStore(objectsDir));
    t = await startTestServer({ attachments: { store, hooks } });
    f = new Factory(t);
    manager = await f.user(Role.MANAGER);
  });
  afterAll(async () => {
    await t.close();
    rmSync(objectsDir, { recursive: true, force: true });
  });

  async function state() {
    const em = t.em();
    return {
      rows: await em.count(FaultAttachment, {}),
      events: await em.count(MachineEvent, { type: MachineEventType.FAULT_ATTACHMENT_ADDED }),
      objects: filesUnder(objectsDir).length,
    };
  }

  it('after the files, before the transaction: answered 500, the files removed, no row', async () => {
    const caseId = await openCase(t, f, manager);
    const before = await state();
    let stored = 0;
    hooks.afterStore = () => {
      stored = filesUnder(objectsDir).length - before.objects;
      return Promise.reject(new Error('simulated failure between steps'));
    };
    try {
      const res = await upload(t, caseId, await photo('jpeg', 50, 50), manager.token);
      expect([res.status, res.json.error?.code]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
    } finally {
      delete hooks.afterStore;
    }
    expect(stored).toBe(2); // the image and its thumbnail were on disk at that moment
    expect(await state()).toEqual(before);
  });

  it('inside the transaction, row written but not committed: rolled back, files removed', async () => {
    const caseId = await openCase(t, f, manager);
    const before = await state();
    let rowsSeenInside = -1;
    hooks.beforeCommit = async () => {
      // Another connection cannot see the uncommitted row.
      rowsSeenInside = await t.em().count(FaultAttachment, {});
      throw new Error('simulated failure before commit');
    };
    try {
      const res = await upload(t, caseId, await photo('png', 20, 20), manager.token);
      expect(res.status).toBe(500);
    } finally {
      delete hooks.beforeCommit;
    }
    expect(rowsSeenInside).toBe(before.rows);
    expect(await state()).toEqual(before);
  });

  it('a crash (nothing cleans up): files without a row, removed by the sweeper; kept files stay', async () => {
    const caseId = await openCase(t, f, manager);
    const kept = await upload(t, caseId, await photo('webp', 30, 30), manager.token);
    expect(kept.status).toBe(201);
    const before = await state();

    // The process "dies" right after storing: no transaction, and no clean-up either.
    store.deadProcess = true;
    hooks.afterStore = () => Promise.reject(new Error('simulated crash'));
    try {
      const res = await upload(t, caseId, await photo('jpeg', 40, 40), manager.token);
      expect(res.status).toBe(500);
    } finally {
      store.deadProcess = false;
      delete hooks.afterStore;
    }
    const afterCrash = await state();
    expect(afterCrash).toEqual({ ...before, objects: before.objects + 2 }); // no row, 2 orphans

    // A put cut short by a crash leaves a partial file; an upload being received, its file.
    const partialKey = `${newStorageKey()}.partial-0badf00d`;
    mkdirSync(join(objectsDir, partialKey.slice(0, 2)), { recursive: true });
    writeFileSync(join(objectsDir, partialKey.slice(0, 2), partialKey), 'half');
    const incoming = join(t.config.attachments.storageDir, 'incoming', 'dead.upload');
    writeFileSync(incoming, 'half an upload');

    // Within the grace (an upload may be between its files and its commit right now): kept.
    const early = await sweepOrphans({
      em: t.em(),
      store,
      incomingDir: join(t.config.attachments.storageDir, 'incoming'),
    });
    expect(early).toEqual({ objects: 0, incoming: 0 });
    expect(filesUnder(objectsDir)).toHaveLength(afterCrash.objects + 1);

    const later = await sweepOrphans({
      em: t.em(),
      store,
      incomingDir: join(t.config.attachments.storageDir, 'incoming'),
      now: new Date(Date.now() + SWEEP_GRACE_MS + HOUR),
    });
    expect(later).toEqual({ objects: 3, incoming: 1 });
    expect(await state()).toEqual(before);
    // What rows refer to is all there and still served.
    const row = await t.em().findOneOrFail(FaultAttachment, { id: kept.json.id! });
    const files = filesUnder(objectsDir).map((p) => p.split('/').pop());
    expect(files.sort()).toEqual([row.storageKey, row.thumbnailKey].sort());
    const served = await fetch(`${t.url}/api/attachments/${row.id}`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(served.status).toBe(200);
  });

  it('the server sweeps at start: leftovers of a crashed run are gone, referenced files stay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopfloor-restart-'));
    const orphan = newStorageKey();
    const young = newStorageKey();
    mkdirSync(join(dir, 'objects', orphan.slice(0, 2)), { recursive: true });
    mkdirSync(join(dir, 'objects', young.slice(0, 2)), { recursive: true });
    mkdirSync(join(dir, 'incoming'), { recursive: true });
    const orphanPath = join(dir, 'objects', orphan.slice(0, 2), orphan);
    const youngPath = join(dir, 'objects', young.slice(0, 2), young);
    const leftover = join(dir, 'incoming', 'x.upload');
    for (const path of [orphanPath, youngPath, leftover]) writeFileSync(path, 'bytes');
    const old = new Date(Date.now() - SWEEP_GRACE_MS - HOUR);
    utimesSync(orphanPath, old, old);
    utimesSync(leftover, old, old);

    const restarted = await startTestServer({ env: { STORAGE_DIR: dir } });
    try {
      const deadline = Date.now() + 5000;
      while (filesUnder(dir).length > 1 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(filesUnder(dir)).toEqual([youngPath]);
    } finally {
      await restarted.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a STORAGE_DIR it cannot write', async () => {
    const config = {
      ...t.config,
      attachments: { ...t.config.attachments, storageDir: '/proc/version/uploads' },
    };
    await expect(openAttachments(config, t.database.orm, createLogger(t.config))).rejects.toThrow(
      /STORAGE_DIR \/proc\/version\/uploads cannot be written/,
    );
  });
});

describe('quotas', () => {
  let t: TestServer;
  let f: Factory;
  let manager: TestUser;
  /** Bytes one upload of `small` takes: stored image + thumbnail. */
  let S: number;
  let small: Buffer;

  beforeAll(async () => {
    small = await photo('jpeg', 120, 90);
    const scratch = mkdtempSync(join(tmpdir(), 'shopfloor-size-'));
    const file = join(scratch, 'p.jpg');
    writeFileSync(file, small);
    const { image, thumbnail } = await processImage(file, 'image/jpeg', 1e8);
    rmSync(scratch, { recursive: true, force: true });
    S = image.data.length + thumbnail.data.length;
    t = await startTestServer({
      env: { UPLOAD_QUOTA_PER_CASE: String(2 * S), UPLOAD_QUOTA_PER_PLANT: String(5 * S) },
    });
    f = new Factory(t);
    manager = await f.user(Role.MANAGER);
  });
  afterAll(() => t.close());

  const rows = () => t.em().count(FaultAttachment, {});

  it('per case: full is refused before the file is read, a photo that does not fit too', async () => {
    const a = await openCase(t, f, manager);
    expect((await upload(t, a, small, manager.token)).status).toBe(201);
    expect((await upload(t, a, small, manager.token)).status).toBe(201);
    const before = await rows();
    const full = await slowUpload(`${t.url}/api/faults/${a}/attachments/`, {
      token: manager.token,
      totalBytes: 512 * 1024,
      chunkBytes: 16 * 1024,
      delayMs: 20,
    });
    expect(full.status).toBe(422);
    expect(JSON.parse(full.body)).toMatchObject({
      error: {
        code: 'QUOTA_EXCEEDED',
        details: { scope: 'case', limitBytes: 2 * S, usedBytes: 2 * S },
      },
    });
    expect(full.sentWhenAnswered).toBeLessThan(128 * 1024);

    const b = await openCase(t, f, manager);
    expect((await upload(t, b, small, manager.token)).status).toBe(201);
    const tooBig = await upload(t, b, await photo('jpeg', 300, 300), manager.token);
    expect([tooBig.status, tooBig.json.error?.code]).toEqual([422, 'QUOTA_EXCEEDED']);
    expect(tooBig.json.error?.details).toMatchObject({ scope: 'case', usedBytes: S });
    expect(await rows()).toBe(before + 1);
  });

  it('per plant: two uploads racing for the last room, one wins; then the plant is full', async () => {
    // 3 S of 5 S are taken by the test above.
    const c = await openCase(t, f, manager);
    expect((await upload(t, c, small, manager.token)).status).toBe(201);
    const d = await openCase(t, f, manager);
    const raced = await Promise.all([
      upload(t, d, small, manager.token),
      upload(t, d, small, manager.token),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(raced.find((r) => r.status === 422)!.json.error).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { scope: 'plant', limitBytes: 5 * S, usedBytes: 5 * S },
    });
    const e = await openCase(t, f, manager);
    const full = await upload(t, e, small, manager.token);
    expect([full.status, full.json.error?.details?.scope]).toEqual([422, 'plant']);
    const objects = filesUnder(join(t.config.attachments.storageDir, 'objects'));
    expect(objects).toHaveLength(2 * (await rows()));
  });
});

describe('through the web server’s proxy', () => {
  let t: TestServer;
  let manager: TestUser;
  let web: { url: string; close(timeoutMs?: number): Promise<void> };
  /** What the web server logged (a proxy error says why it answered 5xx). */
  const webLog: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ env: { UPLOAD_MAX_SIZE: '262144' } });
    manager = await new Factory(t).user(Role.MANAGER);
    // The production web server (web/server.js), with a stand-in for the built app.
    const module = (await import(
      pathToFileURL(join(import.meta.dirname, '../../../../web/server.js')).href
    )) as {
      startWebServer(options: Record<string, unknown>): Promise<typeof web>;
    };
    web = await module.startWebServer({
      port: 0,
      host: '127.0.0.1',
      apiUrl: t.url,
      handler: (_req: unknown, res: { end(text: string): void }) => res.end('app'),
      log: (line: string) => webLog.push(line),
    });
  });
  afterAll(async () => {
    await web.close(1000);
    await t.close();
  });

  it('passes a 413 on while the client is still sending', async () => {
    const caseId = await openCase(t, new Factory(t), manager);
    const res = await slowUpload(`${web.url}/api/faults/${caseId}/attachments/`, {
      token: manager.token,
      totalBytes: 4 * 1024 * 1024,
      chunkBytes: 16 * 1024,
      delayMs: 5,
    });
    // A failure shows the answer and the proxy's log: they say why.
    expect(res.status, JSON.stringify({ body: res.body, webLog })).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', requestId: expect.any(String) },
    });
    expect(res.sentWhenAnswered).toBeLessThan(1024 * 1024);
  });

  it('and a photo through it is stored and served', async () => {
    const caseId = await openCase(t, new Factory(t), manager);
    const { body, contentType } = multipartBody({ data: await photo('jpeg', 64, 64) });
    const res = await fetch(`${web.url}/api/faults/${caseId}/attachments/`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${manager.token}` },
      body,
    });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const image = await fetch(`${web.url}${url}`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
