import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { type Role, roles } from '@hangbiao/shared/glossary';
import { eq } from 'drizzle-orm';
import { buildApp, defaultWebDir } from './app';
import { type Config, ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { disableDemoLogins, prepareDemo, resolveDemo } from './db/demo';
import { orgs, orgVersions, roleAssignments, users } from './db/schema';
import { fullDues, fullMeetings, seed } from './db/seed';
import { indicatorJobs } from './modules/indicators/indicators.jobs';
import { noticeJobs } from './modules/notices/notices.jobs';
import { audit, verifyAudit } from './platform/audit';
import { hashPassword } from './platform/auth';
import { systemCtx } from './platform/context';
import { newId } from './platform/ids';
import { startScheduler } from './platform/jobs';
import { sealerFor, sessionSecret } from './platform/secrets';

const usage = `Usage: hangbiao <command>
  start                         migrate, seed the demo when in demo mode, serve web app and API
  migrate                       apply database migrations
  seed --size demo|city|province  load generated data into an empty database
  committee create --name NAME  create the root working committee of a new install
  user create --username U --name N --role ROLE --org ORG_ID
                                create a user (password generated and printed once, changed at first login)
  audit verify                  recompute the audit hash chain`;

function open(config: Config) {
  return openDatabase({ url: config.DATABASE_URL, readUrl: config.DATABASE_READ_URL, dataDir: join(config.DATA_DIR, 'db') });
}

async function start(config: Config) {
  const database = await open(config);
  await database.migrate();
  const demo = await resolveDemo(database, config.HANGBIAO_DEMO);
  const demoLogins = demo ? await prepareDemo(database, config) : await disableDemoLogins(database, config);
  const app = await buildApp({ config, database, sessionSecret: sessionSecret(config), demo, webDir: defaultWebDir });
  // Reminders, chat deliveries and the dues rollup's new year; every node polls, the job leases keep each run to one node.
  const scheduler = startScheduler(database, config, [...noticeJobs, ...indicatorJobs], {
    onError: (error, job) => app.log.error({ err: error, job }, 'scheduled job failed'),
  });
  const close = async () => {
    await scheduler.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const lines = [``, `航标 Hangbiao is running (${database.kind}) at http://localhost:${port}/`, `API documentation: http://localhost:${port}/api/docs`];
  if (demoLogins) {
    lines.push(`Demo logins (password: ${demoLogins.password}):`);
    for (const l of demoLogins.logins) lines.push(`  ${l.username.padEnd(11)} ${roles.label(l.role)} / ${roles.label(l.role, 'en')}`);
  }
  console.log(lines.join('\n'));
}

async function withDatabase(config: Config, fn: (database: Awaited<ReturnType<typeof open>>) => Promise<void>) {
  const database = await open(config);
  try {
    await database.migrate();
    await fn(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { size: { type: 'string' }, name: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' } },
  });
  const command = positionals.join(' ');
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate':
      return withDatabase(config, async () => console.log('Migrations applied.'));
    case 'seed': {
      const size = values.size ?? 'demo';
      if (size !== 'demo' && size !== 'city' && size !== 'province') throw new ConfigError('--size must be demo, city or province');
      return withDatabase(config, async (database) => {
        const result = await seed(database.db, sealerFor(config), { size, meetings: fullMeetings(size), dues: fullDues(size) });
        console.log(`Seeded ${size}: committee ${result.committeeId}`);
      });
    }
    case 'committee create':
      return withDatabase(config, async (database) => {
        if (!values.name) throw new ConfigError('--name is required');
        const id = newId();
        const today = shanghaiDate(new Date());
        await database.db.transaction(async (tx) => {
          await tx
            .insert(orgs)
            .values({ id, committeeId: id, parentId: null, path: `/${id}/`, depth: 0, kind: 'committee', name: values.name as string, establishedOn: today });
          await tx
            .insert(orgVersions)
            .values({ id: newId(), committeeId: id, orgId: id, parentId: null, name: values.name as string, kind: 'committee', validFrom: today });
          await audit(systemCtx(tx, config), {
            action: 'org.create',
            entityType: 'org',
            entityId: id,
            orgId: id,
            orgPath: `/${id}/`,
            committeeId: id,
            summary: { after: { name: values.name, kind: 'committee' }, via: 'cli' },
          });
        });
        console.log(`Committee created: ${id}`);
      });
    case 'user create':
      return withDatabase(config, async (database) => {
        const role = values.role as Role;
        if (!values.username || !values.name || !values.org || !roles.keys.includes(role)) {
          throw new ConfigError(`--username, --name, --org and --role (${roles.keys.join('|')}) are required`);
        }
        const [org] = await database.db.select().from(orgs).where(eq(orgs.id, values.org));
        if (!org || org.deletedAt) throw new ConfigError(`No org with id ${values.org}`);
        const password = randomBytes(12).toString('base64url');
        const id = newId();
        await database.db.transaction(async (tx) => {
          await tx.insert(users).values({
            id,
            committeeId: org.committeeId,
            username: values.username as string,
            displayName: values.name as string,
            passwordHash: await hashPassword(password),
            mustChangePassword: true,
          });
          await tx.insert(roleAssignments).values({ id: newId(), committeeId: org.committeeId, userId: id, role, orgId: org.id });
          await audit(systemCtx(tx, config), {
            action: 'user.create',
            entityType: 'user',
            entityId: id,
            committeeId: org.committeeId,
            summary: { after: { username: values.username, role, orgId: org.id }, via: 'cli' },
          });
        });
        console.log(`User ${values.username} created with a one-time password: ${password}\nIt must be changed at first login.`);
      });
    case 'audit verify':
      return withDatabase(config, async (database) => {
        const result = await verifyAudit(database.db);
        console.log(
          result.ok
            ? `Audit chain intact: ${result.checked} rows checked.`
            : `Audit chain BROKEN at row ${result.firstBrokenSeq} (${result.checked} rows intact before it).`,
        );
        if (!result.ok) process.exitCode = 1;
      });
    default:
      console.error(usage);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
