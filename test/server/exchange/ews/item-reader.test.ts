import { describe, expect, it } from 'vitest';
import { readItem } from '../../../../server/src/exchange/ews/item-xml';
import { NS } from '../../../../server/src/xml/namespaces';
import { parseXml } from '../../../../server/src/xml/parse-xml';

function contact(inner: string) {
  return readItem(parseXml(`<t:Contact xmlns:t="${NS.types}" xmlns:x="urn:other">${inner}</t:Contact>`));
}

describe('readItem on a contact', () => {
  it('reads every kind of property in one document', () => {
    const item = contact(
      '<t:ItemId Id="i1" ChangeKey="c1"/><t:Subject>S</t:Subject><t:Body BodyType="HTML">&lt;p&gt;</t:Body><t:Size> 42 </t:Size>' +
        '<t:HasAttachments>false</t:HasAttachments><t:ReminderIsSet>1</t:ReminderIsSet><t:DisplayName>Tanja</t:DisplayName>' +
        '<t:EmailAddresses><t:Entry Key="EmailAddress1">a@x</t:Entry><t:Entry Key="Bogus">b@x</t:Entry><t:Entry Key="EmailAddress2"> </t:Entry></t:EmailAddresses>' +
        '<t:PhysicalAddresses><t:Entry Key="Home"><t:City>Berlin</t:City><t:Street></t:Street></t:Entry></t:PhysicalAddresses>' +
        '<t:PhoneNumbers><t:Entry Key="MobilePhone">+49</t:Entry></t:PhoneNumbers>',
    );
    expect(item).toEqual({
      type: 'contact',
      itemId: { id: 'i1', changeKey: 'c1' },
      subject: 'S',
      body: { type: 'HTML', content: '<p>' },
      size: 42,
      hasAttachments: false,
      reminderIsSet: true,
      displayName: 'Tanja',
      emailAddresses: { EmailAddress1: 'a@x' },
      physicalAddresses: { Home: { city: 'Berlin' } },
      phoneNumbers: { MobilePhone: '+49' },
    });
  });

  it('reads the first of repeated properties and ignores other namespaces and unreadable numbers', () => {
    const item = contact('<x:Surname>other</x:Surname><t:Surname>first</t:Surname><t:Surname>second</t:Surname><t:Size>big</t:Size><t:FileAs/>');
    expect(item).toEqual({ type: 'contact', surname: 'first', fileAs: '' });
  });

  it('keeps every extended property, not only the first', () => {
    const prop = (name: string, value: string) =>
      `<t:ExtendedProperty><t:ExtendedFieldURI PropertySetId="c11ff724-aa03-4555-9952-8fa248a11c3e" PropertyName="${name}" PropertyType="String"/><t:Value>${value}</t:Value></t:ExtendedProperty>`;
    const item = contact(prop('A', '1') + '<t:Subject>s</t:Subject>' + prop('B', '2'));
    expect(item.extendedProperties?.map((p) => p.value)).toEqual(['1', '2']);
  });
});
