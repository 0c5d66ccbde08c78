import type { Logger } from 'pino';
import type { BatchSettingsStore } from '../admin/batch-settings.store';
import { isSelectedNode } from './node-selection';

export interface BatchTickDeps {
  readonly batch: Pick<BatchSettingsStore, 'get' | 'claimDueCycle' | 'recordCycle' | 'reportNode'>;
  /** This backend's node name (B6). */
  readonly nodeName: string;
  /** Runs one cycle in process, or queues it for every selected node. */
  readonly startCycle: () => Promise<void>;
  /** Told on every tick whether the settings select this node, before any scheduling (starts or stops queue workers). */
  readonly onSelection?: (selected: boolean) => Promise<void>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * One check of the batch process (B6), run every few seconds on every node: report this
 * node as alive, follow the node selection, and start a cycle when one is due. Of several
 * nodes ticking together only the one that claims the due cycle starts it.
 */
export function createBatchTick(deps: BatchTickDeps) {
  const now = deps.now ?? (() => new Date());
  let busy = false;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  let selected: boolean | null = null;

  async function followSelection(node: string | null): Promise<boolean> {
    const nowSelected = isSelectedNode(node, deps.nodeName);
    if (nowSelected !== selected) {
      if (nowSelected) deps.logger.info({ node: deps.nodeName }, 'this node takes part in the sync batch');
      else deps.logger.warn({ node: deps.nodeName, selectedNode: node }, 'the batch settings select another node: this node neither schedules nor runs sync jobs');
      selected = nowSelected;
    }
    await deps.onSelection?.(nowSelected);
    return nowSelected;
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    if (busy) {
      // An in-process cycle can outlast many ticks; the node is alive all the same.
      await deps.batch.reportNode(deps.nodeName, now()).catch((error: unknown) => deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'node report failed'));
      return;
    }
    busy = true;
    let done: () => void = () => undefined;
    inFlight = new Promise((resolve) => (done = resolve));
    try {
      const at = now();
      await deps.batch.reportNode(deps.nodeName, at);
      const settings = await deps.batch.get();
      if (!(await followSelection(settings.node))) return;
      if (!settings.active || !settings.startAutomatically) return;
      const next = new Date(at.getTime() + settings.intervalMinutes * 60_000).toISOString();
      if (!(await deps.batch.claimDueCycle(at.toISOString(), next))) return;
      try {
        await deps.startCycle();
      } finally {
        await deps.batch.recordCycle({ running: false });
      }
    } catch (error) {
      deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'sync batch tick failed');
    } finally {
      busy = false;
      done();
    }
  }

  /** No further ticks; resolves when the one in flight (an in-process cycle, perhaps) has ended, so the database can close. */
  function stop(): Promise<void> {
    stopped = true;
    return inFlight;
  }

  return { tick, stop, isSelected: () => selected === true };
}
