import type { DayOfWeek, LocalDateTime, Recurrence, RecurrencePattern, WeekIndex } from '../exchange-items';
import { toLocal, toUtcInstant } from './time-zones';

/**
 * Which occurrence of a series falls on a given day. EWS addresses an occurrence that
 * has no id of its own (never modified) by its master and this 1-based index
 * (`OccurrenceItemId InstanceIndex`); the count runs over the pattern from the range's
 * start date, deleted occurrences included.
 */

const dayMs = 86_400_000;
const weekdays: readonly DayOfWeek[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const weekIndexes: readonly WeekIndex[] = ['first', 'second', 'third', 'fourth'];
/** Far enough for any series a calendar shows; a day beyond it is not looked for. */
const maxDays = 100 * 366;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / dayMs;
}

function weekdayOf(day: number): DayOfWeek {
  return weekdays[new Date(day * dayMs).getUTCDay()] ?? 'sunday';
}

function monthsBetween(a: Date, b: Date): number {
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

/** The `index`th day of the month in `days` (or the last one). */
function isNthOfMonth(date: Date, days: readonly DayOfWeek[], index: WeekIndex): boolean {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const matching: number[] = [];
  for (let d = 1; d <= last; d += 1) if (days.includes(weekdays[new Date(Date.UTC(year, month, d)).getUTCDay()] ?? 'sunday')) matching.push(d);
  const wanted = index === 'last' ? matching[matching.length - 1] : matching[weekIndexes.indexOf(index)];
  return wanted === date.getUTCDate();
}

function matches(pattern: RecurrencePattern, start: number, day: number): boolean {
  const date = new Date(day * dayMs);
  const first = new Date(start * dayMs);
  switch (pattern.type) {
    case 'daily':
      return (day - start) % Math.max(1, pattern.interval) === 0;
    case 'weekly': {
      if (!pattern.daysOfWeek.includes(weekdayOf(day))) return false;
      const firstDay = weekdays.indexOf(pattern.firstDayOfWeek);
      const weekStart = (n: number) => n - ((new Date(n * dayMs).getUTCDay() - firstDay + 7) % 7);
      return ((weekStart(day) - weekStart(start)) / 7) % Math.max(1, pattern.interval) === 0;
    }
    case 'absolute-monthly':
      return monthsBetween(first, date) % Math.max(1, pattern.interval) === 0 && date.getUTCDate() === pattern.dayOfMonth;
    case 'relative-monthly':
      return monthsBetween(first, date) % Math.max(1, pattern.interval) === 0 && isNthOfMonth(date, pattern.daysOfWeek, pattern.index);
    case 'absolute-yearly':
      return date.getUTCMonth() + 1 === pattern.month && date.getUTCDate() === pattern.dayOfMonth;
    case 'relative-yearly':
      return date.getUTCMonth() + 1 === pattern.month && isNthOfMonth(date, pattern.daysOfWeek, pattern.index);
  }
}

/**
 * The 1-based index of the occurrence originally starting at `originalStart`, or null
 * when the series has no occurrence that day. The day is taken in the series' own zone.
 */
export function occurrenceIndex(recurrence: Recurrence, seriesStart: LocalDateTime, originalStart: LocalDateTime): number | null {
  const localDay = toLocal(toUtcInstant(originalStart), seriesStart.timeZone).dateTime.slice(0, 10);
  const start = dayNumber(recurrence.range.startDate);
  const target = dayNumber(localDay);
  if (target < start || target - start > maxDays) return null;
  if (recurrence.range.type === 'end-date' && target > dayNumber(recurrence.range.endDate)) return null;
  if (!matches(recurrence.pattern, start, target)) return null;
  let index = 0;
  for (let day = start; day <= target; day += 1) if (matches(recurrence.pattern, start, day)) index += 1;
  if (recurrence.range.type === 'numbered' && index > recurrence.range.occurrences) return null;
  return index;
}
