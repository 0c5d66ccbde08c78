/** A message the sandbox "sent": meeting invitations, cancellations and mails. */
export interface SentRecord {
  readonly kind: 'meeting-invitation' | 'meeting-update' | 'meeting-cancellation' | 'mail';
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly itemId: string;
  readonly at: string;
}

export class SentLog {
  private records: SentRecord[] = [];

  add(record: Omit<SentRecord, 'at'>): void {
    this.records.push({ ...record, at: new Date().toISOString() });
  }

  list(): readonly SentRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
