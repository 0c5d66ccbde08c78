import { Command } from 'commander';
import { loadDeclarativeConfigFile } from '../admin/declarative-config.service';
import { ConfigError, loadConfig } from '../config';
import { createCrmStore } from '../crm/crm-store';
import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { createLogger } from '../observability/logger';
import { loadSecretsKey } from '../secrets/load-secrets-key';
import { SecretBox } from '../secrets/secret-box';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMailboxExclusivity } from '../jobs/mailbox-exclusivity';
import pino from 'pino';
import type { CycleSummary } from '../jobs/sync-cycle.service';
import { createCrmSyncAdapter } from './crm-adapter/crm-sync.adapter';
import { createSyncModule } from './sync-module';

function describeOutcome(outcome: CycleSummary['outcomes'][number]['outcome']): string {
  if (outcome.status === 'skipped') return `skipped (${outcome.reason})`;
  const counts = `created ${outcome.counts.created}, changed ${outcome.counts.changed}, deleted ${outcome.counts.deleted}, conflicts ${outcome.counts.conflicts}, failed items ${outcome.counts.failed}`;
  return outcome.status === 'synced' ? `synced: ${counts}` : `FAILED (${outcome.transition.type}): ${counts}`;
}

function printSummary(summary: CycleSummary, mailboxOf: ReadonlyMap<string, string>): void {
  const lines = summary.outcomes.map(({ accountId, outcome }) => `  ${mailboxOf.get(accountId) ?? accountId}: ${describeOutcome(outcome)}`);
  process.stdout.write(
    [
      `Sync cycle over ${summary.mailboxes} active mailbox(es): ${summary.synced} synced, ${summary.failed} failed, ${summary.skipped} skipped`,
      ...lines,
      `Total: created ${summary.created}, changed ${summary.changed}, deleted ${summary.deleted}, conflicts ${summary.conflicts}, failed items ${summary.failedItems}`,
      '',
    ].join('\n'),
  );
}

/** `npm run sync -- --once`: one cycle over every active mailbox with the backend's configuration, then a summary. */
async function main(): Promise<void> {
  const program = new Command()
    .name('sync')
    .requiredOption('--once', 'run one cycle over all active accounts and exit (the scheduler runs inside `npm start`)')
    .option('--force', 'also sync mailboxes that are waiting for a retry or back-off time')
    .parse();
  const force = program.opts<{ force?: boolean }>().force === true;
  const config = loadConfig(process.env);
  // Logs go to stderr so the summary on stdout stays readable and pipeable.
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: pino.destination(2) });
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') });
  try {
    await migrate(db);
    const secrets = new SecretBox(loadSecretsKey({ ...(config.secretsKey ? { configured: config.secretsKey } : {}), dataDir: config.dataDir, logger }));
    if (config.sync.configFile) await loadDeclarativeConfigFile(config.sync.configFile, db, secrets);
    const timeZone = config.sync.timeZone;
    // The same per-mailbox lock and node name as the scheduler's runs: a one-off cycle
    // next to a running backend skips the mailboxes that backend is syncing.
    const sync = createSyncModule({
      db,
      sealer: secrets,
      crm: createCrmSyncAdapter(createCrmStore(db), { timeZone }),
      logger,
      defaultTimeZone: timeZone,
      ...(config.sync.exchangeCaFile ? { caCertPem: readFileSync(config.sync.exchangeCaFile, 'utf8') } : {}),
      exclusive: createMailboxExclusivity(db),
      node: config.sync.nodeName,
    });
    const summary = await sync.runCycle(force);
    const accounts = await sync.stores.accounts.list();
    printSummary(summary, new Map(accounts.map((account) => [account.id, account.mailbox])));
    process.exitCode = summary.failed > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? '' : 'sync failed: '}${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
