import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isExchangeError, type ExchangeError } from '../../../../server/src/exchange/exchange-error';
import { parseCreateItemResponse } from '../../../../server/src/exchange/ews/create-item';
import { parseDeleteItemResponse } from '../../../../server/src/exchange/ews/delete-item';
import { parseFindFolderResponse } from '../../../../server/src/exchange/ews/find-folder';
import { parseGetFolderResponse } from '../../../../server/src/exchange/ews/get-folder';
import { parseGetItemResponse } from '../../../../server/src/exchange/ews/get-item';
import type { Outcome } from '../../../../server/src/exchange/ews/outcome';
import { parseSyncFolderHierarchyResponse } from '../../../../server/src/exchange/ews/sync-folder-hierarchy';
import { parseSyncFolderItemsResponse } from '../../../../server/src/exchange/ews/sync-folder-items';
import { parseUpdateItemResponse } from '../../../../server/src/exchange/ews/update-item';
import { parseXml } from '../../../../server/src/xml/parse-xml';
import { EWS_EXAMPLES_DIR } from '../../../support/ews-schema';
import { exampleBody, listExamples, readExample } from './example-support';

const examplesPresent = existsSync(EWS_EXAMPLES_DIR);
if (!examplesPresent) console.warn(`EWS examples not found at ${EWS_EXAMPLES_DIR}: example parsing tests skipped`);

function only<T>(outcomes: Outcome<T>[]): T {
  expect(outcomes).toHaveLength(1);
  const [first] = outcomes;
  if (!first?.ok) throw new Error(`expected success, got ${first?.error.message}`);
  return first.value;
}

function failure<T>(outcomes: Outcome<T>[]): ExchangeError {
  expect(outcomes).toHaveLength(1);
  const [first] = outcomes;
  if (!first || first.ok) throw new Error('expected a failed outcome');
  return first.error;
}

function thrown(run: () => unknown): ExchangeError {
  try {
    run();
  } catch (err) {
    if (isExchangeError(err)) return err;
    throw err;
  }
  throw new Error('expected an ExchangeError');
}

/** One row per Microsoft response example: the parser that reads it and what it must yield. */
const cases: Record<string, () => void> = {
  'syncfolderitems-02-response-initial-creates.xml': () => {
    const result = parseSyncFolderItemsResponse(exampleBody('syncfolderitems-02-response-initial-creates.xml'));
    expect(result.changes).toHaveLength(5);
    expect(result.changes.every((c) => c.kind === 'create' && c.item.type === 'message' && c.item.itemId?.id)).toBe(true);
    expect(result.syncState).not.toBe('');
  },
  'syncfolderitems-04-response-update-create-readflag-delete.xml': () => {
    const result = parseSyncFolderItemsResponse(exampleBody('syncfolderitems-04-response-update-create-readflag-delete.xml'));
    expect(result.changes.map((c) => c.kind)).toEqual(['update', 'create', 'create', 'readFlagChange', 'delete']);
    expect(result).toMatchObject({ syncState: 'H4sIAAAAAAAEAO29B2AcSZY==', includesLastItemInRange: true });
    const update = result.changes[0];
    if (update?.kind !== 'update' || update.item.type !== 'message') throw new Error('first change must be a message update');
    expect(update.item.subject).toBe('RE: Company Soccer Team');
    expect(update.item.from).toEqual({ name: 'Alfred  Welker ', address: 'Alfred.Welker@contoso.com', routingType: 'SMTP', mailboxType: 'Mailbox' });
    // Double-escaped in the docs: we unescape once, as XML says, and keep the rest literally.
    expect(update.item.internetMessageId).toBe('&lt;e5919a09c8fc4d64b6ffd3542e194fc3@BY2SR01MB609.contoso.com&gt;');
    // Leading space kept: ids are opaque and go back to the server byte for byte.
    expect(update.item.parentFolderId).toEqual({ id: ' AgENAAAA', changeKey: 'AQAAAA==' });
    expect(result.changes[3]).toMatchObject({ kind: 'readFlagChange', isRead: true });
  },
  'syncfolderitems-06-response-ref-create-meetingrequest.xml': () => {
    const result = parseSyncFolderItemsResponse(exampleBody('syncfolderitems-06-response-ref-create-meetingrequest.xml'));
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({ kind: 'create', item: { type: 'other', elementName: 'MeetingRequest' } });
  },
  'error-ErrorInvalidSyncStateData-syncfolderitems.xml': () => {
    const error = thrown(() => parseSyncFolderItemsResponse(exampleBody('error-ErrorInvalidSyncStateData-syncfolderitems.xml')));
    expect(error).toMatchObject({ kind: 'sync-state-invalid', code: 'ErrorInvalidSyncStateData' });
  },
  'error-ErrorInvalidSyncStateData-syncfolderhierarchy.xml': () => {
    const error = thrown(() => parseSyncFolderHierarchyResponse(exampleBody('error-ErrorInvalidSyncStateData-syncfolderhierarchy.xml')));
    expect(error).toMatchObject({ kind: 'sync-state-invalid', code: 'ErrorInvalidSyncStateData' });
  },
  'getitem-calendaritem-response-idonly.xml': () => {
    const item = only(parseGetItemResponse(exampleBody('getitem-calendaritem-response-idonly.xml')));
    expect(item.type).toBe('calendarItem');
    expect(item.itemId?.id).toBeTruthy();
  },
  'getitem-calendaritem-response-default.xml': () => {
    const item = only(parseGetItemResponse(exampleBody('getitem-calendaritem-response-default.xml')));
    if (item.type !== 'calendarItem') throw new Error('calendar item expected');
    expect(item).toMatchObject({
      itemId: { id: 'ASUAdTB', changeKey: 'otlIqBwrt==' },
      start: '2006-06-16T00:30:00Z',
      end: '2006-06-16T01:00:00Z',
      legacyFreeBusyStatus: 'Busy',
      calendarItemType: 'Single',
      organizer: { name: 'Bob', address: 'someone@example.com', routingType: 'SMTP' },
    });
  },
  'getitem-calendaritem-response-allproperties.xml': () => {
    const item = only(parseGetItemResponse(exampleBody('getitem-calendaritem-response-allproperties.xml')));
    if (item.type !== 'calendarItem') throw new Error('calendar item expected');
    expect(item.organizer?.name ?? item.organizer?.address).toBeTruthy();
    expect(item.calendarItemType).toBeDefined();
    expect(item.isAllDayEvent).toBeTypeOf('boolean');
  },
  'getitem-calendaritem-recurring-response.xml': () => {
    const item = only(parseGetItemResponse(exampleBody('getitem-calendaritem-recurring-response.xml')));
    if (item.type !== 'calendarItem') throw new Error('calendar item expected');
    expect(item.calendarItemType).toBe('RecurringMaster');
    expect(item.recurrence).toEqual({
      pattern: { kind: 'weekly', interval: 1, daysOfWeek: ['Saturday'] },
      range: { kind: 'numbered', startDate: '2014-03-08-08:00', numberOfOccurrences: 10 },
    });
    expect(item.firstOccurrence).toMatchObject({ start: '2014-03-08T21:21:00Z', end: '2014-03-08T22:21:00Z' });
    expect(item.lastOccurrence?.originalStart).toBe('2014-05-10T20:21:00Z');
  },
  'getitem-contact-response.xml': () => {
    const item = only(parseGetItemResponse(exampleBody('getitem-contact-response.xml')));
    if (item.type !== 'contact') throw new Error('contact expected');
    expect(item).toMatchObject({
      displayName: 'Tanja Plate',
      givenName: 'Tanja',
      surname: 'Plate',
      companyName: 'Northwind Traders',
      jobTitle: 'Project Manager',
      emailAddresses: { EmailAddress1: 'tplate@example.com', EmailAddress2: 'tplate@example.com' },
      phoneNumbers: { BusinessPhone: '5625550199' },
    });
    // The docs' `t:Country` is not the schema's `t:CountryOrRegion`: deliberately not read.
    expect(item.physicalAddresses?.Business).toEqual({ street: '12345 67th Ave', city: 'Whittier', state: 'CA' });
  },
  'error-ErrorUnsupportedMimeConversion-getitem-contact.xml': () => {
    const error = failure(parseGetItemResponse(exampleBody('error-ErrorUnsupportedMimeConversion-getitem-contact.xml')));
    expect(error).toMatchObject({ kind: 'unknown', code: 'ErrorUnsupportedMimeConversion' });
  },
  'error-ErrorItemNotFound-getitem-batch-fragment.xml': () => {
    // A body fragment without envelope in the docs: parsed directly, the batch keeps both slots.
    const outcomes = parseGetItemResponse(parseXml(readExample('error-ErrorItemNotFound-getitem-batch-fragment.xml')));
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(outcomes[0]).toMatchObject({ ok: true, value: { type: 'message', subject: 'Business plans' } });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { kind: 'not-found', code: 'ErrorItemNotFound' } });
  },
  'createitem-contact-response.xml': () => expect(only(parseCreateItemResponse(exampleBody('createitem-contact-response.xml')))?.id).toBeTruthy(),
  'createitem-calendaritem-response.xml': () => expect(only(parseCreateItemResponse(exampleBody('createitem-calendaritem-response.xml')))?.changeKey).toBeTruthy(),
  'createitem-calendaritem-recurring-response.xml': () =>
    expect(only(parseCreateItemResponse(exampleBody('createitem-calendaritem-recurring-response.xml')))?.id).toBeTruthy(),
  'createitem-task-response.xml': () => expect(only(parseCreateItemResponse(exampleBody('createitem-task-response.xml')))).toEqual({ id: 'AAAtAE=', changeKey: 'EwAAABYA' }),
  'exchangeimpersonation-createitem-response.xml': () =>
    expect(only(parseCreateItemResponse(exampleBody('exchangeimpersonation-createitem-response.xml')))?.id).toBeTruthy(),
  'error-ErrorCannotCreateContactInNonContactFolder.xml': () => {
    const error = failure(parseCreateItemResponse(exampleBody('error-ErrorCannotCreateContactInNonContactFolder.xml')));
    expect(error.code).toBe('ErrorCannotCreateContactInNonContactFolder');
  },
  'updateitem-response.xml': () => expect(only(parseUpdateItemResponse(exampleBody('updateitem-response.xml')))).toEqual({ itemId: { id: 'AAAtAEFkbW...', changeKey: 'CQAAABYAAA...' }, conflictCount: 0 }),
  'updateitem-contact-response.xml': () => expect(only(parseUpdateItemResponse(exampleBody('updateitem-contact-response.xml'))).itemId.changeKey).toBeTruthy(),
  'deleteitem-response.xml': () => expect(only(parseDeleteItemResponse(exampleBody('deleteitem-response.xml')))).toBe(true),
  'error-ErrorItemNotFound-deleteitem.xml': () =>
    expect(failure(parseDeleteItemResponse(exampleBody('error-ErrorItemNotFound-deleteitem.xml')))).toMatchObject({ kind: 'not-found', code: 'ErrorItemNotFound' }),
  'getfolder-response.xml': () =>
    expect(only(parseGetFolderResponse(exampleBody('getfolder-response.xml')))).toEqual({
      kind: 'Folder',
      folderId: { id: 'AQApA=', changeKey: 'AQAAAB' },
      displayName: 'Inbox',
      totalCount: 2,
      childFolderCount: 0,
      unreadCount: 2,
    }),
  'getfolder-error-response.xml': () =>
    expect(failure(parseGetFolderResponse(exampleBody('getfolder-error-response.xml')))).toMatchObject({ kind: 'invalid-request', code: 'ErrorInvalidIdMalformed' }),
  'findfolder-response.xml': () =>
    expect(parseFindFolderResponse(exampleBody('findfolder-response.xml'))).toMatchObject({
      folders: [{ displayName: 'TestFolder', folderId: { id: 'AQAnAH' } }],
      includesLastFolderInRange: true,
      totalFoldersInView: 1,
    }),
  'findfolder-error-response.xml': () =>
    expect(thrown(() => parseFindFolderResponse(exampleBody('findfolder-error-response.xml')))).toMatchObject({ code: 'ErrorInvalidIdMalformed' }),
  'error-ErrorServerBusy-BackOffMilliseconds.exchangelib-2018.xml': () =>
    expect(thrown(() => exampleBody('error-ErrorServerBusy-BackOffMilliseconds.exchangelib-2018.xml', 500))).toMatchObject({
      kind: 'throttled',
      code: 'ErrorServerBusy',
      retryAfterMs: expect.any(Number),
    }),
  'error-ErrorServerBusy-BackOffMilliseconds.exchangelib-fixture.xml': () =>
    expect(thrown(() => exampleBody('error-ErrorServerBusy-BackOffMilliseconds.exchangelib-fixture.xml', 500))).toMatchObject({
      kind: 'throttled',
      code: 'ErrorServerBusy',
      retryAfterMs: 297749,
      httpStatus: 500,
    }),
};

/** Response examples that belong to Autodiscover are covered by the autodiscover tests. */
const isEwsResponseExample = (name: string): boolean =>
  !name.startsWith('autodiscover-') && (name.includes('-response') || name.startsWith('error-'));

describe.skipIf(!examplesPresent)("Microsoft's EWS response examples", () => {
  it('has a parser case for every EWS response example in ../shared/ews-examples', () => {
    const responses = listExamples().filter(isEwsResponseExample).sort();
    expect(responses.length).toBeGreaterThanOrEqual(28);
    expect(Object.keys(cases).sort()).toEqual(responses);
  });

  it.each(Object.keys(cases))('parses %s', (name) => {
    cases[name]?.();
  });
});
