import { generate } from '@hangbiao/datagen/generate';
import { memberBatches } from '@hangbiao/datagen/members';
import { openDatabase } from './client';
import { seed } from './seed';

const which = process.argv[2];
if (which === 'gen') {
  let t = performance.now();
  const d = generate({ size: 'province', members: false });
  console.log(
    'generate(province, members:false)',
    (performance.now() - t).toFixed(0),
    'ms',
    d.orgs.length,
    'orgs',
    d.orgPosts.length,
    'posts',
    'heap',
    (process.memoryUsage().heapUsed / 1e6).toFixed(0),
    'MB',
  );
  t = performance.now();
  const p = generate({ size: 'province' });
  let n = 0;
  let peak = 0;
  for (const b of memberBatches(p)) {
    n += b.length;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  console.log('generate(province)+stream members', (performance.now() - t).toFixed(0), 'ms', n, 'members', 'peak heap', (peak / 1e6).toFixed(0), 'MB');
} else {
  const size = (process.argv[3] ?? 'city') as 'city' | 'province';
  const database = which === 'pg' ? await openDatabase({ url: process.env.URL, dataDir: '' }) : await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const t = performance.now();
  const r = await seed(database.db, { size, seed: 1 });
  console.log(
    `seed(${size}) on ${which}`,
    ((performance.now() - t) / 1000).toFixed(2),
    's',
    r.counts,
    'rss',
    (process.memoryUsage().rss / 1e6).toFixed(0),
    'MB',
  );
  await database.close();
}
