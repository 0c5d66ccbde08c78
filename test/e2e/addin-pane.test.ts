import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from './support/build-addin';
import { hasChromium, launchChromium, CHROMIUM_PATH } from './support/chromium';
import { MAIL_MESSAGE_ID, startE2eBackend, USER, type E2eBackend } from './support/e2e-backend';
import type { E2eScenario } from './support/fake-office';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
const sabine = { emailAddress: 'sabine.gross@nordlicht.example', displayName: 'Sabine Groß' };
const anna = { emailAddress: USER.email, displayName: USER.name };

function scenarios({ mailItemId }: { mailItemId: string }): Record<string, E2eScenario> {
  return {
    'read-mail': { itemType: 'message', compose: false, subject: 'Angebot Wartung 2027', itemId: mailItemId, internetMessageId: MAIL_MESSAGE_ID, conversationId: 'conv-4711', from: sabine, to: [anna], cc: [] },
    'compose-mail': { itemType: 'message', compose: true, subject: 'Re: Angebot Wartung 2027', itemId: 'AAMkDraft/1+', to: [sabine], from: anna },
    'appointment-organizer': { itemType: 'appointment', compose: true, subject: 'Abstimmung Wartung', itemId: 'AAMkMeeting=', organizer: anna, requiredAttendees: [sabine] },
    'appointment-attendee': { itemType: 'appointment', compose: false, subject: 'Abstimmung Wartung', itemId: 'AAMkInvite=', organizer: sabine, requiredAttendees: [anna] },
  };
}

if (!hasChromium()) console.warn(`End-to-end pane tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);

describe.runIf(hasChromium())('Outlook pane in Chromium against the backend and the Exchange sandbox', () => {
  let backend: E2eBackend;
  let browser: Browser;

  beforeAll(async () => {
    buildAddin();
    backend = await startE2eBackend(scenarios);
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await backend?.close();
  });

  async function openPane(query: string, width = 450): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${backend.url}/e2e-host.html?${query}`);
    return page;
  }

  const linked = (page: Page) => page.getByRole('region', { name: 'Linked records' });
  // Names also appear as the company line under contacts, projects and offers; the row buttons are unique.
  const suggested = (page: Page, name: string) => page.getByRole('button', { name: `Link ${name}`, exact: true }).count();
  const isLinked = (page: Page, name: string) => page.getByRole('button', { name: `Unlink ${name}`, exact: true }).count();

  it('on a read mail: suggests, links a company and an offer, keeps them after reload, unlinks one and files the mail', async () => {
    const page = await openPane('scenario=read-mail');
    await expect.poll(() => suggested(page, 'Nordlicht GmbH')).toBe(1);
    await expect.poll(() => suggested(page, 'Wartungsvertrag 2027')).toBe(1);

    await page.getByRole('button', { name: 'Link Nordlicht GmbH' }).click();
    await expect.poll(() => isLinked(page, 'Nordlicht GmbH')).toBe(1);
    await page.getByRole('button', { name: 'Link Wartungsvertrag 2027' }).click();
    await expect.poll(() => isLinked(page, 'Wartungsvertrag 2027')).toBe(1);

    await page.reload();
    await expect.poll(() => linked(page).getByRole('listitem').count()).toBe(2);

    await page.getByRole('button', { name: 'Unlink Nordlicht GmbH' }).click();
    await expect.poll(() => isLinked(page, 'Nordlicht GmbH')).toBe(0);
    expect(await isLinked(page, 'Wartungsvertrag 2027')).toBe(1);

    const filed = page.waitForResponse((res) => res.url().endsWith('/api/mails/file'));
    await page.getByRole('button', { name: 'File to CRM' }).click();
    const response = await filed;
    expect(response.status()).toBe(200);
    const { mailId } = (await response.json()) as { mailId: string };
    await expect.poll(() => page.getByRole('status').textContent()).toBe('The mail is filed in the CRM.');

    const viewer = await backend.crm.resolveViewer({ subject: USER.email, tenantId: 'e2e', email: USER.email, roles: ['user'] });
    const mail = await backend.crm.getMail(viewer, mailId);
    expect(mail.internetMessageId).toBe(MAIL_MESSAGE_ID);
    expect(mail.subject).toBe('Angebot Wartung 2027');
    expect(mail.from?.email).toBe('sabine.gross@nordlicht.example');
    expect(mail.body).toContain('anbei unser Angebot');
    expect(mail.body).not.toContain('<script');
    const links = await backend.crm.linksOfItem(viewer, { internetMessageId: MAIL_MESSAGE_ID });
    expect(links.links.map((l) => l.record.id)).toEqual([backend.records.offerId]);
    await page.close();
  });

  it('filing the same mail twice keeps one mail', async () => {
    const page = await openPane('scenario=read-mail');
    const filed = page.waitForResponse((res) => res.url().endsWith('/api/mails/file'));
    await page.getByRole('button', { name: 'File to CRM' }).click();
    const body = (await (await filed).json()) as { created: boolean };
    expect(body.created).toBe(false);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('The mail was already filed; its links are updated.');
    await page.close();
  });

  it.each([
    ['compose-mail', 'Draft'],
    ['appointment-organizer', 'Appointment (organizer)'],
    ['appointment-attendee', 'Appointment'],
  ])('opens on %s with suggestions from its addresses', async (scenario, kindLabel) => {
    const page = await openPane(`scenario=${scenario}`);
    await expect.poll(() => suggested(page, 'Nordlicht GmbH')).toBe(1);
    expect(await page.getByText(kindLabel, { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'File to CRM' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Link Sabine Groß' }).click();
    await expect.poll(() => isLinked(page, 'Sabine Groß')).toBe(1);
    await page.close();
  });

  it('searches by keyboard and links the chosen record', async () => {
    const page = await openPane('scenario=appointment-attendee');
    await page.getByRole('combobox', { name: 'Search the CRM' }).fill('Wartung');
    await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => linked(page).getByRole('listitem').count()).toBe(2);
    await page.close();
  });

  it('speaks German when Outlook does', async () => {
    const page = await openPane('scenario=read-mail&lang=de-DE');
    await expect.poll(() => page.getByRole('button', { name: 'Nordlicht GmbH verknüpfen' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Vorschläge' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Im CRM ablegen' }).count()).toBe(1);
    await page.close();
  });

  it.each([320, 450])('fits %i px in light and dark theme (screenshots in test/artifacts)', async (width) => {
    for (const theme of ['light', 'dark']) {
      const page = await openPane(`scenario=read-mail&theme=${theme}`, width);
      await expect.poll(() => suggested(page, 'Nordlicht GmbH')).toBe(1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(ARTIFACTS, `pane-read-mail-${width}-${theme}.png`), fullPage: true });
      await page.close();
    }
  });
});
