import type { DayOfWeek as EwsDay, Month, Recurrence as EwsRecurrence, RecurrencePattern as EwsPattern, RecurrenceRange as EwsRange } from '../ews/recurrence-types';
import type { DayOfWeek, Recurrence, RecurrencePattern, RecurrenceRange, WeekIndex } from '../exchange-items';

const days: readonly DayOfWeek[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const months: readonly Month[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dayToEws(day: DayOfWeek): EwsDay {
  return (day.charAt(0).toUpperCase() + day.slice(1)) as EwsDay;
}

/** EWS also knows Day/Weekday/WeekendDay; those have no neutral form and read as Monday…Friday style lists. */
function daysFromEws(day: EwsDay): DayOfWeek[] {
  if (day === 'Day') return [...days];
  if (day === 'Weekday') return days.slice(1, 6);
  if (day === 'WeekendDay') return ['saturday', 'sunday'];
  return [day.toLowerCase() as DayOfWeek];
}

function indexFromEws(index: string): WeekIndex {
  return index.toLowerCase() as WeekIndex;
}

function indexToEws(index: WeekIndex): 'First' | 'Second' | 'Third' | 'Fourth' | 'Last' {
  return (index.charAt(0).toUpperCase() + index.slice(1)) as 'First' | 'Second' | 'Third' | 'Fourth' | 'Last';
}

/** xs:date may carry an offset (`2014-03-08-08:00`); the date part is what the series means. */
function dateOnly(value: string): string {
  return value.slice(0, 10);
}

function patternFromEws(pattern: EwsPattern): RecurrencePattern | null {
  switch (pattern.kind) {
    case 'daily':
      return { type: 'daily', interval: pattern.interval };
    case 'weekly':
      return { type: 'weekly', interval: pattern.interval, daysOfWeek: pattern.daysOfWeek.flatMap(daysFromEws), firstDayOfWeek: daysFromEws(pattern.firstDayOfWeek ?? 'Sunday')[0] ?? 'sunday' };
    case 'absoluteMonthly':
      return { type: 'absolute-monthly', interval: pattern.interval, dayOfMonth: pattern.dayOfMonth };
    case 'relativeMonthly':
      return { type: 'relative-monthly', interval: pattern.interval, daysOfWeek: daysFromEws(pattern.daysOfWeek), index: indexFromEws(pattern.dayOfWeekIndex) };
    case 'absoluteYearly':
      return { type: 'absolute-yearly', month: months.indexOf(pattern.month) + 1, dayOfMonth: pattern.dayOfMonth };
    case 'relativeYearly':
      return { type: 'relative-yearly', month: months.indexOf(pattern.month) + 1, daysOfWeek: daysFromEws(pattern.daysOfWeek), index: indexFromEws(pattern.dayOfWeekIndex) };
    default:
      // Task regeneration patterns ("again N days after completion") have no neutral form.
      return null;
  }
}

function rangeFromEws(range: EwsRange): RecurrenceRange {
  if (range.kind === 'noEnd') return { type: 'no-end', startDate: dateOnly(range.startDate) };
  if (range.kind === 'endDate') return { type: 'end-date', startDate: dateOnly(range.startDate), endDate: dateOnly(range.endDate) };
  return { type: 'numbered', startDate: dateOnly(range.startDate), occurrences: range.numberOfOccurrences };
}

export function recurrenceFromEws(recurrence: EwsRecurrence | undefined): Recurrence | null {
  if (!recurrence) return null;
  const pattern = patternFromEws(recurrence.pattern);
  return pattern ? { pattern, range: rangeFromEws(recurrence.range) } : null;
}

function singleDay(list: readonly DayOfWeek[]): EwsDay {
  return dayToEws(list[0] ?? 'monday');
}

function monthName(month: number): Month {
  return months[month - 1] ?? 'January';
}

function patternToEws(pattern: RecurrencePattern): EwsPattern {
  switch (pattern.type) {
    case 'daily':
      return { kind: 'daily', interval: pattern.interval };
    case 'weekly':
      return { kind: 'weekly', interval: pattern.interval, daysOfWeek: pattern.daysOfWeek.map(dayToEws), firstDayOfWeek: dayToEws(pattern.firstDayOfWeek) };
    case 'absolute-monthly':
      return { kind: 'absoluteMonthly', interval: pattern.interval, dayOfMonth: pattern.dayOfMonth };
    case 'relative-monthly':
      return { kind: 'relativeMonthly', interval: pattern.interval, daysOfWeek: singleDay(pattern.daysOfWeek), dayOfWeekIndex: indexToEws(pattern.index) };
    case 'absolute-yearly':
      return { kind: 'absoluteYearly', dayOfMonth: pattern.dayOfMonth, month: monthName(pattern.month) };
    case 'relative-yearly':
      return { kind: 'relativeYearly', daysOfWeek: singleDay(pattern.daysOfWeek), dayOfWeekIndex: indexToEws(pattern.index), month: monthName(pattern.month) };
  }
}

function rangeToEws(range: RecurrenceRange): EwsRange {
  if (range.type === 'no-end') return { kind: 'noEnd', startDate: range.startDate };
  if (range.type === 'end-date') return { kind: 'endDate', startDate: range.startDate, endDate: range.endDate };
  return { kind: 'numbered', startDate: range.startDate, numberOfOccurrences: range.occurrences };
}

export function recurrenceToEws(recurrence: Recurrence): EwsRecurrence {
  return { pattern: patternToEws(recurrence.pattern), range: rangeToEws(recurrence.range) };
}
