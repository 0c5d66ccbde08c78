/**
 * `RequestServerVersion` values we may send, oldest first (PLATFORM.md; types.xsd
 * `ExchangeVersionType`). The list is closed so a typo in an admin's server record
 * fails at configuration time instead of as an ErrorInvalidServerVersion fault.
 */
export const ewsServerVersions = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_01_07',
  'V2017_04_14',
  'V2017_07_11',
  // Newer than the schema copy in ../shared/ews-schema (tops at V2017_07_11); Exchange Online accepts it.
  'V2018_01_08',
] as const;
export type EwsServerVersion = (typeof ewsServerVersions)[number];

export const DEFAULT_SERVER_VERSION: EwsServerVersion = 'Exchange2013_SP1';

export function isEwsServerVersion(value: string): value is EwsServerVersion {
  return (ewsServerVersions as readonly string[]).includes(value);
}

/** True when `version` is at least `minimum` in the ordering above. */
export function isVersionAtLeast(version: EwsServerVersion, minimum: EwsServerVersion): boolean {
  return ewsServerVersions.indexOf(version) >= ewsServerVersions.indexOf(minimum);
}

/**
 * Exchange 2007 only knows `MeetingTimeZone`; 2010 and later expect `StartTimeZone` /
 * `EndTimeZone` and reject `MeetingTimeZone` on create.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/time-zones-and-ews-in-exchange
 */
export function usesStartEndTimeZones(version: EwsServerVersion): boolean {
  return isVersionAtLeast(version, 'Exchange2010');
}
