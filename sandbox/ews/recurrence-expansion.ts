import { NS } from '../../server/src/xml/namespaces';
import { firstChild, type XmlElement } from '../../server/src/xml/xml-element';
import type { StoredItem } from '../store/store-types';
import { parseEwsDateTime, wallClock } from './time-zones';

/**
 * The occurrences of a stored recurring master, as Exchange numbers them for
 * OccurrenceItemId's InstanceIndex: every day the pattern hits from the range's start
 * date on (deleted occurrences keep their number), at the master's wall-clock start time
 * in its StartTimeZone, so a series keeps its local time across DST changes.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/recurrence-patterns-and-ews
 */

const DAY = 86_400_000;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINALS = ['First', 'Second', 'Third', 'Fourth'];
/** A safety bound for open-ended series (about 100 years of days). */
const MAX_DAYS = 36_600;

function text(parent: XmlElement, local: string): string {
  return firstChild(parent, NS.types, local)?.text.trim() ?? '';
}

function number(parent: XmlElement, local: string, fallback: number): number {
  const value = Number(text(parent, local));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Day, Weekday and WeekendDay stand for several days. */
function dayList(value: string): number[] {
  if (value === 'Day') return [0, 1, 2, 3, 4, 5, 6];
  if (value === 'Weekday') return [1, 2, 3, 4, 5];
  if (value === 'WeekendDay') return [0, 6];
  return value.split(/\s+/).map((name) => DAY_NAMES.indexOf(name)).filter((day) => day >= 0);
}

function nthInMonth(date: Date, days: readonly number[], ordinal: string): boolean {
  const hits: number[] = [];
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  for (let d = 1; d <= last; d += 1) if (days.includes(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), d)).getUTCDay())) hits.push(d);
  const wanted = ordinal === 'Last' ? hits.at(-1) : hits[ORDINALS.indexOf(ordinal)];
  return wanted === date.getUTCDate();
}

type DayTest = (day: number) => boolean;

function patternTest(pattern: XmlElement, first: number): DayTest | undefined {
  const interval = number(pattern, 'Interval', 1);
  const months = (day: number) => {
    const a = new Date(first * DAY);
    const b = new Date(day * DAY);
    return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  };
  switch (pattern.local) {
    case 'DailyRecurrence':
      return (day) => (day - first) % interval === 0;
    case 'WeeklyRecurrence': {
      const days = dayList(text(pattern, 'DaysOfWeek'));
      const weekStartsOn = Math.max(0, DAY_NAMES.indexOf(text(pattern, 'FirstDayOfWeek') || 'Sunday'));
      const weekOf = (day: number) => day - ((new Date(day * DAY).getUTCDay() - weekStartsOn + 7) % 7);
      return (day) => days.includes(new Date(day * DAY).getUTCDay()) && ((weekOf(day) - weekOf(first)) / 7) % interval === 0;
    }
    case 'AbsoluteMonthlyRecurrence':
      return (day) => months(day) % interval === 0 && new Date(day * DAY).getUTCDate() === number(pattern, 'DayOfMonth', 1);
    case 'RelativeMonthlyRecurrence':
      return (day) => months(day) % interval === 0 && nthInMonth(new Date(day * DAY), dayList(text(pattern, 'DaysOfWeek')), text(pattern, 'DayOfWeekIndex'));
    case 'AbsoluteYearlyRecurrence':
      return (day) => MONTHS[new Date(day * DAY).getUTCMonth()] === text(pattern, 'Month') && new Date(day * DAY).getUTCDate() === number(pattern, 'DayOfMonth', 1);
    case 'RelativeYearlyRecurrence':
      return (day) => MONTHS[new Date(day * DAY).getUTCMonth()] === text(pattern, 'Month') && nthInMonth(new Date(day * DAY), dayList(text(pattern, 'DaysOfWeek')), text(pattern, 'DayOfWeekIndex'));
    default:
      return undefined;
  }
}

/** The original start of occurrence `index` (1-based), or undefined when the series has no such occurrence. */
export function occurrenceStart(master: StoredItem, index: number): Date | undefined {
  const recurrence = master.fields.get('Recurrence');
  const start = master.fields.get('Start')?.text;
  if (!recurrence || !start || !Number.isInteger(index) || index < 1) return undefined;
  const pattern = recurrence.children.find((child) => child.local.endsWith('Recurrence'));
  const range = recurrence.children.find((child) => child !== pattern);
  if (!pattern || !range) return undefined;
  const first = Date.parse(`${text(range, 'StartDate').slice(0, 10)}T00:00:00Z`) / DAY;
  const test = patternTest(pattern, first);
  if (!test || !Number.isFinite(first)) return undefined;
  const limit = range.local === 'NumberedRecurrence' ? number(range, 'NumberOfOccurrences', 0) : Number.POSITIVE_INFINITY;
  const endDay = range.local === 'EndDateRecurrence' ? Date.parse(`${text(range, 'EndDate').slice(0, 10)}T00:00:00Z`) / DAY : Number.POSITIVE_INFINITY;
  if (index > limit) return undefined;
  const zone = master.fields.get('StartTimeZone')?.attrs.Id;
  const time = wallClock(new Date(start), zone).slice(11);
  let seen = 0;
  for (let day = first; day <= first + MAX_DAYS && day <= endDay; day += 1) {
    if (!test(day)) continue;
    seen += 1;
    if (seen === index) return parseEwsDateTime(`${new Date(day * DAY).toISOString().slice(0, 10)}T${time}`, zone);
  }
  return undefined;
}
