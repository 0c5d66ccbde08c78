import type { LinkableType } from '../../../shared/crm/record-ref.schema';

export interface Strings {
  readonly paneTitle: string;
  readonly linkedHeading: string;
  readonly suggestionsHeading: string;
  readonly searchLabel: string;
  readonly searchPlaceholder: string;
  readonly searchHint: string;
  readonly noLinks: string;
  readonly noSuggestions: string;
  readonly noResults: (query: string) => string;
  readonly resultsAnnounced: (count: number) => string;
  readonly suggestionsAnnounced: (count: number) => string;
  readonly loading: string;
  readonly link: string;
  readonly linkSelected: (count: number) => string;
  readonly unlink: string;
  readonly unlinkNamed: (name: string) => string;
  readonly linkNamed: (name: string) => string;
  readonly selectNamed: (name: string) => string;
  readonly openInCrm: (name: string) => string;
  readonly linked: string;
  readonly fileMail: string;
  readonly fileMailHint: string;
  readonly filed: string;
  readonly filedAgain: string;
  readonly retry: string;
  readonly offline: string;
  readonly errorGeneric: string;
  readonly errorUnauthorized: string;
  readonly errorForbidden: string;
  readonly errorOffice: string;
  readonly errorNotConfigured: string;
  readonly composeNotFiled: string;
  readonly types: Readonly<Record<LinkableType, string>>;
  readonly kinds: Readonly<Record<'message-read' | 'message-compose' | 'appointment-attendee' | 'appointment-organizer', string>>;
}

const en: Strings = {
  paneTitle: 'CRM links',
  linkedHeading: 'Linked records',
  suggestionsHeading: 'Suggestions',
  searchLabel: 'Search the CRM',
  searchPlaceholder: 'Company, contact, project, offer…',
  searchHint: 'Use the arrow keys to move through results and Enter to link.',
  noLinks: 'This item is not linked to any CRM record yet.',
  noSuggestions: 'No CRM records match the addresses of this item.',
  noResults: (query) => `Nothing found for “${query}”.`,
  resultsAnnounced: (count) => (count === 1 ? '1 result' : `${count} results`),
  suggestionsAnnounced: (count) => (count === 1 ? '1 suggestion' : `${count} suggestions`),
  loading: 'Loading…',
  link: 'Link',
  linkSelected: (count) => `Link selected (${count})`,
  unlink: 'Unlink',
  unlinkNamed: (name) => `Unlink ${name}`,
  linkNamed: (name) => `Link ${name}`,
  selectNamed: (name) => `Select ${name}`,
  openInCrm: (name) => `Open ${name} in the CRM`,
  linked: 'Linked',
  fileMail: 'File to CRM',
  fileMailHint: 'Stores this mail with its attachments list under the linked records.',
  filed: 'The mail is filed in the CRM.',
  filedAgain: 'The mail was already filed; its links are updated.',
  retry: 'Try again',
  offline: 'You are offline or the CRM server cannot be reached.',
  errorGeneric: 'Something went wrong. Please try again.',
  errorUnauthorized: 'Please sign in again.',
  errorForbidden: 'You have no rights for this action in the CRM.',
  errorOffice: 'Outlook could not provide the item details.',
  errorNotConfigured: 'Sign-in is not set up on the CRM server yet. Please ask your administrator.',
  composeNotFiled: 'Drafts are not filed; send the mail first.',
  types: { company: 'Company', contact: 'Contact', project: 'Project', offer: 'Offer' },
  kinds: { 'message-read': 'Mail', 'message-compose': 'Draft', 'appointment-attendee': 'Appointment', 'appointment-organizer': 'Appointment (organizer)' },
};

const de: Strings = {
  paneTitle: 'CRM-Verknüpfungen',
  linkedHeading: 'Verknüpfte Datensätze',
  suggestionsHeading: 'Vorschläge',
  searchLabel: 'Im CRM suchen',
  searchPlaceholder: 'Firma, Kontakt, Projekt, Angebot…',
  searchHint: 'Mit den Pfeiltasten durch die Treffer, mit der Eingabetaste verknüpfen.',
  noLinks: 'Dieses Element ist noch mit keinem CRM-Datensatz verknüpft.',
  noSuggestions: 'Zu den Adressen dieses Elements passen keine CRM-Datensätze.',
  noResults: (query) => `Keine Treffer für „${query}“.`,
  resultsAnnounced: (count) => (count === 1 ? '1 Treffer' : `${count} Treffer`),
  suggestionsAnnounced: (count) => (count === 1 ? '1 Vorschlag' : `${count} Vorschläge`),
  loading: 'Wird geladen…',
  link: 'Verknüpfen',
  linkSelected: (count) => `Auswahl verknüpfen (${count})`,
  unlink: 'Lösen',
  unlinkNamed: (name) => `Verknüpfung mit ${name} lösen`,
  linkNamed: (name) => `${name} verknüpfen`,
  selectNamed: (name) => `${name} auswählen`,
  openInCrm: (name) => `${name} im CRM öffnen`,
  linked: 'Verknüpft',
  fileMail: 'Im CRM ablegen',
  fileMailHint: 'Legt diese E-Mail mit der Liste ihrer Anhänge bei den verknüpften Datensätzen ab.',
  filed: 'Die E-Mail ist im CRM abgelegt.',
  filedAgain: 'Die E-Mail war schon abgelegt; ihre Verknüpfungen sind aktualisiert.',
  retry: 'Erneut versuchen',
  offline: 'Sie sind offline oder der CRM-Server ist nicht erreichbar.',
  errorGeneric: 'Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.',
  errorUnauthorized: 'Bitte melden Sie sich erneut an.',
  errorForbidden: 'Sie haben im CRM keine Rechte für diese Aktion.',
  errorOffice: 'Outlook konnte die Angaben zum Element nicht liefern.',
  errorNotConfigured: 'Die Anmeldung ist auf dem CRM-Server noch nicht eingerichtet. Bitte wenden Sie sich an Ihre Administration.',
  composeNotFiled: 'Entwürfe werden nicht abgelegt; senden Sie die E-Mail zuerst.',
  types: { company: 'Firma', contact: 'Kontakt', project: 'Projekt', offer: 'Angebot' },
  kinds: { 'message-read': 'E-Mail', 'message-compose': 'Entwurf', 'appointment-attendee': 'Termin', 'appointment-organizer': 'Termin (Organisator)' },
};

/** German for any `de-*` display language, English otherwise. */
export function selectStrings(displayLanguage: string): Strings {
  return displayLanguage.toLowerCase().startsWith('de') ? de : en;
}
