import { createBenchClient, type ClientName, type Operation } from './ews-client-calls';

/**
 * One client in its own process, so its heap and garbage collector are its own: a call
 * never pays for the other client's garbage. Driven by the bench over IPC, one call per
 * message; CPU time is this process's only, so the local server's work is not in it.
 */
export interface CallRequest {
  readonly operation: Operation;
}

export type CallReply = { readonly ok: true; readonly wallMs: number; readonly cpuMs: number } | { readonly ok: false; readonly error: string };

async function main(): Promise<void> {
  const [name, url] = process.argv.slice(2);
  if ((name !== 'ours' && name !== 'ews-javascript-api') || !url) throw new Error('usage: ews-client-worker <ours|ews-javascript-api> <url>');
  const client = await createBenchClient(name satisfies ClientName, url);
  process.on('message', (message: CallRequest) => {
    void (async (): Promise<CallReply> => {
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      try {
        await client.calls[message.operation]();
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const used = process.cpuUsage(cpu);
      return { ok: true, wallMs, cpuMs: (used.user + used.system) / 1000 };
    })().then((reply) => process.send?.(reply));
  });
  process.on('disconnect', () => client.close());
  process.send?.({ ok: true, wallMs: 0, cpuMs: 0 } satisfies CallReply);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
