import { describe, expect, it } from 'vitest';
import { occurrenceIndex } from '../../server/src/exchange/ews-gateway/occurrence-index';
import type { Recurrence } from '../../server/src/exchange/exchange-items';

const berlin = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Berlin' });

describe('occurrence index (EWS InstanceIndex)', () => {
  it('counts weekly occurrences over several days and an interval, deleted ones included', () => {
    const everyOtherWeek: Recurrence = { pattern: { type: 'weekly', interval: 2, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'monday' }, range: { type: 'no-end', startDate: '2027-01-04' } };
    const start = berlin('2027-01-04T08:00:00');
    expect(occurrenceIndex(everyOtherWeek, start, berlin('2027-01-04T08:00:00'))).toBe(1);
    expect(occurrenceIndex(everyOtherWeek, start, berlin('2027-01-07T08:00:00'))).toBe(2);
    expect(occurrenceIndex(everyOtherWeek, start, berlin('2027-01-11T08:00:00'))).toBeNull();
    expect(occurrenceIndex(everyOtherWeek, start, berlin('2027-01-18T08:00:00'))).toBe(3);
  });

  it('finds the last Friday of a month, and nothing past a numbered range', () => {
    const lastFriday: Recurrence = { pattern: { type: 'relative-monthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, range: { type: 'numbered', startDate: '2027-01-01', occurrences: 3 } };
    const start = berlin('2027-01-29T16:00:00');
    expect(occurrenceIndex(lastFriday, start, berlin('2027-02-26T16:00:00'))).toBe(2);
    expect(occurrenceIndex(lastFriday, start, berlin('2027-02-19T16:00:00'))).toBeNull();
    expect(occurrenceIndex(lastFriday, start, berlin('2027-04-30T16:00:00'))).toBeNull();
  });

  it('takes the day in the series zone, whatever zone the occurrence is labelled with', () => {
    const daily: Recurrence = { pattern: { type: 'daily', interval: 1 }, range: { type: 'end-date', startDate: '2027-03-01', endDate: '2027-03-31' } };
    expect(occurrenceIndex(daily, berlin('2027-03-01T00:30:00'), { dateTime: '2027-03-02T23:30:00', timeZone: 'UTC' })).toBe(3);
  });
});
