import { ConfigError, loadConfig } from './config/config.js';
import { createServer } from './server.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Until the server is up there is nothing to drain: a stop while it waits for its database
  // ends it at once (as PID 1 in a container, Node would otherwise ignore SIGTERM).
  const quitWhileStarting = (signal: NodeJS.Signals) => {
    process.stderr.write(`${signal} while starting: exiting\n`);
    process.exit(0);
  };
  process.once('SIGTERM', quitWhileStarting);
  process.once('SIGINT', quitWhileStarting);
  const server = await createServer(config);
  process.off('SIGTERM', quitWhileStarting);
  process.off('SIGINT', quitWhileStarting);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Shopfloor failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
