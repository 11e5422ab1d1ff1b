import { createReadStream } from 'node:fs';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/client';
import { importMembers } from '../src/modules/members/members-import.service';
import type { Actor } from '../src/platform/context';

/**
 * Commits one member import against a PostgreSQL database, in a process of its own, for the test that kills the
 * process while rows are being inserted. Arguments: database URL, encryption key, the actor as JSON, the .xlsx path.
 */
const [url, encryptionKey, actor, file] = process.argv.slice(2);
if (!url || !encryptionKey || !actor || !file) throw new Error('usage: members-import-child <url> <key> <actor json> <file>');
const database = await openDatabase({ url, dataDir: '' });
const config = loadConfig({ ENCRYPTION_KEY: encryptionKey, LOG_LEVEL: 'silent' });
await importMembers({ db: database.db, read: database.db, actor: JSON.parse(actor) as Actor, now: new Date(), ip: null, config }, createReadStream(file), {
  layout: 'registry',
  commit: true,
});
await database.close();
