import { Counter, Histogram, type Registry } from 'prom-client';
import type { MailboxRunOutcome } from './mailbox-sync.service';

/** E2: sync runs, items written, errors and run duration, in the app's registry. */
export interface SyncMetrics {
  recordRun(outcome: MailboxRunOutcome, seconds: number): void;
}

export function createSyncMetrics(registry: Registry): SyncMetrics {
  const runs = new Counter({ name: 'tandem_sync_runs_total', help: 'Mailbox sync runs by outcome', labelNames: ['status'] as const, registers: [registry] });
  const items = new Counter({ name: 'tandem_sync_items_total', help: 'Records created, changed or deleted, conflicts and failed item writes', labelNames: ['action'] as const, registers: [registry] });
  const errors = new Counter({ name: 'tandem_sync_errors_total', help: 'Failed mailbox runs by the transition the error policy chose', labelNames: ['transition'] as const, registers: [registry] });
  const duration = new Histogram({ name: 'tandem_sync_run_seconds', help: 'Duration of mailbox sync runs', buckets: [0.1, 0.5, 1, 5, 15, 60, 300], registers: [registry] });
  return {
    recordRun(outcome, seconds) {
      runs.inc({ status: outcome.status });
      if (outcome.status === 'skipped') return;
      duration.observe(seconds);
      for (const [action, count] of Object.entries(outcome.counts)) if (count > 0) items.inc({ action }, count);
      if (outcome.status === 'failed') errors.inc({ transition: outcome.transition.type });
    },
  };
}
