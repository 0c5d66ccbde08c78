/** Synthetic EWS responses for the client benchmark, shaped like Exchange 2016 answers. */
const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>' +
  '<h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11" ' +
  'xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types" xmlns="http://schemas.microsoft.com/exchange/services/2006/types"/>' +
  '</s:Header><s:Body>';
const ENVELOPE_CLOSE = '</s:Body></s:Envelope>';
const NS_DECL = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

export function contactId(n: number): string {
  return `AAMkADk0ZmE5ZjY5LTU0ZDItNDdhNi1hNzM0LTBkOWQ0YmFjMGZmYQBGAAAAAAD${String(n).padStart(8, '0')}AAA=`;
}

function contactXml(n: number, full: boolean): string {
  const id = `<t:ItemId Id="${contactId(n)}" ChangeKey="EQAAABYAAAD${String(n).padStart(6, '0')}"/>`;
  if (!full) return `<t:Contact>${id}</t:Contact>`;
  return (
    `<t:Contact>${id}<t:ParentFolderId Id="AQMkADk0ZmE5ZjY5" ChangeKey="AQAAAA=="/><t:ItemClass>IPM.Contact</t:ItemClass>` +
    `<t:Subject>Contact ${n}</t:Subject><t:Sensitivity>Normal</t:Sensitivity><t:Body BodyType="Text">Notes about contact ${n}: met at the fair, interested in offer ${n}.</t:Body>` +
    `<t:DateTimeReceived>2024-03-01T10:00:00Z</t:DateTimeReceived><t:Size>4321</t:Size><t:Importance>Normal</t:Importance>` +
    `<t:DateTimeCreated>2024-03-01T10:00:00Z</t:DateTimeCreated><t:HasAttachments>false</t:HasAttachments>` +
    `<t:ExtendedProperty><t:ExtendedFieldURI PropertySetId="c11ff724-aa03-4555-9952-8fa248a11c3e" PropertyName="TandemCrmId" PropertyType="String"/><t:Value>crm-${n}</t:Value></t:ExtendedProperty>` +
    `<t:LastModifiedTime>2024-03-02T10:00:00Z</t:LastModifiedTime>` +
    `<t:FileAs>Plate${n}, Tanja</t:FileAs><t:DisplayName>Tanja Plate${n}</t:DisplayName><t:GivenName>Tanja</t:GivenName><t:CompanyName>Northwind ${n}</t:CompanyName>` +
    `<t:EmailAddresses><t:Entry Key="EmailAddress1">tanja${n}@example.com</t:Entry><t:Entry Key="EmailAddress2">t${n}@home.example</t:Entry></t:EmailAddresses>` +
    `<t:PhysicalAddresses><t:Entry Key="Business"><t:Street>Hauptstr. ${n}</t:Street><t:City>Berlin</t:City><t:State>BE</t:State><t:CountryOrRegion>Germany</t:CountryOrRegion><t:PostalCode>10115</t:PostalCode></t:Entry></t:PhysicalAddresses>` +
    `<t:PhoneNumbers><t:Entry Key="BusinessPhone">+49 30 ${n}</t:Entry><t:Entry Key="MobilePhone">+49 170 ${n}</t:Entry></t:PhoneNumbers>` +
    `<t:Birthday>1980-05-17T00:00:00Z</t:Birthday><t:Department>Sales</t:Department><t:JobTitle>Project Manager</t:JobTitle><t:Surname>Plate${n}</t:Surname></t:Contact>`
  );
}

/** One SyncFolderItems page of `count` creates starting at `first`. */
export function syncFolderItemsResponse(first: number, count: number, syncState: string, last: boolean): string {
  const changes: string[] = [];
  for (let n = first; n < first + count; n += 1) changes.push(`<t:Create>${contactXml(n, false)}</t:Create>`);
  return (
    `${ENVELOPE_OPEN}<m:SyncFolderItemsResponse ${NS_DECL}><m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Success">` +
    `<m:ResponseCode>NoError</m:ResponseCode><m:SyncState>${syncState}</m:SyncState><m:IncludesLastItemInRange>${last}</m:IncludesLastItemInRange>` +
    `<m:Changes>${changes.join('')}</m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse>${ENVELOPE_CLOSE}`
  );
}

/** GetItem answer for the given contact numbers, full properties. */
export function getItemResponse(numbers: readonly number[]): string {
  const messages = numbers.map(
    (n) => `<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items>${contactXml(n, true)}</m:Items></m:GetItemResponseMessage>`,
  );
  return `${ENVELOPE_OPEN}<m:GetItemResponse ${NS_DECL}><m:ResponseMessages>${messages.join('')}</m:ResponseMessages></m:GetItemResponse>${ENVELOPE_CLOSE}`;
}

/** Contact number from an id produced by `contactId`. */
export function contactNumber(id: string): number {
  const match = /BGAAAAAAAD(\d{8})AAA=/.exec(id);
  return match ? Number(match[1]) : -1;
}
