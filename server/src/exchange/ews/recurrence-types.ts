/** Recurrence patterns and ranges as EWS models them (types.xsd `RecurrenceType`). */
export type DayOfWeek = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Day' | 'Weekday' | 'WeekendDay';
export type DayOfWeekIndex = 'First' | 'Second' | 'Third' | 'Fourth' | 'Last';
export type Month =
  | 'January'
  | 'February'
  | 'March'
  | 'April'
  | 'May'
  | 'June'
  | 'July'
  | 'August'
  | 'September'
  | 'October'
  | 'November'
  | 'December';

export type RecurrencePattern =
  | { readonly kind: 'relativeYearly'; readonly daysOfWeek: DayOfWeek; readonly dayOfWeekIndex: DayOfWeekIndex; readonly month: Month }
  | { readonly kind: 'absoluteYearly'; readonly dayOfMonth: number; readonly month: Month }
  | { readonly kind: 'relativeMonthly'; readonly interval: number; readonly daysOfWeek: DayOfWeek; readonly dayOfWeekIndex: DayOfWeekIndex }
  | { readonly kind: 'absoluteMonthly'; readonly interval: number; readonly dayOfMonth: number }
  | { readonly kind: 'weekly'; readonly interval: number; readonly daysOfWeek: readonly DayOfWeek[]; readonly firstDayOfWeek?: DayOfWeek }
  | { readonly kind: 'daily'; readonly interval: number }
  /** Task-only "regenerate N units after completion" patterns. */
  | { readonly kind: 'dailyRegeneration' | 'weeklyRegeneration' | 'monthlyRegeneration' | 'yearlyRegeneration'; readonly interval: number };

/** `startDate`/`endDate` are xs:date values, possibly with an offset (`2014-03-08-08:00`). */
export type RecurrenceRange =
  | { readonly kind: 'noEnd'; readonly startDate: string }
  | { readonly kind: 'endDate'; readonly startDate: string; readonly endDate: string }
  | { readonly kind: 'numbered'; readonly startDate: string; readonly numberOfOccurrences: number };

export interface Recurrence {
  readonly pattern: RecurrencePattern;
  readonly range: RecurrenceRange;
}
