import type { Contact } from '../../../shared/crm/contact.schema';
import type { ExchangeConnection } from '../../../server/src/exchange/exchange-gateway';
import { createEwsGateway } from '../../../server/src/exchange/ews-gateway/ews.gateway';
import type { ProcessChaosStack } from './process-chaos-stack';
import { SYSTEM_CONTEXT } from './process-chaos-stack';

/** The contact fields this chaos edits, as both sides must show them. */
export interface ComparedContact {
  readonly givenName: string;
  readonly surname: string;
  readonly jobTitle: string;
}

export interface SidesSnapshot {
  /** CRM record id → values. */
  readonly crm: ReadonlyMap<string, ComparedContact>;
  /** Mailbox → Exchange item id → (CRM id it is paired with, values). */
  readonly exchange: ReadonlyMap<string, ReadonlyMap<string, { crmId: string | null; values: ComparedContact }>>;
}

async function listCrmContacts(stack: ProcessChaosStack): Promise<Contact[]> {
  const viewer = { userId: SYSTEM_CONTEXT.userId, isAdmin: true };
  const all: Contact[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.crm.contacts.list(viewer, { limit: 200, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/**
 * Reads both sides after the backend has stopped: the CRM from the schema, Exchange through
 * the product's EWS adapter (so the CRM id is read the way the engine stores it), faults off.
 */
export async function snapshotSides(stack: ProcessChaosStack): Promise<SidesSnapshot> {
  const crm = new Map((await listCrmContacts(stack)).map((contact) => [contact.id, { givenName: contact.firstName, surname: contact.lastName, jobTitle: contact.jobTitle ?? '' }]));
  const { sandbox } = stack;
  const connection: ExchangeConnection = {
    serverId: 'compare',
    serverType: 'on-premises',
    ewsUrl: sandbox.ewsUrl,
    version: 'Exchange2016',
    alternativeLoginName: null,
    auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password },
  };
  const gateway = createEwsGateway(connection, { defaultTimeZone: 'Europe/Berlin', caCertPem: sandbox.caCertPem });
  const exchange = new Map<string, Map<string, { crmId: string | null; values: ComparedContact }>>();
  try {
    for (const { smtpAddress } of stack.mailboxes) {
      const folder = (await gateway.listFolders(smtpAddress)).find((f) => f.wellKnownName === 'contacts')?.id ?? '';
      const items = new Map<string, { crmId: string | null; values: ComparedContact }>();
      for (let batch = await gateway.syncFolder(smtpAddress, folder, 'contact', null, 512); ; batch = await gateway.syncFolder(smtpAddress, folder, 'contact', batch.cursor, 512)) {
        for (const change of batch.changes) {
          if (change.type !== 'upsert' || change.item.data.type !== 'contact') continue;
          const data = change.item.data;
          items.set(change.item.id, { crmId: change.item.crmId ?? null, values: { givenName: data.givenName, surname: data.surname, jobTitle: data.jobTitle } });
        }
        if (!batch.more) break;
      }
      exchange.set(smtpAddress, items);
    }
  } finally {
    gateway.close();
  }
  return { crm, exchange };
}

const same = (a: ComparedContact, b: ComparedContact): boolean => a.givenName === b.givenName && a.surname === b.surname && a.jobTitle === b.jobTitle;

/**
 * Every difference between the sides: an item without a CRM record, a record missing in a
 * mailbox or paired twice, different values, and duplicates by name (every edit creates a
 * unique surname, so two records or items with one name are one user edit applied twice).
 * `winners` maps CRM ids to the job title the rules say must have won, or null for a
 * record deleted on one side, which must be gone from every side.
 */
export function findMismatches(snapshot: SidesSnapshot, winners: ReadonlyMap<string, string | null> = new Map()): string[] {
  const mismatches: string[] = [];
  const crmNames = new Map<string, string>();
  for (const [id, values] of snapshot.crm) {
    const other = crmNames.get(values.surname);
    if (other) mismatches.push(`CRM: records ${other} and ${id} are both "${values.surname}" (duplicate)`);
    crmNames.set(values.surname, id);
  }
  for (const [id, jobTitle] of winners) {
    const record = snapshot.crm.get(id);
    if (jobTitle === null) {
      if (record) mismatches.push(`CRM: record ${id} deleted on one side is back (lost delete)`);
    } else if (!record) mismatches.push(`CRM: record ${id} with a winning edit is gone`);
    else if (record.jobTitle !== jobTitle) mismatches.push(`CRM: record ${id} holds job title "${record.jobTitle}", the rule says "${jobTitle}" wins (lost update)`);
  }
  for (const [mailbox, items] of snapshot.exchange) {
    const paired = new Map<string, string>();
    const names = new Map<string, string>();
    for (const [itemId, { crmId, values }] of items) {
      const other = names.get(values.surname);
      if (other) mismatches.push(`${mailbox}: items ${other} and ${itemId} are both "${values.surname}" (duplicate)`);
      names.set(values.surname, itemId);
      if (!crmId) {
        mismatches.push(`${mailbox}: item ${itemId} ("${values.surname}") has no CRM record`);
        continue;
      }
      const expected = snapshot.crm.get(crmId);
      if (paired.has(crmId)) mismatches.push(`${mailbox}: CRM record ${crmId} appears twice`);
      else if (!expected) mismatches.push(`${mailbox}: item ${itemId} ("${values.surname}") points at deleted CRM record ${crmId}`);
      else if (!same(values, expected)) mismatches.push(`${mailbox}: ${crmId} differs: Exchange ${JSON.stringify(values)} vs CRM ${JSON.stringify(expected)}`);
      paired.set(crmId, itemId);
    }
    for (const [id, values] of snapshot.crm) if (!paired.has(id)) mismatches.push(`${mailbox}: CRM record ${id} ("${values.surname}") missing in Exchange`);
  }
  return mismatches;
}
