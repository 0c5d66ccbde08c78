import type { LocalDateTime } from '../exchange-items';

/**
 * Windows time zone ids (what EWS names in StartTimeZone/EndTimeZone) and their IANA
 * equivalents, after the Unicode CLDR windowsZones table (territory "001"). Zones not
 * listed fall back to UTC: the instant stays right, only the zone label is lost.
 */
const windowsToIana: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'Romance Standard Time': 'Europe/Paris',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Russian Standard Time': 'Europe/Moscow',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'India Standard Time': 'Asia/Calcutta',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'AUS Eastern Standard Time': 'Australia/Sydney',
};

const ianaToWindows: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(windowsToIana).map(([windows, iana]) => [iana, windows]));

export function ianaZoneOf(windowsId: string | undefined): string {
  return (windowsId && windowsToIana[windowsId]) || 'UTC';
}

export function windowsZoneOf(ianaZone: string): string | null {
  return ianaToWindows[ianaZone] ?? null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time of an instant in a zone, as `YYYY-MM-DDTHH:mm:ss`. */
function wallClock(instantMs: number, timeZone: string): string {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instantMs)).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

function asUtcMs(dateTime: string): number {
  return Date.parse(`${dateTime}Z`);
}

/** The UTC instant (ISO, `Z`) of a wall-clock time in a zone; a time skipped by DST moves forward. */
export function toUtcInstant(local: LocalDateTime): string {
  const target = asUtcMs(local.dateTime);
  let guess = target;
  // Two corrections settle every offset change, including DST transitions.
  for (let i = 0; i < 2; i++) guess += target - asUtcMs(wallClock(guess, local.timeZone));
  return new Date(guess).toISOString().replace('.000Z', 'Z');
}

/** The wall-clock time in `timeZone` of an instant EWS reported (normally in UTC). */
export function toLocal(instant: string, timeZone: string): LocalDateTime {
  return { dateTime: wallClock(Date.parse(instant), timeZone), timeZone };
}
