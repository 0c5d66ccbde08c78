import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { BatchSettings } from '../../../shared/admin/batch-settings.schema';
import { batchSettingsInputSchema } from '../../../shared/admin/batch-settings.schema';
import { createBatchTick, type BatchTickDeps } from '../../../server/src/jobs/batch-tick';
import { isSelectedNode } from '../../../server/src/jobs/node-selection';

describe('B6 node selection rule', () => {
  it('lets every node take a share when no node is named', () => {
    expect(isSelectedNode(null, 'app-1')).toBe(true);
    expect(isSelectedNode('  ', 'app-1')).toBe(true);
  });

  it('selects only the named node, ignoring case and outer spaces', () => {
    expect(isSelectedNode('app-1', 'app-1')).toBe(true);
    expect(isSelectedNode(' APP-1 ', 'app-1')).toBe(true);
    expect(isSelectedNode('app-1', 'app-2')).toBe(false);
    expect(isSelectedNode('app-1', 'app-10')).toBe(false);
  });
});

/** A batch store in memory whose claim behaves like the SQL one: due when no next run or it has passed. */
function memoryBatch(settings: Partial<BatchSettings>) {
  const state = { settings: batchSettingsInputSchema.parse(settings), nextRunAt: null as string | null, running: false, seen: new Map<string, Date>() };
  const batch: BatchTickDeps['batch'] = {
    get: async () => state.settings,
    claimDueCycle: async (now, next) => {
      if (state.nextRunAt !== null && state.nextRunAt > now) return false;
      state.nextRunAt = next;
      state.running = true;
      return true;
    },
    recordCycle: async (update) => {
      state.running = update.running;
    },
    reportNode: async (name, at = new Date()) => {
      state.seen.set(name, at);
    },
  };
  return { state, batch };
}

describe('batch tick', () => {
  const logger = pino({ level: 'silent' });

  it('on a node the settings do not select: reports itself, stops its workers, starts no cycle', async () => {
    const { state, batch } = memoryBatch({ node: 'app-1' });
    const startCycle = vi.fn(async () => undefined);
    const onSelection = vi.fn(async (_selected: boolean) => undefined);
    const tick = createBatchTick({ batch, nodeName: 'app-2', startCycle, onSelection, logger });
    await tick.tick();
    await tick.tick();
    expect(startCycle).not.toHaveBeenCalled();
    expect(onSelection).toHaveBeenLastCalledWith(false);
    expect(tick.isSelected()).toBe(false);
    expect(state.nextRunAt).toBeNull();
    expect([...state.seen.keys()]).toEqual(['app-2']);
  });

  it('on the selected node: starts its workers and the due cycle once per interval', async () => {
    const { state, batch } = memoryBatch({ node: 'App-1', intervalMinutes: 5 });
    let now = new Date('2026-01-01T10:00:00Z');
    const startCycle = vi.fn(async () => undefined);
    const onSelection = vi.fn(async (_selected: boolean) => undefined);
    const tick = createBatchTick({ batch, nodeName: 'app-1', startCycle, onSelection, logger, now: () => now });
    await tick.tick();
    now = new Date('2026-01-01T10:04:59Z');
    await tick.tick();
    expect(startCycle).toHaveBeenCalledTimes(1);
    now = new Date('2026-01-01T10:05:00Z');
    await tick.tick();
    expect(startCycle).toHaveBeenCalledTimes(2);
    expect(onSelection).toHaveBeenLastCalledWith(true);
    expect(tick.isSelected()).toBe(true);
    expect(state.running).toBe(false);
  });

  it('follows a change of the settings: a node dropped from the batch stops at its next tick', async () => {
    const { state, batch } = memoryBatch({ node: null });
    const onSelection = vi.fn(async (_selected: boolean) => undefined);
    const tick = createBatchTick({ batch, nodeName: 'app-2', startCycle: async () => undefined, onSelection, logger });
    await tick.tick();
    expect(tick.isSelected()).toBe(true);
    state.settings = { ...state.settings, node: 'app-1' };
    await tick.tick();
    expect(onSelection.mock.calls.map(([selected]) => selected)).toEqual([true, false]);
    expect(tick.isSelected()).toBe(false);
  });

  it('starts no cycle when the batch is inactive or not started automatically, even on the selected node', async () => {
    for (const settings of [{ active: false }, { startAutomatically: false }]) {
      const { batch } = memoryBatch(settings);
      const startCycle = vi.fn(async () => undefined);
      await createBatchTick({ batch, nodeName: 'app-1', startCycle, logger }).tick();
      expect(startCycle).not.toHaveBeenCalled();
    }
  });

  it('keeps reporting the node while a long in-process cycle holds the tick, and stops only after it', async () => {
    const { state, batch } = memoryBatch({});
    let release: () => void = () => undefined;
    const startCycle = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    let now = new Date('2026-01-01T10:00:00Z');
    const tick = createBatchTick({ batch, nodeName: 'app-1', startCycle, logger, now: () => now });
    const first = tick.tick();
    await vi.waitFor(() => expect(startCycle).toHaveBeenCalledTimes(1));
    now = new Date('2026-01-01T10:20:00Z');
    await tick.tick();
    expect(state.seen.get('app-1')).toEqual(now);
    let stopped = false;
    const stopping = tick.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await Promise.all([first, stopping]);
    await tick.tick();
    expect(startCycle).toHaveBeenCalledTimes(1);
  });
});
