import type { WriteContext } from '../../../server/src/crm/viewer';
import type { ProcessChaosStack } from './process-chaos-stack';

export interface EditTally {
  crm: number;
  exchange: number;
  /** CRM edits refused (the record was deleted meanwhile, by the user or by the backend). */
  refused: number;
}

/**
 * Seeded user edits on both sides while backends run: creates (each with a unique name, so
 * duplicates show), job-title changes and deletes, half in the CRM (through the CRM store,
 * on the schema the backend uses) and half in a random mailbox (through the sandbox).
 */
export class ChaosEditor {
  private counter = 0;
  readonly tally: EditTally = { crm: 0, exchange: 0, refused: 0 };
  /** Exchange edits by the surname of the item they touched, with the time: explains a mismatch later. */
  readonly exchangeEditsByName = new Map<string, string[]>();

  private note(surname: string | undefined, what: string): void {
    if (!surname) return;
    const at = new Date().toISOString().slice(11, 23);
    this.exchangeEditsByName.set(surname, [...(this.exchangeEditsByName.get(surname) ?? []), `${at} ${what}`]);
  }

  constructor(
    private readonly stack: ProcessChaosStack,
    private readonly random: () => number,
  ) {}

  private contextOf(index: number): WriteContext {
    return { userId: this.stack.mailboxes[index]?.userId ?? '', isAdmin: true, origin: 'api' };
  }

  async editOnce(): Promise<void> {
    const random = this.random;
    const who = Math.floor(random() * this.stack.mailboxes.length);
    const mailbox = this.stack.mailboxes[who]?.smtpAddress ?? '';
    const roll = random();
    const token = `v${Math.floor(random() * 1e6)}`;
    this.counter += 1;
    if (random() < 0.5) {
      this.tally.crm += 1;
      // Any record, whichever side created it: imported contacts get edited in the CRM too.
      const { rows } = await this.stack.db.query<{ id: string }>('SELECT id::text AS id FROM crm_contacts ORDER BY id');
      const target = rows[Math.floor(random() * rows.length)]?.id;
      const context = this.contextOf(who);
      try {
        if (roll < 0.5 || !target) {
          await this.stack.crm.contacts.create(context, { firstName: 'C', lastName: `L${this.counter}`, jobTitle: token, emails: [], phones: [], notes: '' });
        } else if (roll < 0.85) await this.stack.crm.contacts.update(context, target, { jobTitle: token });
        else await this.stack.crm.contacts.remove(context, target);
      } catch {
        this.tally.refused += 1;
      }
      return;
    }
    this.tally.exchange += 1;
    const { control } = this.stack.sandbox;
    const items = control.listItems(mailbox, 'contacts');
    const target = items[Math.floor(random() * items.length)];
    if (roll < 0.5 || !target) {
      control.createItem(mailbox, { folder: 'contacts', kind: 'Contact', fields: { GivenName: 'X', Surname: `S${this.counter}`, JobTitle: token } });
      this.note(`S${this.counter}`, `created in ${mailbox}`);
    } else if (roll < 0.85) {
      control.updateItem(mailbox, target.id, { fields: { JobTitle: token } });
      this.note(target.fields.Surname, `changed in ${mailbox}`);
    } else {
      control.deleteItem(mailbox, target.id);
      this.note(target.fields.Surname, `deleted in ${mailbox}`);
    }
  }
}
