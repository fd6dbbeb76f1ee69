import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import {
  exifHasGps,
  heicHeader,
  HTML,
  jpegBomb,
  jpegHeaderThenHtml,
  jpegHtmlPolyglot,
  jpegWithGps,
  multipartBody,
  photo,
  pngBomb,
  SCRIPT,
  slowUpload,
  SVG,
  truncatedJpeg,
} from '../../testing/images.js';
import { createApiClient } from '../../testing/rest-client.js';
import { connectSocket } from '../../testing/ws-client.js';
import { MachineEvent } from '../events/machine-event.entity.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { Role } from '../users/user.role.js';
import { FaultAttachment } from './attachment.entity.js';

/**
 * Photos on fault cases over REST and GraphQL, against a real server, PostgreSQL and disk
 * (SECURITY.md item 22). Every file is made here: real images by sharp, hostile ones by hand.
 */

const MAX_FILE = 1024 * 1024; // UPLOAD_MAX_SIZE of this server: oversize tests stay quick
const MAX_PIXELS = 40_000_000;

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let otherRepair: TestUser;
/** Opened by the manager, assigned to team.repair. */
let caseId: string;
/** Another case, assigned to otherRepair. */
let foreignCaseId: string;
const sqlLog: string[] = [];

beforeAll(async () => {
  t = await startTestServer({
    env: { UPLOAD_MAX_SIZE: String(MAX_FILE), UPLOAD_MAX_PIXELS: String(MAX_PIXELS) },
    onQuery: (sql) => sqlLog.push(sql),
  });
  f = new Factory(t);
  team = await f.team();
  otherRepair = await f.user(Role.REPAIR);
  caseId = await openCase(team.repair);
  foreignCaseId = await openCase(otherRepair);
});
afterAll(() => t.close());

async function openCase(assignee: TestUser): Promise<string> {
  const machine = await f.machine();
  const opened = expectData(
    await t.gql<{ openFaultCase: { id: string } }>(
      'mutation ($m: ID!) { openFaultCase(input: { machineId: $m, description: "Hydraulic leak", severity: HIGH }) { id } }',
      { m: machine.id },
      { token: team.manager.token },
    ),
  ).openFaultCase.id;
  expectData(
    await t.gql(
      'mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }',
      { id: opened, a: assignee.user.id },
      { token: team.manager.token },
    ),
  );
  return opened;
}

async function addNote(who: TestUser, onCase: string, body = 'Seal replaced'): Promise<string> {
  return expectData(
    await t.gql<{ addFaultNote: { id: string } }>(
      'mutation ($id: ID!, $b: String!) { addFaultNote(faultCaseId: $id, body: $b) { id } }',
      { id: onCase, b: body },
      { token: who.token },
    ),
  ).addFaultNote.id;
}

interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; details?: Record<string, unknown> } };
  headers: Headers;
}

interface FilePart {
  data: Buffer;
  type?: string;
  name?: string;
  field?: string;
}

async function upload(
  onCase: string,
  file: FilePart | null,
  options: { token?: string; noteId?: string; fields?: Record<string, string> } = {},
): Promise<Answer> {
  const { body, contentType } = multipartBody(file, {
    ...(options.noteId ? { noteId: options.noteId } : {}),
    ...options.fields,
  });
  const token = 'token' in options ? options.token : team.technician.token;
  const res = await fetch(`${t.url}/api/faults/${onCase}/attachments/`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as Answer['json']) : {},
    headers: res.headers,
  };
}

async function download(path: string, token = team.manager.token, headers = {}) {
  const res = await fetch(`${t.url}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
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

/** What an upload could leave behind: rows, events, stored files, received files. */
async function leftovers() {
  const { storageDir } = t.config.attachments;
  const em = t.em();
  return {
    rows: await em.count(FaultAttachment, {}),
    events: await em.count(MachineEvent, { type: MachineEventType.FAULT_ATTACHMENT_ADDED }),
    objects: filesUnder(join(storageDir, 'objects')).length,
    incoming: filesUnder(join(storageDir, 'incoming')).length,
  };
}

const code = (a: Answer) => a.json.error?.code;

describe('a photo from the phone', () => {
  it('is re-encoded, stored and described (JPEG, PNG, WebP)', async () => {
    for (const [format, type] of [
      ['jpeg', 'image/jpeg'],
      ['png', 'image/png'],
      ['webp', 'image/webp'],
    ] as const) {
      const before = await leftovers();
      const res = await upload(caseId, { data: await photo(format), type, name: `p.${format}` });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      expect(res.json).toMatchObject({
        faultCaseId: caseId,
        noteId: null,
        contentType: type,
        width: 640,
        height: 480,
      });
      const id = res.json.id as string;
      expect(res.json.url).toBe(`/api/attachments/${id}`);
      expect(res.json.thumbnailUrl).toBe(`/api/attachments/${id}/thumbnail`);
      expect(res.headers.get('location')).toBe(`/api/attachments/${id}`);
      expect(await leftovers()).toEqual({
        rows: before.rows + 1,
        events: before.events + 1,
        objects: before.objects + 2,
        incoming: 0,
      });

      const image = await download(res.json.url as string);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe(type);
      expect(image.bytes.length).toBe(res.json.size);
      expect((await sharp(image.bytes).metadata()).format).toBe(format);

      const thumb = await download(res.json.thumbnailUrl as string);
      expect(thumb.headers.get('content-type')).toBe('image/webp');
      const meta = await sharp(thumb.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 240]);
    }
  });

  it('loses its EXIF and GPS position, and stands upright', async () => {
    const original = await jpegWithGps(64, 48);
    const meta = await sharp(original).metadata();
    expect(exifHasGps(meta.exif)).toBe(true); // the test's photo really carries a position
    expect(meta.orientation).toBe(6);

    const res = await upload(caseId, { data: original });
    expect(res.status).toBe(201);
    // Orientation 6 is a quarter turn: the stored copy is that turn, in its pixels.
    expect([res.json.width, res.json.height]).toEqual([48, 64]);
    for (const path of [res.json.url, res.json.thumbnailUrl] as string[]) {
      const stored = await download(path);
      const storedMeta = await sharp(stored.bytes).metadata();
      expect(storedMeta.exif).toBeUndefined();
      expect(storedMeta.xmp).toBeUndefined();
      expect(storedMeta.iptc).toBeUndefined();
      expect(storedMeta.orientation).toBeUndefined();
      expect(stored.bytes.includes('PhoneMaker')).toBe(false);
    }
  });

  it('is stored under a random name, never the one the client sent', async () => {
    const res = await upload(caseId, {
      data: await photo('jpeg', 32, 32),
      name: '../../../etc/passwd.jpg',
    });
    expect(res.status).toBe(201);
    const row = await t.em().findOneOrFail(FaultAttachment, { id: res.json.id as string });
    expect(row.storageKey).toMatch(/^[0-9a-f]{32}$/);
    expect(row.thumbnailKey).toMatch(/^[0-9a-f]{32}$/);
    const files = filesUnder(join(t.config.attachments.storageDir, 'objects'));
    expect(files.some((p) => p.endsWith(row.storageKey))).toBe(true);
    expect(files.every((p) => /\/objects\/[0-9a-f]{2}\/[0-9a-f]{32}$/.test(p))).toBe(true);
  });

  it('goes under a note of the writer, and the case hears of it', async () => {
    const noteId = await addNote(team.repair, caseId);
    const res = await upload(
      caseId,
      { data: await photo('jpeg', 40, 30) },
      { token: team.repair.token, noteId },
    );
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.noteId).toBe(noteId);
    const event = await t
      .em()
      .findOneOrFail(
        MachineEvent,
        { type: MachineEventType.FAULT_ATTACHMENT_ADDED, faultCase: caseId },
        { orderBy: { id: 'desc' } },
      );
    expect(event.data).toEqual({
      attachmentId: res.json.id,
      noteId,
      contentType: 'image/jpeg',
    });
  });
});

describe('bad uploads: refused with the right status, nothing stored', () => {
  const cases: [
    label: string,
    file: () => Promise<FilePart> | FilePart,
    status: number,
    code: string,
    detected?: string,
  ][] = [
    [
      'a shell script renamed .jpg',
      () => ({ data: Buffer.from(SCRIPT), name: 'cat.jpg' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'text/x-shellscript',
    ],
    [
      'an SVG with a script',
      () => ({ data: Buffer.from(SVG), type: 'image/svg+xml', name: 'x.svg' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'image/svg+xml',
    ],
    [
      'an SVG declared as image/png',
      () => ({ data: Buffer.from(SVG), type: 'image/png', name: 'x.png' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'image/svg+xml',
    ],
    [
      'an HTML page',
      () => ({ data: Buffer.from(HTML), type: 'text/html', name: 'x.html' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'text/html',
    ],
    [
      'an HTML page declared as image/jpeg',
      () => ({ data: Buffer.from(`\n\n  ${HTML}`), name: 'x.jpg' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'text/html',
    ],
    [
      'JPEG magic bytes followed by HTML',
      () => ({ data: jpegHeaderThenHtml() }),
      422,
      'IMAGE_UNREADABLE',
    ],
    ['zero bytes', () => ({ data: Buffer.alloc(0) }), 400, 'BAD_USER_INPUT'],
    ['a truncated JPEG', async () => ({ data: await truncatedJpeg() }), 422, 'IMAGE_UNREADABLE'],
    [
      'a 20000×20000 PNG bomb',
      () => ({ data: pngBomb(20_000), type: 'image/png', name: 'b.png' }),
      422,
      'IMAGE_TOO_MANY_PIXELS',
    ],
    [
      'a JPEG declaring 20000×20000',
      async () => ({ data: await jpegBomb(20_000) }),
      422,
      'IMAGE_TOO_MANY_PIXELS',
    ],
    [
      'a HEIC photo',
      () => ({ data: heicHeader(), type: 'image/heic', name: 'IMG_0001.HEIC' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'image/heic',
    ],
    [
      'a GIF',
      async () => ({
        data: await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
          .gif()
          .toBuffer(),
        type: 'image/gif',
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'image/gif',
    ],
    [
      'five bytes',
      () => ({ data: Buffer.from('hello') }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'application/octet-stream',
    ],
  ];

  it.each(cases)('%s → %i %s', async (_label, make, status, expected, detected) => {
    const before = await leftovers();
    const res = await upload(caseId, await make());
    expect([res.status, code(res)], JSON.stringify(res.json)).toEqual([status, expected]);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    if (detected) expect(res.json.error?.details).toMatchObject({ field: 'file', detected });
    if (expected === 'IMAGE_TOO_MANY_PIXELS')
      expect(res.json.error?.details).toMatchObject({
        maxPixels: MAX_PIXELS,
        width: 20_000,
        height: 20_000,
      });
    if (status === 400) expect(res.json.error?.details).toMatchObject({ reason: 'EMPTY_FILE' });
    expect(await leftovers()).toEqual(before);
  });

  it('a real JPEG that is also an HTML page is accepted, and what is stored has no HTML', async () => {
    const polyglot = await jpegHtmlPolyglot();
    expect(polyglot.includes('<script>')).toBe(true);
    const res = await upload(caseId, { data: polyglot, type: 'text/html', name: 'x.html' });
    expect(res.status).toBe(201);
    for (const path of [res.json.url, res.json.thumbnailUrl] as string[]) {
      const stored = await download(path);
      expect(stored.bytes.includes('<script')).toBe(false);
      expect(stored.bytes.includes('<html')).toBe(false);
      expect(stored.headers.get('content-type')).toMatch(/^image\//);
      expect(stored.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('oversize: 413 while the client is still sending, before the body is read', async () => {
    const before = await leftovers();
    const total = 6 * MAX_FILE;
    const res = await slowUpload(`${t.url}/api/faults/${caseId}/attachments/`, {
      token: team.technician.token,
      totalBytes: total,
      chunkBytes: 32 * 1024,
      delayMs: 5,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: MAX_FILE } },
    });
    // Answered right after the limit, not after the 6 MiB: the client was still sending.
    expect(res.sentWhenAnswered).toBeLessThan(MAX_FILE + 512 * 1024);
    expect(res.sentWhenAnswered).toBeLessThan(total);
    expect(await leftovers()).toEqual(before);
  });

  it('oversize by Content-Length: 413 before a byte of the body is read', async () => {
    const before = await leftovers();
    const res = await slowUpload(`${t.url}/api/faults/${caseId}/attachments/`, {
      token: team.technician.token,
      totalBytes: 50 * MAX_FILE,
      declareLength: 50 * MAX_FILE,
      delayMs: 50,
    });
    expect(res.status).toBe(413);
    expect(res.sentWhenAnswered).toBeLessThan(256 * 1024);
    expect(await leftovers()).toEqual(before);
  });

  it('refuses other shapes of request: not multipart, no file, two files, another field', async () => {
    const before = await leftovers();
    const json = await fetch(`${t.url}/api/faults/${caseId}/attachments/`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${team.technician.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ file: 'aGVsbG8=' }),
    });
    expect(json.status).toBe(415);
    expect(((await json.json()) as Answer['json']).error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const none = await upload(caseId, null, { fields: { noteId: '' } });
    expect([none.status, code(none)]).toEqual([400, 'BAD_USER_INPUT']);
    expect(none.json.error?.details).toMatchObject({ field: 'file' });

    const elsewhere = await upload(caseId, { data: await photo('jpeg', 8, 8), field: 'photo' });
    expect([elsewhere.status, code(elsewhere)]).toEqual([400, 'BAD_USER_INPUT']);

    const jpeg = await photo('jpeg', 8, 8);
    const boundary = 'twofiles';
    const part = (name: string) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        jpeg,
        Buffer.from('\r\n'),
      ]);
    const two = await fetch(`${t.url}/api/faults/${caseId}/attachments/`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${team.technician.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body: Buffer.concat([part('a.jpg'), part('b.jpg'), Buffer.from(`--${boundary}--\r\n`)]),
    });
    expect(two.status).toBe(400);

    const broken = await fetch(`${t.url}/api/faults/${caseId}/attachments/`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${team.technician.token}`,
        'content-type': 'multipart/form-data',
      },
      body: 'no boundary',
    });
    expect(broken.status).toBe(400);
    expect(await leftovers()).toEqual(before);
  });

  it('refuses a noteId that is not the writer’s note of this case', async () => {
    const before = await leftovers();
    const othersNote = await addNote(team.manager, caseId, 'Manager was here');
    const foreignNote = await addNote(otherRepair, foreignCaseId, 'Other case');
    for (const [noteId, reason] of [
      [othersNote, 'NOT_YOUR_NOTE'],
      [foreignNote, 'UNKNOWN_NOTE'],
      ['not-a-uuid', undefined],
    ] as const) {
      const res = await upload(caseId, { data: await photo('jpeg', 8, 8) }, { noteId });
      expect([res.status, code(res)]).toEqual([400, 'BAD_USER_INPUT']);
      expect(res.json.error?.details).toMatchObject({
        field: 'noteId',
        ...(reason ? { reason } : {}),
      });
    }
    expect(await leftovers()).toEqual({ ...before, events: before.events });
  });
});

describe('who may upload: who may add a note', () => {
  it('managers, technicians and the assigned repair worker may', async () => {
    for (const who of [team.manager, team.technician, team.repair]) {
      const res = await upload(caseId, { data: await photo('webp', 16, 16) }, { token: who.token });
      expect(res.status, who.user.role).toBe(201);
    }
  });

  it('anonymous, a bad token, API clients, display links, other repair staff and unknown cases may not', async () => {
    const sensor = await createApiClient(t, team.manager.token, ['MACHINES_READ', 'FAULTS_WRITE']);
    const display = expectData(
      await t.gql<{ createDisplayLink: { token: string } }>(
        'mutation ($b: [ID!]!) { createDisplayLink(input: { name: "Hall TV", buildingIds: $b, chime: false }) { token } }',
        { b: [(await f.building()).id] },
        { token: team.manager.token },
      ),
    ).createDisplayLink.token;
    const before = await leftovers();
    const jpeg = await photo('jpeg', 16, 16);
    const refusals: [string, string, string | undefined, number, string][] = [
      ['anonymous', caseId, undefined, 401, 'UNAUTHENTICATED'],
      ['a bad token', caseId, 'not-a-token', 401, 'UNAUTHENTICATED'],
      ['an API client', caseId, sensor.token, 403, 'FORBIDDEN'],
      ['a display link', caseId, display, 403, 'FORBIDDEN'],
      ['another repair worker (foreign case)', caseId, otherRepair.token, 403, 'FORBIDDEN'],
      [
        'the repair worker on a case not theirs',
        foreignCaseId,
        team.repair.token,
        403,
        'FORBIDDEN',
      ],
      ['an unknown case', crypto.randomUUID(), team.manager.token, 404, 'NOT_FOUND'],
      ['a malformed case id', 'PRS-07', team.manager.token, 404, 'NOT_FOUND'],
    ];
    for (const [label, onCase, token, status, expected] of refusals) {
      const res = await upload(onCase, { data: jpeg }, { token });
      expect([res.status, code(res)], label).toEqual([status, expected]);
    }
    expect(await leftovers()).toEqual(before);
  });

  it('refuses before reading the file: a large upload by a stranger is answered at once', async () => {
    const res = await slowUpload(`${t.url}/api/faults/${caseId}/attachments/`, {
      token: otherRepair.token,
      totalBytes: MAX_FILE / 2,
      chunkBytes: 16 * 1024,
      delayMs: 20,
    });
    expect(res.status).toBe(403);
    expect(res.sentWhenAnswered).toBeLessThan(MAX_FILE / 4);
  });
});

describe('serving a photo', () => {
  let url: string;
  let thumbnailUrl: string;
  let id: string;

  beforeAll(async () => {
    const res = await upload(caseId, { data: await photo('jpeg', 100, 80) });
    expect(res.status).toBe(201);
    ({ url, thumbnailUrl, id } = res.json as { url: string; thumbnailUrl: string; id: string });
  });

  it('sends the server’s type, nosniff, an inline safe name, private caching and an ETag', async () => {
    const res = await download(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="photo-${id.slice(0, 8)}.jpg"`,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    const thumb = await download(thumbnailUrl);
    expect(thumb.headers.get('content-disposition')).toBe(
      `inline; filename="photo-${id.slice(0, 8)}-thumbnail.webp"`,
    );
    expect(thumb.headers.get('etag')).not.toBe(res.headers.get('etag'));
  });

  it('answers 304 to a matching If-None-Match, and the image to another', async () => {
    const first = await download(url);
    const etag = first.headers.get('etag')!;
    const again = await download(url, team.manager.token, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    expect(again.headers.get('etag')).toBe(etag);
    const weakList = await download(url, team.technician.token, {
      'if-none-match': `"nope", W/${etag}`,
    });
    expect(weakList.status).toBe(304);
    const stale = await download(url, team.manager.token, { 'if-none-match': '"0000"' });
    expect(stale.status).toBe(200);
    expect(stale.bytes.equals(first.bytes)).toBe(true);
  });

  it('follows the case’s read rules: a repair worker not on the case gets 403, even with the ETag', async () => {
    const etag = (await download(url)).headers.get('etag')!;
    for (const path of [url, thumbnailUrl]) {
      expect((await download(path, team.repair.token)).status).toBe(200);
      const denied = await download(path, otherRepair.token);
      expect(denied.status).toBe(403);
      expect(denied.headers.get('content-type')).toMatch(/application\/json/);
      expect((await download(path, otherRepair.token, { 'if-none-match': etag })).status).toBe(403);
      expect((await download(path, '')).status).toBe(401);
    }
    const sensor = await createApiClient(t, team.manager.token, ['MACHINES_READ', 'FAULTS_WRITE']);
    expect((await download(url, sensor.token)).status).toBe(403);
    expect((await download(`/api/attachments/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await download('/api/attachments/../../etc/passwd')).status).toBe(404);
    expect((await download(`/api/attachments/${id}/original`)).status).toBe(404);
  });

  it('stops serving the repair worker once the case is reassigned', async () => {
    const mine = await openCase(team.repair);
    const res = await upload(
      mine,
      { data: await photo('png', 10, 10) },
      { token: team.repair.token },
    );
    expect(res.status).toBe(201);
    expect((await download(res.json.url as string, team.repair.token)).status).toBe(200);
    expectData(
      await t.gql(
        'mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }',
        { id: mine, a: otherRepair.user.id },
        { token: team.manager.token },
      ),
    );
    expect((await download(res.json.url as string, team.repair.token)).status).toBe(403);
    expect((await download(res.json.url as string, otherRepair.token)).status).toBe(200);
  });

  it('answers other methods with 405', async () => {
    const res = await fetch(`${t.url}${url}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${team.manager.token}` },
    });
    expect(res.status).toBe(405);
  });
});

describe('GraphQL: FaultNote.attachments and FaultCase.attachments', () => {
  const QUERY = `query ($id: ID!) { faultCase(id: $id) {
    notes { id attachments { id contentType size width height url thumbnailUrl createdAt uploadedBy { id } } }
    attachments { id noteId }
  } }`;
  type Result = {
    faultCase: {
      notes: { id: string; attachments: Record<string, unknown>[] | null }[] | null;
      attachments: { id: string; noteId: string | null }[] | null;
    };
  };

  it('gives each note its photos and the case all of them, in one query for the whole page', async () => {
    const fresh = await openCase(team.repair);
    const notes: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const noteId = await addNote(team.repair, fresh, `Note ${i}`);
      notes.push(noteId);
      for (let j = 0; j <= i; j++) {
        const res = await upload(
          fresh,
          { data: await photo('jpeg', 30 + j, 20) },
          {
            token: team.repair.token,
            noteId,
          },
        );
        ids.push(res.json.id as string);
      }
    }
    const loose = await upload(
      fresh,
      { data: await photo('png', 12, 12) },
      { token: team.repair.token },
    );

    sqlLog.length = 0;
    const data = expectData(
      await t.gql<Result>(QUERY, { id: fresh }, { token: team.repair.token }),
    );
    const attachmentQueries = sqlLog.filter((sql) => /from\s+"?fault_attachments/i.test(sql));
    expect(attachmentQueries).toHaveLength(2); // one for every note, one for the case: no N+1

    expect(data.faultCase.notes!.map((n) => n.attachments!.length)).toEqual([1, 2, 3]);
    const first = data.faultCase.notes![0]!.attachments![0]!;
    expect(first).toMatchObject({
      id: ids[0],
      contentType: 'image/jpeg',
      width: 30,
      height: 20,
      url: `/api/attachments/${ids[0]}`,
      thumbnailUrl: `/api/attachments/${ids[0]}/thumbnail`,
      uploadedBy: { id: team.repair.user.id },
    });
    expect(typeof first.size).toBe('number');
    expect(data.faultCase.attachments!.map((a) => a.id)).toEqual([...ids, loose.json.id]);
    // Each photo says its note (the case page's one cheap read), the loose one none.
    expect(data.faultCase.attachments!.map((a) => a.noteId)).toEqual([
      notes[0],
      notes[1],
      notes[1],
      notes[2],
      notes[2],
      notes[2],
      null,
    ]);
  });

  it('keeps them from those who may not read the notes', async () => {
    const res = await t.gql<Result>(QUERY, { id: caseId }, { token: otherRepair.token });
    expect(errorCode(res as GqlResult<unknown>)).toBe('FORBIDDEN');
    const sensor = await createApiClient(t, team.manager.token, ['MACHINES_READ', 'FAULTS_WRITE']);
    const bySensor = await t.gql<Result>(
      'query ($id: ID!) { faultCase(id: $id) { attachments { id } } }',
      { id: caseId },
      { token: sensor.token },
    );
    expect(errorCode(bySensor as GqlResult<unknown>)).toBe('FORBIDDEN');
    // On the board the case's board fields stand; its photos are a FORBIDDEN cell, no data.
    const machineId = expectData(
      await t.gql<{ faultCase: { machine: { id: string } } }>(
        'query ($id: ID!) { faultCase(id: $id) { machine { id } } }',
        { id: caseId },
        { token: team.manager.token },
      ),
    ).faultCase.machine.id;
    const board = await t.gql<{
      machine: { unresolvedFaultCases: { status: string; attachments: unknown }[] };
    }>(
      'query ($id: ID!) { machine(id: $id) { unresolvedFaultCases { status attachments { id } } } }',
      { id: machineId },
      { token: otherRepair.token },
    );
    expect(board.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['FORBIDDEN', 'machine.unresolvedFaultCases.0.attachments'],
    ]);
    expect(board.data?.machine.unresolvedFaultCases).toEqual([
      { status: 'OPEN', attachments: null },
    ]);
  });
});

describe('live: the case hears of a new photo', () => {
  it('faultCaseChanged brings the case with its photos; the event log names the photo to readers of the case only', async () => {
    const live = await openCase(team.repair);
    const managerSocket = connectSocket(t.url, team.manager.token);
    const strangerSocket = connectSocket(t.url, otherRepair.token);
    const changes = managerSocket.subscribe<{
      faultCaseChanged: { id: string; notes: { attachments: { id: string }[] | null }[] };
    }>('subscription { faultCaseChanged { id notes { attachments { id } } } }');
    const strangerEvents = strangerSocket.subscribe<{
      machineEvents: { type: string; data: Record<string, unknown> };
    }>('subscription { machineEvents { type data } }');
    await new Promise((r) => setTimeout(r, 300));

    const noteId = await addNote(team.repair, live, 'Two photos follow');
    const res = await upload(
      live,
      { data: await photo('jpeg', 20, 20) },
      {
        token: team.repair.token,
        noteId,
      },
    );
    expect(res.status).toBe(201);
    const seen = await changes.waitFor(2);
    // First the note (no photos yet), then the photo under it.
    expect(seen.map((c) => c.faultCaseChanged.notes.at(-1)?.attachments?.map((a) => a.id))).toEqual(
      [[], [res.json.id]],
    );
    const events = await strangerEvents.waitFor(2);
    const added = events.find((e) => e.machineEvents.type === 'FAULT_ATTACHMENT_ADDED')!;
    // Someone else's case on the board: the board keys only, no photo id to ask for.
    expect(added.machineEvents.data).toEqual({ noteId });
    await managerSocket.dispose();
    await strangerSocket.dispose();
  });
});
