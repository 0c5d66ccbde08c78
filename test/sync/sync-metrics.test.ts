import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createSyncMetrics } from '../../server/src/sync/sync.metrics';

describe('sync metrics', () => {
  it('counts runs by outcome, items by action and failures by transition', async () => {
    const registry = new Registry();
    const metrics = createSyncMetrics(registry);
    metrics.recordRun({ status: 'synced', runId: 'r1', counts: { created: 3, changed: 1, deleted: 0, conflicts: 1, failed: 0 } }, 0.2);
    metrics.recordRun({ status: 'failed', runId: 'r2', counts: { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 2 }, transition: { type: 'back-off', until: new Date() } }, 1.5);
    metrics.recordRun({ status: 'skipped', reason: 'waiting' }, 0);
    const text = await registry.metrics();
    expect(text).toContain('tandem_sync_runs_total{status="synced"} 1');
    expect(text).toContain('tandem_sync_runs_total{status="skipped"} 1');
    expect(text).toContain('tandem_sync_items_total{action="created"} 3');
    expect(text).toContain('tandem_sync_items_total{action="failed"} 2');
    expect(text).toContain('tandem_sync_errors_total{transition="back-off"} 1');
    expect(text).toContain('tandem_sync_run_seconds_count 2');
  });
});
