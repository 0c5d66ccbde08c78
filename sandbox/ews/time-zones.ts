/**
 * Windows time zone ids (what EWS's TimeZoneContext and StartTimeZone carry) for the
 * zones the product's users live in, mapped to IANA so Intl can compute offsets.
 * https://learn.microsoft.com/en-us/windows-hardware/manufacture/desktop/default-time-zones
 */
const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Tokyo Standard Time': 'Asia/Tokyo',
};

/**
 * Converts an xs:dateTime to a Date. A value without an offset is wall-clock time in
 * the request's time zone (Exchange 2010+ semantics), else UTC.
 */
export function parseEwsDateTime(value: string, windowsZoneId: string | undefined): Date | undefined {
  const text = value.trim();
  if (/(Z|[+-]\d\d:\d\d)$/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const asUtc = new Date(`${text}Z`);
  if (Number.isNaN(asUtc.getTime())) return undefined;
  const zone = windowsZoneId ? WINDOWS_TO_IANA[windowsZoneId] : undefined;
  if (!zone) return asUtc;
  // Two passes settle the offset across a DST boundary.
  let guess = asUtc.getTime() - offsetMs(zone, asUtc);
  guess = asUtc.getTime() - offsetMs(zone, new Date(guess));
  return new Date(guess);
}

function offsetMs(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** `YYYY-MM-DDTHH:mm:ss` wall-clock time of an instant in a Windows zone (UTC when unknown). */
export function wallClock(date: Date, windowsZoneId: string | undefined): string {
  const zone = (windowsZoneId && WINDOWS_TO_IANA[windowsZoneId]) ?? 'UTC';
  return new Date(date.getTime() + offsetMs(zone, date)).toISOString().slice(0, 19);
}
