import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export interface EmbeddedPostgres {
  /** A postgres:// URL on a loopback port, for the ordinary PostgreSQL driver. */
  url: string;
  close(): Promise<void>;
}

/** The socket server multiplexes connections but lets one transaction run at a time. */
const EMBEDDED_MAX_CONNECTIONS = 64;

/**
 * Starts PostgreSQL in-process (PGlite) and serves it on a loopback port, so the same
 * MikroORM PostgreSQL driver is used as in production. `dataDir` undefined = in memory.
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
): Promise<EmbeddedPostgres> {
  let dir: string | undefined;
  if (dataDir) {
    dir = resolve(dataDir, 'pg');
    mkdirSync(dir, { recursive: true });
  }
  const db = await PGlite.create(dir ? { dataDir: dir } : {});
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
  });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
