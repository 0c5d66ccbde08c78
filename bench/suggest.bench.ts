import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { createCrmStore } from '../server/src/crm/crm-store';
import type { Viewer } from '../server/src/crm/viewer';
import type { Database } from '../server/src/db/database';
import { migrate } from '../server/src/db/migrate';
import { openDatabase } from '../server/src/db/open-database';
import { quoteIdentifier } from '../server/src/db/postgres-database';

const PG_URL = process.env.TANDEM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_CONTACTS = 1_000_000;
const PGLITE_CONTACTS = 100_000;
const CONTACTS_PER_COMPANY = 10;
const CALLS = 200;
const ADDRESSES_PER_CALL = 50;

/**
 * Bulk load in SQL (generate_series), ids derived from md5 so rows can refer to each
 * other without a round trip: n contacts with one address each (every tenth a second),
 * n/10 companies with one domain each (one in twenty restricted), an open and a won
 * project and an open offer per company.
 */
export async function loadData(db: Database, contacts: number): Promise<void> {
  const companies = contacts / CONTACTS_PER_COMPANY;
  const steps = [
    `INSERT INTO crm_companies (id, name, number, status, restricted)
       SELECT md5('co' || n)::uuid, 'Company ' || n, 'K-' || n, 'active', n % 20 = 0 FROM generate_series(1, ${companies}) n`,
    `INSERT INTO crm_company_domains (company_id, domain, position) SELECT md5('co' || n)::uuid, 'c' || n || '.example', 1 FROM generate_series(1, ${companies}) n`,
    `INSERT INTO crm_contacts (id, company_id, first_name, last_name)
       SELECT md5('ct' || i)::uuid, md5('co' || (1 + i % ${companies}))::uuid, 'F' || (i % 1000), 'L' || i FROM generate_series(1, ${contacts}) i`,
    `INSERT INTO crm_contact_emails (contact_id, address, position)
       SELECT md5('ct' || i)::uuid, 'p' || i || '@c' || (1 + i % ${companies}) || '.example', 1 FROM generate_series(1, ${contacts}) i`,
    `INSERT INTO crm_contact_emails (contact_id, address, position)
       SELECT md5('ct' || i)::uuid, 'private' || i || '@gmail.com', 2 FROM generate_series(10, ${contacts}, 10) i`,
    `INSERT INTO crm_projects (id, company_id, title, status)
       SELECT md5('pr' || n || s)::uuid, md5('co' || n)::uuid, 'Project ' || n || s, s FROM generate_series(1, ${companies}) n, unnest(ARRAY['open', 'won']) s`,
    `INSERT INTO crm_offers (id, company_id, title, status, amount, currency)
       SELECT md5('of' || n)::uuid, md5('co' || n)::uuid, 'Offer ' || n, 'open', 1000, 'EUR' FROM generate_series(1, ${companies}) n`,
  ];
  // Building indexes once after the load is far faster than maintaining them row by row;
  // replica mode skips the per-row foreign-key triggers (the ids are consistent by construction).
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ name: string; def: string }>(
      "SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'crm_%' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'",
    );
    await tx.exec('SET LOCAL session_replication_role = replica');
    for (const index of rows) await tx.exec(`DROP INDEX ${index.name}`);
    for (const sql of steps) await tx.exec(sql);
    // Trigram indexes serve search only; building them on a million names would take most of the time budget.
    for (const index of rows.filter((i) => !i.name.endsWith('_trgm_ix'))) await tx.exec(index.def);
  });
  await db.exec('ANALYZE');
}

/** 50 addresses like a busy thread's: 30 known contacts, 10 strangers at known domains, 10 unknown or free-mail. */
export function addressBatch(contacts: number, call: number): string[] {
  const companies = contacts / CONTACTS_PER_COMPANY;
  const pick = (k: number) => 1 + ((call * 7919 + k * 104_729) % contacts);
  const list: string[] = [];
  for (let k = 0; k < 30; k++) {
    const i = pick(k);
    list.push(`p${i}@c${1 + (i % companies)}.example`);
  }
  for (let k = 0; k < 10; k++) list.push(`stranger${k}@c${1 + (pick(k + 30) % companies)}.example`);
  for (let k = 0; k < 5; k++) list.push(`nobody${call}-${k}@unknown${k}.example`);
  for (let k = 0; k < 5; k++) list.push(`someone${call}-${k}@gmail.com`);
  return list.slice(0, ADDRESSES_PER_CALL);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timeCalls(calls: number, run: (call: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let call = 0; call < 10; call++) await run(call);
  const times: number[] = [];
  for (let call = 0; call < calls; call++) {
    const start = process.hrtime.bigint();
    await run(call + 10);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function measure(label: string, db: Database, contacts: number): Promise<void> {
  const started = Date.now();
  await migrate(db);
  await loadData(db, contacts);
  const loadSeconds = (Date.now() - started) / 1000;
  const store = createCrmStore(db);
  const viewer: Viewer = await store.resolveViewer({ subject: 'bench-user', tenantId: 'bench', roles: ['user'] });
  const sample = await store.suggest(viewer, addressBatch(contacts, 0));
  const suggest = await timeCalls(CALLS, (call) => store.suggest(viewer, addressBatch(contacts, call)));
  const single = await timeCalls(CALLS, (call) =>
    db.query('SELECT contact_id FROM crm_contact_emails WHERE address = $1', [addressBatch(contacts, call)[0]]),
  );
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  console.log(`  ${label}: ${contacts.toLocaleString('en')} contacts, ${(contacts / CONTACTS_PER_COMPANY).toLocaleString('en')} companies (loaded in ${loadSeconds.toFixed(0)} s; trigram search indexes left out)`);
  console.log(`    suggest, ${ADDRESSES_PER_CALL} addresses x ${CALLS} calls: p50 ${ms(suggest.p50)}, p95 ${ms(suggest.p95)} (goal on PostgreSQL: < 20 ms); ${sample.length} suggestions per call`);
  console.log(`    lower bound, one indexed lookup of one address: p50 ${ms(single.p50)}, p95 ${ms(single.p95)}; ratio suggest/lookup p50 ${(suggest.p50 / single.p50).toFixed(1)}x`);
}

async function measurePostgres(): Promise<void> {
  const schema = `bench_suggest_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`  PostgreSQL at ${PG_URL} unreachable (${err instanceof Error ? err.message : String(err)}): skipped`);
    return;
  }
  await admin.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
  try {
    const db = await openDatabase({ url: PG_URL, schema });
    try {
      await measure(`PostgreSQL ${(await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? ''} (schema ${schema})`, db, PG_CONTACTS);
    } finally {
      await db.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
    await admin.end();
  }
}

async function measurePglite(): Promise<void> {
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    await measure('PGlite (in memory)', db, PGLITE_CONTACTS);
  } finally {
    await db.close();
  }
}

/** Suggest (A3) against a realistic CRM size; times are in-process, i.e. server time without HTTP. */
export async function runSuggestBench(): Promise<void> {
  console.log(`Suggest bench — ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  await measurePostgres();
  await measurePglite();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runSuggestBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
