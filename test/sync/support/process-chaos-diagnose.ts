import type { ProcessChaosStack } from './process-chaos-stack';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * For each CRM id named in `mismatches`: its journal entries, its pairs and every sync log
 * line about it, in time order, so a failed run can be explained after the fact. Values
 * stay out (only ids, actions and times), as in the product's own log.
 */
export async function diagnoseMismatches(stack: ProcessChaosStack, mismatches: readonly string[]): Promise<string[]> {
  const ids = [...new Set(mismatches.flatMap((line) => line.match(UUID) ?? []))].slice(0, 5);
  const lines: string[] = [];
  for (const id of ids) {
    lines.push(`record ${id}:`);
    const changes = await stack.db.query<{ seq: string; operation: string; origin: string; at: string }>(
      `SELECT seq::text AS seq, operation, origin, to_char(at, 'HH24:MI:SS.MS') AS at FROM crm_changes WHERE entity_id::text = $1 ORDER BY seq`,
      [id],
    );
    for (const c of changes.rows) lines.push(`  journal ${c.at} seq ${c.seq} ${c.operation} (${c.origin})`);
    const pairs = await stack.db.query<{ account_id: string; item_id: string | null; synced_at: string }>(
      `SELECT account_id, item_id, to_char(synced_at, 'HH24:MI:SS.MS') AS synced_at FROM sync_pairs WHERE crm_id = $1 ORDER BY account_id`,
      [id],
    );
    for (const p of pairs.rows) lines.push(`  pair ${p.account_id} item ${p.item_id ? p.item_id.slice(-12) : 'none'} synced ${p.synced_at}`);
    const log = await stack.db.query<{ account_id: string; at: string; side: string; action: string; item_id: string | null; detail: unknown; run_id: string }>(
      `SELECT account_id, to_char(at, 'HH24:MI:SS.MS') AS at, side, action, item_id, detail, run_id FROM sync_log WHERE crm_id = $1 ORDER BY at, id`,
      [id],
    );
    for (const l of log.rows) lines.push(`  log ${l.at} ${l.account_id} run ${l.run_id.slice(0, 8)}: ${l.side} ${l.action} item ${l.item_id ? l.item_id.slice(-12) : '-'} ${JSON.stringify(l.detail).slice(0, 160)}`);
  }
  const cursors = await stack.db.query<{ account_id: string; seq: string }>('SELECT account_id, seq::text AS seq FROM sync_journal_cursors ORDER BY account_id');
  lines.push(`journal cursors: ${cursors.rows.map((c) => `${c.account_id} ${c.seq}`).join(', ')}`);
  const accounts = await stack.db.query<{ id: string; mailbox: string }>('SELECT id, mailbox FROM mailbox_accounts ORDER BY mailbox');
  lines.push(`accounts: ${accounts.rows.map((a) => `${a.mailbox} = ${a.id}`).join(', ')}`);
  return lines;
}
