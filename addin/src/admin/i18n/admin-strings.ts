import { adminDe } from './admin-strings.de';
import { adminEn } from './admin-strings.en';

export type AdminStrings = typeof adminEn;

/** German for German browsers, English otherwise. */
export function selectAdminStrings(language: string): AdminStrings {
  return language.toLowerCase().startsWith('de') ? adminDe : adminEn;
}
