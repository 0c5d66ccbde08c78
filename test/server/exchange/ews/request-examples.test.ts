import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCreateItemRequest } from '../../../../server/src/exchange/ews/create-item';
import { buildDeleteItemRequest } from '../../../../server/src/exchange/ews/delete-item';
import { buildFindFolderRequest } from '../../../../server/src/exchange/ews/find-folder';
import { buildGetFolderRequest } from '../../../../server/src/exchange/ews/get-folder';
import { buildGetItemRequest } from '../../../../server/src/exchange/ews/get-item';
import { buildSyncFolderItemsRequest } from '../../../../server/src/exchange/ews/sync-folder-items';
import { buildUpdateItemRequest } from '../../../../server/src/exchange/ews/update-item';
import { NS } from '../../../../server/src/xml/namespaces';
import { parseXml } from '../../../../server/src/xml/parse-xml';
import { renderXml, type XmlNode } from '../../../../server/src/xml/render-xml';
import { firstChild, type XmlElement } from '../../../../server/src/xml/xml-element';
import { EWS_EXAMPLES_DIR } from '../../../support/ews-schema';
import { readExample } from './example-support';

interface Canonical {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Canonical[];
}

/** Namespace-resolved, whitespace-trimmed tree: equal when the server would read the same request. */
function canonical(element: XmlElement, ignoredAttrs: readonly string[]): Canonical {
  const attrs = Object.fromEntries(Object.entries(element.attrs).filter(([k]) => !ignoredAttrs.includes(k)).sort(([a], [b]) => a.localeCompare(b)));
  return { name: `{${element.ns}}${element.local}`, attrs, text: element.text.trim(), children: element.children.map((c) => canonical(c, ignoredAttrs)) };
}

function exampleOperation(name: string): XmlElement {
  const body = firstChild(parseXml(readExample(name)), NS.soap, 'Body');
  const operation = body?.children[0];
  if (!operation) throw new Error(`${name} has no operation`);
  return operation;
}

/** Our builders emit the operation with `m:`/`t:` prefixes; wrap so the prefixes resolve. */
function builtOperation(node: XmlNode): XmlElement {
  const wrapped = renderXml({ name: 'w', attrs: { 'xmlns:m': NS.messages, 'xmlns:t': NS.types }, children: [node] });
  const operation = parseXml(wrapped).children[0];
  if (!operation) throw new Error('builder produced nothing');
  return operation;
}

const ctx = { version: 'Exchange2013_SP1' as const };

/**
 * Each Microsoft request example next to the builder call that means the same. `ignored`
 * lists attributes we always add on purpose (a delete must never mail cancellations).
 */
const cases: { example: string; build: () => XmlNode; ignored?: string[] }[] = [
  { example: 'getfolder-request-distinguished.xml', build: () => buildGetFolderRequest({ folderIds: [{ distinguished: 'inbox' }] }) },
  { example: 'findfolder-request-distinguished.xml', build: () => buildFindFolderRequest({ parentFolderId: { distinguished: 'inbox' } }) },
  {
    example: 'syncfolderitems-01-request-initial.xml',
    build: () => buildSyncFolderItemsRequest({ folderId: { distinguished: 'inbox' }, maxChanges: 10, syncScope: 'NormalItems' }),
  },
  {
    example: 'syncfolderitems-05-request-ref-ignore.xml',
    build: () =>
      buildSyncFolderItemsRequest({
        folderId: { distinguished: 'sentitems' },
        shape: { baseShape: 'Default' },
        syncState: 'AEbJ94eMOAAA=',
        ignore: [{ id: 'AQApAHRAA==', changeKey: 'CQAAABY' }],
        maxChanges: 100,
      }),
  },
  { example: 'getitem-contact-request.xml', build: () => buildGetItemRequest({ itemIds: [{ id: 'AAAtAE=', changeKey: 'EQAAABY' }] }) },
  {
    example: 'getitem-calendaritem-request.xml',
    build: () => buildGetItemRequest({ itemIds: [{ id: 'AsdD89=', changeKey: 'Jajs3==' }], shape: { baseShape: 'IdOnly', additionalProperties: [{ fieldUri: 'item:Subject' }] } }),
  },
  {
    example: 'deleteitem-request.xml',
    build: () => buildDeleteItemRequest({ itemIds: [{ id: 'AS4AUn==' }], deleteType: 'HardDelete' }),
    ignored: ['SendMeetingCancellations', 'AffectedTaskOccurrences'],
  },
  {
    example: 'createitem-task-request.xml',
    build: () =>
      buildCreateItemRequest({ items: [{ type: 'task', subject: 'My task', dueDate: '2006-10-26T21:32:52', status: 'NotStarted' }], messageDisposition: 'SaveOnly' }, ctx),
  },
  {
    example: 'createitem-contact-request.xml',
    build: () =>
      buildCreateItemRequest(
        {
          savedItemFolderId: { distinguished: 'contacts' },
          items: [
            {
              type: 'contact',
              fileAs: 'SampleContact',
              givenName: 'Tanja',
              companyName: 'Blue Yonder Airlines',
              emailAddresses: { EmailAddress1: 'tplate@example.com' },
              physicalAddresses: { Business: { street: '1234 56th Ave', city: 'La Habra', state: 'CA', countryOrRegion: 'USA' } },
              phoneNumbers: { BusinessPhone: '4255550199' },
              jobTitle: 'Manager',
              surname: 'Plate',
            },
          ],
        },
        ctx,
      ),
  },
  {
    example: 'updateitem-setitemfield-request.xml',
    build: () =>
      buildUpdateItemRequest(
        { updates: [{ itemId: { id: 'AAAtAEFkb...', changeKey: 'CQAAABYAAAB...' }, set: { type: 'message', sensitivity: 'Normal' } }], messageDisposition: 'SaveOnly', conflictResolution: 'AutoResolve' },
        ctx,
      ),
  },
  {
    example: 'updateitem-deleteitemfield-request.xml',
    build: () =>
      buildUpdateItemRequest({ updates: [{ itemId: { id: 'AAAtAEFkbWluaXN0cm...', changeKey: 'CQAAABYAA...' }, set: { type: 'message', body: null } }] }, ctx),
  },
  {
    example: 'updateitem-contact-setitemfield-request.xml',
    build: () =>
      buildUpdateItemRequest(
        {
          conflictResolution: 'AlwaysOverwrite',
          updates: [{ itemId: { id: 'AAAtAA=', changeKey: 'EQAAABYi' }, set: { type: 'contact', emailAddresses: { EmailAddress1: 'changedemail@example.com' } } }],
        },
        ctx,
      ),
  },
];

describe.skipIf(!existsSync(EWS_EXAMPLES_DIR))("request builders against Microsoft's request examples", () => {
  it.each(cases.map((c) => [c.example, c] as const))('builds the same request as %s', (_name, c) => {
    const ignored = c.ignored ?? [];
    expect(canonical(builtOperation(c.build()), ignored)).toEqual(canonical(exampleOperation(c.example), ignored));
  });
});
