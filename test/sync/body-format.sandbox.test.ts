import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandboxSyncStack, stampOf, type SandboxSyncStack, type StackUser } from './support/sandbox-sync-stack';

const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

/** B7 "body as HTML or plain text", end to end through the EWS adapter and the sandbox. */
describe('B7 body format against the sandbox', () => {
  let stack: SandboxSyncStack;
  let html: StackUser;
  let text: StackUser;
  const contacts = (user: StackUser) => stack.sandbox.control.listItems(user.mailbox, 'contacts');
  const bodyOf = (user: StackUser, crmId: string) => contacts(user).find((item) => stampOf(item) === crmId)?.xml.match(/<t:Body BodyType="(\w+)">([\s\S]*?)<\/t:Body>/);

  beforeAll(async () => {
    stack = await openSandboxSyncStack();
    html = await stack.addUser('hanna@contoso.example');
    text = await stack.addUser('theo@contoso.example');
    await stack.addRule(html, { dataType: 'contacts', options: { bodyFormat: 'html' } });
    await stack.addRule(text, { dataType: 'contacts', options: { bodyFormat: 'text' } });
  });
  afterAll(async () => stack.close());

  it('writes the CRM text as the body type the rule names, escaped, and echoes nothing on the next runs', async () => {
    const notes = 'Line 1 <b>not bold</b> & more\nLine 2';
    const forHtml = await stack.crm.contacts.create(html.api, { firstName: 'Ida', lastName: 'Html', emails: [], phones: [], notes, ownerId: html.userId });
    const forText = await stack.crm.contacts.create(text.api, { firstName: 'Tom', lastName: 'Text', emails: [], phones: [], notes, ownerId: text.userId });
    await stack.sync.engine.syncMailbox(html.accountId, true);
    await stack.sync.engine.syncMailbox(text.accountId, true);

    const htmlBody = bodyOf(html, forHtml.id);
    expect(htmlBody?.[1]).toBe('HTML');
    expect(htmlBody?.[2]).toContain('&amp;lt;b&amp;gt;not bold');
    expect(htmlBody?.[2]).toContain('&lt;br&gt;Line 2');
    const textBody = bodyOf(text, forText.id);
    expect(textBody?.[1]).toBe('Text');
    expect(textBody?.[2]).toBe('Line 1 &lt;b&gt;not bold&lt;/b&gt; &amp; more\nLine 2');

    for (const user of [html, text]) {
      const again = await stack.sync.engine.syncMailbox(user.accountId, true);
      expect(again).toMatchObject({ status: 'synced', counts: { created: 0, changed: 0, deleted: 0 } });
    }
    expect((await stack.crm.contacts.get(html.api, forHtml.id)).notes).toBe(notes);
  });

  it('takes no change from Exchange re-wrapping the HTML it was given', async () => {
    const contact = await stack.crm.contacts.create(html.api, { firstName: 'Nora', lastName: 'Norm', emails: [], phones: [], notes: 'Call back\nafter lunch', ownerId: html.userId });
    await stack.sync.engine.syncMailbox(html.accountId, true);
    const item = contacts(html).find((candidate) => stampOf(candidate) === contact.id);
    const rewrapped = '&lt;html&gt;&lt;head&gt;&lt;meta http-equiv="Content-Type" content="text/html; charset=utf-8"&gt;&lt;/head&gt;&lt;body&gt;&lt;div&gt;Call back&lt;/div&gt;&lt;div&gt;after&amp;nbsp;lunch&lt;/div&gt;&lt;/body&gt;&lt;/html&gt;';
    stack.sandbox.control.updateItem(html.mailbox, item?.id ?? '', { itemXml: `<t:Contact ${T}><t:Body BodyType="HTML">${rewrapped}</t:Body></t:Contact>` });
    const version = (await stack.crm.contacts.get(html.api, contact.id)).version;

    const run = await stack.sync.engine.syncMailbox(html.accountId, true);
    expect(run).toMatchObject({ status: 'synced', counts: { changed: 0 } });
    expect((await stack.crm.contacts.get(html.api, contact.id)).version).toBe(version);
  });

  it('brings an Outlook HTML body into the CRM as plain text without its scripts', async () => {
    const body = '&lt;html&gt;&lt;head&gt;&lt;style&gt;p{color:red}&lt;/style&gt;&lt;/head&gt;&lt;body&gt;&lt;p&gt;Budget:&amp;nbsp;&lt;b&gt;5&amp;#160;000 &amp;euro;&lt;/b&gt;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p onclick="steal()"&gt;N&amp;auml;chster &amp;lt;Schritt&amp;gt;&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;';
    for (const user of [html, text]) {
      stack.sandbox.control.createItem(user.mailbox, { folder: 'contacts', kind: 'Contact', itemXml: `<t:Contact ${T}><t:Body BodyType="HTML">${body}</t:Body><t:GivenName>${user.mailbox}</t:GivenName><t:Surname>Outlook</t:Surname></t:Contact>` });
    }
    // Contacts without an owner belong in every mailbox, so each import also reaches the other user.
    for (const user of [html, text, html]) expect(await stack.sync.engine.syncMailbox(user.accountId, true)).toMatchObject({ status: 'synced' });
    const imported = (await stack.crm.contacts.list({ userId: html.userId, isAdmin: true }, { limit: 100 })).items.filter((c) => c.lastName === 'Outlook');
    expect(imported.map((c) => c.notes)).toEqual(['Budget: 5 000 €\nNächster <Schritt>', 'Budget: 5 000 €\nNächster <Schritt>']);
    for (const user of [html, text]) {
      expect(await stack.sync.engine.syncMailbox(user.accountId, true)).toMatchObject({ status: 'synced', counts: { created: 0, changed: 0 } });
    }
  });
});
