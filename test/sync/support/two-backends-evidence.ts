import type { Database } from '../../../server/src/db/database';
import type { TwoBackendsStack } from './two-backends-stack';

/** One row of `sync_runs`, as the engine of either backend recorded it. */
export interface RecordedRun {
  readonly account: string;
  readonly node: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly error: string | null;
}

export async function readRuns(db: Database): Promise<RecordedRun[]> {
  const { rows } = await db.query<{ mailbox: string; node: string | null; started_at: Date; finished_at: Date | null; error: string | null }>(
    `SELECT a.mailbox, r.node, r.started_at, r.finished_at, r.error
       FROM sync_runs r JOIN mailbox_accounts a ON a.id = r.account_id
      ORDER BY a.mailbox, r.started_at`,
  );
  return rows.map((row) => ({ account: row.mailbox, node: row.node, startedAt: new Date(row.started_at), finishedAt: row.finished_at ? new Date(row.finished_at) : null, error: row.error }));
}

/** Runs of one mailbox that were in flight at the same time (an unfinished run lasts forever). */
export function findOverlaps(runs: readonly RecordedRun[]): string[] {
  const overlaps: string[] = [];
  const byAccount = new Map<string, RecordedRun[]>();
  for (const run of runs) byAccount.set(run.account, [...(byAccount.get(run.account) ?? []), run]);
  for (const [account, list] of byAccount) {
    const sorted = [...list].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (!previous || !current) continue;
      if (previous.finishedAt === null || current.startedAt < previous.finishedAt) {
        overlaps.push(`${account}: ${previous.node} ${previous.startedAt.toISOString()}–${previous.finishedAt?.toISOString() ?? 'unfinished'} and ${current.node} from ${current.startedAt.toISOString()}`);
      }
    }
  }
  return overlaps;
}

export interface ContactEvidence {
  /** Every CRM contact's name, sorted, duplicates kept. */
  readonly crm: string[];
  /** Per mailbox: its Exchange contacts' names (sorted, duplicates kept) and its contact pairs. */
  readonly mailboxes: Record<string, { exchange: string[]; pairedItems: number; distinctPairedItems: number }>;
}

/** What both sides hold at the end: names in the CRM and in each mailbox, and the pairs linking them. */
export async function contactsOnBothSides(stack: TwoBackendsStack): Promise<ContactEvidence> {
  const crm = (await stack.db.query<{ name: string }>(`SELECT first_name || ' ' || last_name AS name FROM crm_contacts`)).rows.map((row) => row.name).sort();
  const mailboxes: ContactEvidence['mailboxes'] = {};
  for (const mailbox of stack.mailboxes) {
    const exchange = stack.sandbox.control
      .listItems(mailbox.smtpAddress, 'contacts')
      .map((item) => `${item.fields['GivenName'] ?? ''} ${item.fields['Surname'] ?? ''}`)
      .sort();
    const pairs = (
      await stack.db.query<{ item_id: string }>(
        `SELECT p.item_id FROM sync_pairs p JOIN mailbox_accounts a ON a.id = p.account_id WHERE a.mailbox = $1 AND p.data_type = 'contacts' AND p.item_id IS NOT NULL`,
        [mailbox.smtpAddress],
      )
    ).rows;
    mailboxes[mailbox.smtpAddress] = { exchange, pairedItems: pairs.length, distinctPairedItems: new Set(pairs.map((pair) => pair.item_id)).size };
  }
  return { crm, mailboxes };
}
