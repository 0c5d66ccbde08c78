import { randomUUID } from 'node:crypto';
import type { XmlElement } from '../../server/src/xml/xml-element';
import type { Mailbox } from '../store/store-types';
import { element, textElement } from './xml-convert';

/**
 * What Exchange adds to every new calendar item: a UID (iCalendar identity, kept across
 * updates) and the creating mailbox as Organizer.
 */
export function completeCalendarItem(fields: Map<string, XmlElement>, organizer: Mailbox): void {
  if (!fields.has('UID')) fields.set('UID', textElement('UID', randomUUID().replace(/-/g, '').toUpperCase()));
  fields.set('Organizer', element('Organizer', [mailboxElement(organizer.displayName, organizer.smtpAddress)]));
}

export function mailboxElement(name: string, address: string): XmlElement {
  return element('Mailbox', [textElement('Name', name), textElement('EmailAddress', address), textElement('RoutingType', 'SMTP')]);
}
