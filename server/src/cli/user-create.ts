import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AppError } from '../common/app-error.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { openDatabase } from '../db/database.js';
import { InProcessEventBus } from '../events/event-bus.js';
import { ALL_ROLES, type Role } from '../modules/users/user.role.js';
import { UserService } from '../modules/users/user.service.js';

const USAGE = `Usage: npm run user:create -- --role MANAGER|TECHNICIAN|REPAIR --email EMAIL --name NAME [--password PASSWORD]

The password is taken from --password, else from the USER_PASSWORD environment variable,
else read from standard input (prompted without echo on a terminal). Prefer the latter two:
a --password argument is visible to other users in the process list.`;

class UsageError extends Error {}

async function main(): Promise<number> {
  let values: { role?: string; email?: string; name?: string; password?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const missing = (['role', 'email', 'name'] as const).filter((k) => !values[k]);
  if (missing.length > 0)
    throw new UsageError(`Missing ${missing.map((k) => `--${k}`).join(', ')}`);
  const role = values.role!.toUpperCase();
  if (!(ALL_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${ALL_ROLES.join(', ')} (got "${values.role}")`);
  }
  const password = values.password ?? process.env.USER_PASSWORD ?? (await readPassword());
  if (!password) throw new UsageError('No password given');

  const config = loadConfig();
  // The CLI's own output is the result line; keep the library chatter to warnings.
  const logger = createLogger({ logLevel: process.env.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase(config, logger);
  try {
    // Creating a user announces nothing; the bus only satisfies the service's context.
    const bus = new InProcessEventBus();
    const user = await new UserService({ em: database.orm.em.fork(), logger, bus }).create(null, {
      email: values.email!,
      name: values.name!,
      role: role as Role,
      password,
    });
    process.stdout.write(`Created ${user.role} ${user.name} <${user.email}> (id ${user.id})\n`);
    return 0;
  } finally {
    await database.close();
  }
}

/** One line from stdin; on a terminal the typed characters are not echoed. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) process.stderr.write('Password: ');
  const rl = createInterface({
    input,
    output: input.isTTY ? process.stderr : undefined,
    terminal: input.isTTY,
  });
  if (input.isTTY) {
    // Swallow the echo of what is typed; the prompt above was already written.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  try {
    const line = await new Promise<string>((resolve) => {
      let done = false;
      rl.once('line', (l) => {
        done = true;
        resolve(l);
      });
      rl.once('close', () => {
        if (!done) resolve('');
      });
    });
    if (input.isTTY) process.stderr.write('\n');
    // Only the line ending is removed: passwords are taken exactly as typed.
    return line.replace(/\r$/, '');
  } finally {
    rl.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (error instanceof AppError) {
      process.stderr.write(`Not created (${error.code}): ${error.message}\n`);
      process.exitCode = 1;
    } else if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`Failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
