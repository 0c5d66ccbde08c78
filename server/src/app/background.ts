import type { Services } from './services';

/** Work running beside the HTTP server, stopped before the server and database close. */
export interface BackgroundTask {
  readonly name: string;
  stop(): Promise<void>;
}

/**
 * Starts what runs beside the API (the sync cycle's timer, the Exchange sandbox in
 * development): each joins with one line here. Started after the server listens, stopped
 * in reverse order on shutdown.
 */
export async function startBackground(_services: Services): Promise<BackgroundTask[]> {
  return [];
}

/** Stops every task even when one fails; the failures are reported together. */
export async function stopBackground(tasks: readonly BackgroundTask[]): Promise<void> {
  const results = await Promise.allSettled([...tasks].reverse().map((task) => task.stop()));
  const failures = results.flatMap((result, index) => (result.status === 'rejected' ? [`${tasks[tasks.length - 1 - index]?.name ?? '?'}: ${String(result.reason)}`] : []));
  if (failures.length > 0) throw new Error(`Background tasks failed to stop: ${failures.join('; ')}`);
}
