import os from 'node:os';
import { runEwsClientBench } from './ews-client.bench';
import { runSyncBench } from './sync.bench';
import { runSuggestBench } from './suggest.bench';
import { runAddinBench } from './addin.bench';
import { runAdminBench } from './admin.bench';

/**
 * `npm run bench`: every benchmark in one process, one after another, so their numbers come
 * from the same machine state. Each prints ratios against a lower bound or a peer measured
 * in the same run, because absolute times on shared machines are noise.
 */
const benches: ReadonlyArray<{ readonly name: string; readonly run: () => Promise<void> }> = [
  // First, so its peak-memory figure is not inflated by what the others leave behind.
  { name: 'Sync engine: round trips, latency-bound cycles, initial sync, peak memory', run: runSyncBench },
  { name: 'EWS client vs ews-javascript-api', run: runEwsClientBench },
  { name: 'CRM suggest on 1,000,000 contacts (PostgreSQL) and on PGlite', run: runSuggestBench },
  { name: 'Outlook task pane: initial JavaScript and time to first suggestion', run: runAddinBench },
  { name: 'Admin console: initial JavaScript', run: runAdminBench },
];

async function main(): Promise<void> {
  console.log(`Tandem benchmarks on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  let failed = 0;
  for (const bench of benches) {
    console.log(`\n== ${bench.name}`);
    try {
      await bench.run();
    } catch (err) {
      failed += 1;
      console.error(`  failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
