import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddinInBackground } from './support/build-addin';
import { hasChromium, launchChromium, CHROMIUM_PATH } from './support/chromium';
import { startAdminE2eBackend, type AdminE2eBackend } from './support/admin-backend';
import { ANNA, BEN, crmContactsByEmail, EXCHANGE_CONTACTS, SALES_GROUP, seedAdminScenario } from './support/admin-seed';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
/**
 * The guide's pictures are these screenshots. They are copied into docs/images only when
 * asked (UPDATE_GUIDE_IMAGES=1 npx vitest run test/e2e/admin-console.test.ts), so an
 * ordinary test run leaves the working tree alone.
 */
const GUIDE_IMAGES = process.env['UPDATE_GUIDE_IMAGES'] === '1' ? join(process.cwd(), 'docs', 'images') : null;
const SERVER_NAME = 'Contoso Exchange';
const RULE_NAME = 'Sales team contacts';
const VIEWPORT = { width: 1280, height: 800 };
/** Polls like Playwright's web-first assertions; a sync run on two busy CI cores can take seconds. */
const eventually = <T,>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

if (!hasChromium()) console.warn(`End-to-end admin console tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);

describe.runIf(hasChromium())('Admin console in Chromium against the backend and the Exchange sandbox', { timeout: 60_000 }, () => {
  let backend: AdminE2eBackend;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The build runs in a child process while the backend starts; the console is served from its output.
    const [, started] = await Promise.all([buildAddinInBackground(), startAdminE2eBackend()]);
    backend = started;
    await seedAdminScenario(backend);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
    // Generous for shared CI cores; every wait still ends as soon as the element is there.
    page.setDefaultTimeout(20_000);
    mkdirSync(ARTIFACTS, { recursive: true });
    if (GUIDE_IMAGES) mkdirSync(GUIDE_IMAGES, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await backend?.close();
  });

  /** The visible 1280×800 viewport, kept as a CI artifact and, when asked, as a guide picture. */
  async function shoot(target: Page, name: string, options: { guide?: boolean; show?: Locator } = {}): Promise<void> {
    if (options.show) await options.show.scrollIntoViewIfNeeded();
    const path = join(ARTIFACTS, `admin-${name}.png`);
    await target.screenshot({ path });
    if (options.guide && GUIDE_IMAGES) copyFileSync(path, join(GUIDE_IMAGES, `admin-${name}.png`));
  }

  async function signIn(target: Page, subject: string, name: string, admin: boolean): Promise<void> {
    await target.goto(`${backend.url}/admin.html`);
    await target.getByLabel('User id (subject)').fill(subject);
    await target.getByLabel('Display name').fill(name);
    await target.getByRole('checkbox', { name: 'Grant the administrator role' }).setChecked(admin);
    await target.getByRole('button', { name: 'Sign in (development)' }).click();
  }

  const openTab = (name: string) => page.getByRole('tab', { name }).click();
  const textOf = async (locator: Locator) => ((await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : '');
  const statusRow = (mailbox: string) => page.getByRole('row').filter({ hasText: mailbox });

  it('shows a signed-in user without the admin role the 403 page, not a broken console', async () => {
    const other = await browser.newPage({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
    await signIn(other, 'ben-user', 'Ben Carter', false);
    const alert = other.getByRole('alert');
    await alert.getByRole('heading', { name: 'Administrator role required' }).waitFor();
    expect(await alert.textContent()).toContain('assign the app role "Tandem.Admin"');
    expect(await other.getByRole('tab').count()).toBe(0);
    await shoot(other, 'forbidden', { guide: true });
    await other.close();
  });

  it('signs an administrator in on the development sign-in page', async () => {
    await page.goto(`${backend.url}/admin.html`);
    await page.getByLabel('User id (subject)').waitFor();
    await shoot(page, 'sign-in');
    await signIn(page, 'erika-admin', 'Erika Admin', true);
    await page.getByRole('tab', { name: 'Status' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('Erika Admin');
  });

  it('creates a server: Discover URL finds the EWS URL from a mail address, the test passes, a wrong password shows the 401 message', async () => {
    await openTab('Exchange servers');
    await page.getByRole('button', { name: 'Add server' }).click();
    const form = page.getByRole('form', { name: 'New Exchange server' });
    await form.getByRole('radio', { name: 'Exchange on-premises' }).check();
    await form.getByRole('radio', { name: 'Basic / NTLM (on-premises service account)' }).check();
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(SERVER_NAME);
    // The admin knows the server's host, not the EWS path: Autodiscover completes it.
    await form.getByRole('textbox', { name: 'EWS URL' }).fill(new URL(backend.sandbox.ewsUrl).origin);
    await form.getByRole('textbox', { name: 'Service account' }).fill(backend.sandbox.basic.user);
    await form.getByLabel(/^Password/).fill(backend.sandbox.basic.password);
    await form.getByRole('textbox', { name: 'Mail address for Autodiscover' }).fill(ANNA.email);
    await form.getByRole('button', { name: 'Discover URL' }).click();
    const found = form.getByRole('status').filter({ hasText: 'Autodiscover found' });
    await found.waitFor();
    expect(await found.textContent()).toContain(`Autodiscover found ${backend.sandbox.ewsUrl} for ${ANNA.email}.`);
    await shoot(page, 'server-discover', { guide: true, show: found });
    await form.getByRole('button', { name: 'Use this URL' }).click();
    expect(await form.getByRole('textbox', { name: 'EWS URL' }).inputValue()).toBe(backend.sandbox.ewsUrl);
    await form.getByRole('button', { name: 'Save' }).click();

    const edit = page.getByRole('form', { name: `Edit server ${SERVER_NAME}` });
    await edit.waitFor();
    const connection = page.getByRole('region', { name: 'Connection' });
    await connection.getByRole('textbox', { name: 'Act as mailbox (optional)' }).fill(ANNA.email);
    await connection.getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => textOf(connection.getByRole('status'))).toContain('Connection works');
    await shoot(page, 'server-test-ok', { guide: true, show: connection });

    await replacePassword(edit, 'not-the-password');
    await page.getByRole('region', { name: 'Connection' }).getByRole('button', { name: 'Test connection' }).click();
    const refused = page.getByRole('region', { name: 'Connection' }).getByRole('alert');
    await eventually(() => textOf(refused)).toContain('Sign-in refused (401)');
    await shoot(page, 'server-test-401', { guide: true, show: refused });

    await replacePassword(edit, backend.sandbox.basic.password);
    await page.getByRole('region', { name: 'Connection' }).getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => textOf(page.getByRole('region', { name: 'Connection' }).getByRole('status'))).toContain('Connection works');
  });

  /** "Replace" the stored password and save; the form comes back with the secret shown as set. */
  async function replacePassword(edit: Locator, password: string): Promise<void> {
    await edit.getByRole('button', { name: 'Replace: Password' }).click();
    await edit.getByLabel(/^New password/).fill(password);
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByRole('button', { name: 'Replace: Password' }).waitFor();
  }

  it('adds two mailbox accounts and enables the inactive one with a real impersonated call', async () => {
    await openTab('Mailbox accounts');
    for (const person of [ANNA, BEN]) {
      await page.getByRole('button', { name: 'Add account' }).click();
      const form = page.getByRole('form', { name: 'Add account' });
      await form.getByLabel('CRM user').selectOption({ label: `${person.name} <${person.email}>` });
      await form.getByRole('textbox', { name: 'Mailbox (SMTP address)' }).fill(person.email);
      expect(await form.getByLabel('Exchange server').locator('option:checked').textContent()).toBe(SERVER_NAME);
      if (person === BEN) {
        // Ben's account starts switched off: "Test & enable" switches it on once a real call works.
        await form.getByRole('checkbox', { name: 'Active', exact: true }).uncheck();
        await shoot(page, 'account-form', { guide: true });
      }
      await form.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('row').filter({ hasText: person.email }).waitFor();
    }
    const rows = page.getByRole('table', { name: 'Mailbox accounts' }).getByRole('row');
    await eventually(() => textOf(rows.filter({ hasText: BEN.email }))).toContain('Inactive');
    await page.getByRole('button', { name: `Test & enable: ${BEN.email}` }).click();
    await eventually(() => textOf(page.getByRole('status'))).toContain(`${BEN.email}: the impersonated call worked; the account is active.`);
    await eventually(() => rows.filter({ hasText: /Active(?!.*Inactive)/ }).count()).toBe(2);
    expect(await rows.filter({ hasText: 'Inactive' }).count()).toBe(0);
    await shoot(page, 'accounts', { guide: true });
  });

  it('creates a contacts rule for a group with a folder from the real folder tree, runs it, and the wall turns green with counts', async () => {
    await openTab('Sync rules');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const form = page.getByRole('form', { name: 'New sync rule' });
    await form.getByRole('textbox', { name: 'Short description' }).fill(RULE_NAME);
    await form.getByLabel('Data type').selectOption('contacts');
    await form.getByRole('radio', { name: 'One user group' }).check();
    await form.getByRole('combobox', { name: 'User group' }).selectOption({ label: SALES_GROUP });
    await form.getByLabel('Browse the folder tree of').selectOption({ label: ANNA.email });
    await form.getByRole('button', { name: 'Load folder tree' }).click();
    const tree = form.getByRole('group', { name: `Folder tree of ${ANNA.email}` });
    await tree.getByRole('checkbox', { name: 'Contacts (well-known)' }).check();
    // B7: by default only changes after saving sync; the contacts are older, so open an import window.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Also import records changed since (optional)').fill(yesterday);
    await form.getByLabel('Also import records changed since (optional)').blur();
    await shoot(page, 'rule-folders', { guide: true, show: tree });
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(() => textOf(page.getByRole('status'))).toBe(`Rule ${RULE_NAME} saved.`);

    await page.getByRole('button', { name: `Run now: ${RULE_NAME}` }).click();
    await eventually(() => textOf(page.getByRole('status'))).toContain('Ran for 2 mailboxes');
    await shoot(page, 'rule-run-now', { guide: true });

    await openTab('Status');
    for (const person of [ANNA, BEN]) {
      await eventually(() => textOf(statusRow(person.email))).toMatch(/OK.*[1-9]\d* created · \d+ changed · \d+ deleted · 0 conflicts · 0 failed/);
    }
    await shoot(page, 'status-ok', { guide: true });
  });

  it('opens the run log of a mailbox and finds the contacts the run created in the CRM', async () => {
    const emails = (EXCHANGE_CONTACTS[ANNA.email] ?? []).map((contact) => contact.email);
    const created = await crmContactsByEmail(backend, emails);
    expect([...created.keys()].sort()).toEqual([...emails].sort());

    await page.getByRole('button', { name: `History: ${ANNA.email}` }).click();
    const runs = page.getByRole('table', { name: `Runs of ${ANNA.email}` });
    await runs.getByRole('button', { name: 'Open log' }).first().click();
    const log = page.getByRole('region', { name: 'Sync log' });
    await log.getByLabel('Outcome').selectOption('created');
    await log.getByLabel('Written on').selectOption('crm');
    const rows = log.getByRole('table', { name: 'Sync log' }).getByRole('row');
    for (const crmId of created.values()) {
      await eventually(() => rows.filter({ hasText: crmId }).count()).toBe(1);
      expect(await textOf(rows.filter({ hasText: crmId }))).toMatch(/crm.*create.*Contacts/);
    }
    await shoot(page, 'run-log', { guide: true, show: log });
  });

  it('when Exchange refuses the sign-in, the wall shows the mailbox waiting 5 minutes with the meaning and the fix', async () => {
    backend.sandbox.control.injectFaults({ probabilities: { unauthorized: 1 }, mailboxes: [ANNA.email] });
    try {
      await page.getByRole('button', { name: `Run now: ${ANNA.email}` }).click();
      const row = statusRow(ANNA.email);
      await eventually(() => textOf(row)).toContain('Waiting');
      expect(await textOf(page.getByRole('status').filter({ hasText: ANNA.email }))).toContain(
        `${ANNA.email}: failed: Exchange refused the sign-in (401, failure 1); the 401 policy waits before the next try`,
      );
      const text = await textOf(row);
      expect(text).toMatch(/waits until \d{1,2}:\d{2}:\d{2}\s?[AP]M \(5 min\)/);
      expect(text).toContain('Meaning: Exchange refused the sign-in (HTTP 401)');
      expect(text).toContain('Fix: Renew the client secret in Entra');
      expect(await textOf(statusRow(BEN.email))).toContain('OK');
      await shoot(page, 'status-401-waiting', { guide: true, show: row });
    } finally {
      backend.sandbox.control.clearFaults();
    }
  });
});
