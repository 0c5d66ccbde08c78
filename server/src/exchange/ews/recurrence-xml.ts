import { ExchangeError } from '../exchange-error';
import { NS } from '../../xml/namespaces';
import { el, type XmlNode } from '../../xml/render-xml';
import { firstChild, type XmlElement } from '../../xml/xml-element';
import type { DayOfWeek, DayOfWeekIndex, Month, Recurrence, RecurrencePattern, RecurrenceRange } from './recurrence-types';
import { typesInt, typesText } from './xml-read';

/**
 * Recurrence patterns and ranges, children in xs:sequence order of types.xsd.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/recurrence-patterns-and-ews
 */
export function buildRecurrence(recurrence: Recurrence): XmlNode {
  return el('t:Recurrence', {}, [buildPattern(recurrence.pattern), buildRange(recurrence.range)]);
}

function buildPattern(pattern: RecurrencePattern): XmlNode {
  switch (pattern.kind) {
    case 'relativeYearly':
      return el('t:RelativeYearlyRecurrence', {}, [
        el('t:DaysOfWeek', {}, pattern.daysOfWeek),
        el('t:DayOfWeekIndex', {}, pattern.dayOfWeekIndex),
        el('t:Month', {}, pattern.month),
      ]);
    case 'absoluteYearly':
      return el('t:AbsoluteYearlyRecurrence', {}, [el('t:DayOfMonth', {}, pattern.dayOfMonth), el('t:Month', {}, pattern.month)]);
    case 'relativeMonthly':
      return el('t:RelativeMonthlyRecurrence', {}, [
        el('t:Interval', {}, pattern.interval),
        el('t:DaysOfWeek', {}, pattern.daysOfWeek),
        el('t:DayOfWeekIndex', {}, pattern.dayOfWeekIndex),
      ]);
    case 'absoluteMonthly':
      return el('t:AbsoluteMonthlyRecurrence', {}, [el('t:Interval', {}, pattern.interval), el('t:DayOfMonth', {}, pattern.dayOfMonth)]);
    case 'weekly':
      if (pattern.daysOfWeek.length === 0) throw new ExchangeError('invalid-request', 'A weekly recurrence needs at least one day of the week');
      return el('t:WeeklyRecurrence', {}, [
        el('t:Interval', {}, pattern.interval),
        el('t:DaysOfWeek', {}, pattern.daysOfWeek.join(' ')),
        pattern.firstDayOfWeek !== undefined && el('t:FirstDayOfWeek', {}, pattern.firstDayOfWeek),
      ]);
    case 'daily':
      return el('t:DailyRecurrence', {}, [el('t:Interval', {}, pattern.interval)]);
    default:
      return el(`t:${capitalise(pattern.kind)}`, {}, [el('t:Interval', {}, pattern.interval)]);
  }
}

function buildRange(range: RecurrenceRange): XmlNode {
  switch (range.kind) {
    case 'noEnd':
      return el('t:NoEndRecurrence', {}, [el('t:StartDate', {}, range.startDate)]);
    case 'endDate':
      return el('t:EndDateRecurrence', {}, [el('t:StartDate', {}, range.startDate), el('t:EndDate', {}, range.endDate)]);
    case 'numbered':
      return el('t:NumberedRecurrence', {}, [
        el('t:StartDate', {}, range.startDate),
        el('t:NumberOfOccurrences', {}, range.numberOfOccurrences),
      ]);
  }
}

const PATTERN_READERS: Readonly<Record<string, (p: XmlElement) => RecurrencePattern>> = {
  RelativeYearlyRecurrence: (p) => ({
    kind: 'relativeYearly',
    daysOfWeek: (typesText(p, 'DaysOfWeek') ?? '').trim() as DayOfWeek,
    dayOfWeekIndex: (typesText(p, 'DayOfWeekIndex') ?? '').trim() as DayOfWeekIndex,
    month: (typesText(p, 'Month') ?? '').trim() as Month,
  }),
  AbsoluteYearlyRecurrence: (p) => ({
    kind: 'absoluteYearly',
    dayOfMonth: typesInt(p, 'DayOfMonth') ?? 1,
    month: (typesText(p, 'Month') ?? '').trim() as Month,
  }),
  RelativeMonthlyRecurrence: (p) => ({
    kind: 'relativeMonthly',
    interval: typesInt(p, 'Interval') ?? 1,
    daysOfWeek: (typesText(p, 'DaysOfWeek') ?? '').trim() as DayOfWeek,
    dayOfWeekIndex: (typesText(p, 'DayOfWeekIndex') ?? '').trim() as DayOfWeekIndex,
  }),
  AbsoluteMonthlyRecurrence: (p) => ({ kind: 'absoluteMonthly', interval: typesInt(p, 'Interval') ?? 1, dayOfMonth: typesInt(p, 'DayOfMonth') ?? 1 }),
  WeeklyRecurrence: (p) => {
    const first = typesText(p, 'FirstDayOfWeek')?.trim() as DayOfWeek | undefined;
    const days = (typesText(p, 'DaysOfWeek') ?? '').trim().split(/\s+/).filter(Boolean) as DayOfWeek[];
    return first ? { kind: 'weekly', interval: typesInt(p, 'Interval') ?? 1, daysOfWeek: days, firstDayOfWeek: first } : { kind: 'weekly', interval: typesInt(p, 'Interval') ?? 1, daysOfWeek: days };
  },
  DailyRecurrence: (p) => ({ kind: 'daily', interval: typesInt(p, 'Interval') ?? 1 }),
  DailyRegeneration: (p) => ({ kind: 'dailyRegeneration', interval: typesInt(p, 'Interval') ?? 1 }),
  WeeklyRegeneration: (p) => ({ kind: 'weeklyRegeneration', interval: typesInt(p, 'Interval') ?? 1 }),
  MonthlyRegeneration: (p) => ({ kind: 'monthlyRegeneration', interval: typesInt(p, 'Interval') ?? 1 }),
  YearlyRegeneration: (p) => ({ kind: 'yearlyRegeneration', interval: typesInt(p, 'Interval') ?? 1 }),
};

function readRange(range: XmlElement): RecurrenceRange | undefined {
  const startDate = typesText(range, 'StartDate')?.trim() ?? '';
  if (range.local === 'NoEndRecurrence') return { kind: 'noEnd', startDate };
  if (range.local === 'EndDateRecurrence') return { kind: 'endDate', startDate, endDate: typesText(range, 'EndDate')?.trim() ?? '' };
  if (range.local === 'NumberedRecurrence') return { kind: 'numbered', startDate, numberOfOccurrences: typesInt(range, 'NumberOfOccurrences') ?? 0 };
  return undefined;
}

/** Returns undefined for patterns this client does not model, rather than guessing. */
export function readRecurrence(item: XmlElement): Recurrence | undefined {
  const recurrence = firstChild(item, NS.types, 'Recurrence');
  if (!recurrence) return undefined;
  let pattern: RecurrencePattern | undefined;
  let range: RecurrenceRange | undefined;
  for (const child of recurrence.children) {
    if (child.ns !== NS.types) continue;
    const reader = PATTERN_READERS[child.local];
    if (reader) pattern = reader(child);
    else range ??= readRange(child);
  }
  return pattern && range ? { pattern, range } : undefined;
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
