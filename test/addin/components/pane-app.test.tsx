import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../addin/src/api/api-error';
import type { CrmApi } from '../../../addin/src/api/crm-api';
import { selectStrings } from '../../../addin/src/i18n/strings';
import type { ItemContext } from '../../../addin/src/office/item-context';
import { PaneApp } from '../../../addin/src/pane/PaneApp';
import { acme, createFakeCrmApi, max, offer, readMailContext } from '../support/fake-crm-api';

function renderPane(api: CrmApi, options: { context?: ItemContext; language?: string; pattern?: string } = {}) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <PaneApp
        api={api}
        context={options.context ?? readMailContext}
        strings={selectStrings(options.language ?? 'en-US')}
        recordUrlPattern={options.pattern ?? 'https://crm.example.com/{type}/{id}'}
        win={window}
      />
    </FluentProvider>,
  );
}

const suggestionsSection = () => screen.getByRole('region', { name: 'Suggestions' });
const linkedSection = () => screen.getByRole('region', { name: 'Linked records' });

describe('PaneApp', () => {
  it('shows suggestions from the item addresses and announces their number', async () => {
    const api = createFakeCrmApi();
    renderPane(api);
    expect(await within(suggestionsSection()).findByText('Acme GmbH')).toBeInTheDocument();
    expect(api.suggestRecords).toHaveBeenCalledWith(['max.muster@kunde.example', 'anna.berger@example.com']);
    expect(screen.getByRole('status')).toHaveTextContent('3 suggestions');
    expect(within(linkedSection()).getByText('This item is not linked to any CRM record yet.')).toBeInTheDocument();
  });

  it('links a suggestion with one click under the item stable identities', async () => {
    const api = createFakeCrmApi();
    renderPane(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Link Acme GmbH' }));
    await waitFor(() => expect(within(linkedSection()).getByText('Acme GmbH')).toBeInTheDocument());
    expect(api.linkRecords).toHaveBeenCalledWith(
      {
        kind: 'mail',
        mailbox: 'anna.berger@example.com',
        identities: { internetMessageId: '<offer-42@kunde.example>', restId: 'rest-read', ewsId: 'AAMk-read=' },
        conversationId: 'conv-1',
        subject: 'Angebot 42',
      },
      [{ type: 'company', id: acme.id }],
    );
    expect(within(suggestionsSection()).queryByText('Acme GmbH')).not.toBeInTheDocument();
  });

  it('links several selected suggestions in one call', async () => {
    const api = createFakeCrmApi();
    renderPane(api);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Acme GmbH' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Wartungsvertrag 2027' }));
    await userEvent.click(screen.getByRole('button', { name: 'Link selected (2)' }));
    await waitFor(() => expect(within(linkedSection()).getByText('Wartungsvertrag 2027')).toBeInTheDocument());
    expect(api.linkRecords).toHaveBeenCalledTimes(1);
    expect(api.linkRecords.mock.calls[0]?.[1]).toEqual([
      { type: 'company', id: acme.id },
      { type: 'offer', id: offer.id },
    ]);
  });

  it('unlinks a linked record with one click', async () => {
    const api = createFakeCrmApi();
    await api.linkRecords(undefined, [{ type: 'contact', id: max.id }]);
    renderPane(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Unlink Max Muster' }));
    await waitFor(() => expect(within(linkedSection()).queryByText('Max Muster')).not.toBeInTheDocument());
    expect(api.unlinkRecords).toHaveBeenCalledWith(
      { internetMessageId: '<offer-42@kunde.example>', restId: 'rest-read', ewsId: 'AAMk-read=' },
      [{ type: 'contact', id: max.id }],
    );
  });

  it('opens linked records at the configured CRM URL pattern', async () => {
    const api = createFakeCrmApi();
    await api.linkRecords(undefined, [{ type: 'offer', id: offer.id }]);
    renderPane(api);
    const link = await screen.findByRole('link', { name: 'Open Wartungsvertrag 2027 in the CRM' });
    expect(link).toHaveAttribute('href', `https://crm.example.com/offer/${offer.id}`);
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('files a received mail with its linked records and says so', async () => {
    const api = createFakeCrmApi();
    await api.linkRecords(undefined, [{ type: 'company', id: acme.id }]);
    renderPane(api);
    await userEvent.click(await screen.findByRole('button', { name: 'File to CRM' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('The mail is filed in the CRM.'));
    expect(api.fileMail).toHaveBeenCalledWith({ mailbox: 'anna.berger@example.com', ewsId: 'AAMk-read=', records: [{ type: 'company', id: acme.id }] });
  });

  it('offers no filing for a draft', async () => {
    renderPane(createFakeCrmApi(), { context: { ...readMailContext, kind: 'message-compose' } });
    await screen.findByText('Acme GmbH');
    expect(screen.queryByRole('button', { name: 'File to CRM' })).not.toBeInTheDocument();
    expect(screen.getByText('Drafts are not filed; send the mail first.')).toBeInTheDocument();
  });

  it('shows the empty state when no record matches the addresses', async () => {
    renderPane(createFakeCrmApi({ suggestions: [] }));
    expect(await screen.findByText('No CRM records match the addresses of this item.')).toBeInTheDocument();
  });

  it('shows an offline message with retry when the server cannot be reached, and recovers', async () => {
    const api = createFakeCrmApi();
    api.listLinks.mockRejectedValueOnce(new ApiCallError('offline', 'unreachable'));
    renderPane(api);
    expect(await screen.findByText('You are offline or the CRM server cannot be reached.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByText('You are offline or the CRM server cannot be reached.')).not.toBeInTheDocument());
    expect(api.listLinks).toHaveBeenCalledTimes(2);
  });

  it('shows a rights message when the server refuses a link', async () => {
    const api = createFakeCrmApi();
    api.linkRecords.mockRejectedValueOnce(new ApiCallError('forbidden', 'no', 403, 'forbidden'));
    renderPane(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Link Acme GmbH' }));
    expect(await screen.findByText('You have no rights for this action in the CRM.')).toBeInTheDocument();
  });

  it('says offline as soon as the browser loses its connection', async () => {
    renderPane(createFakeCrmApi());
    await screen.findByText('Acme GmbH');
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(screen.getByText('You are offline or the CRM server cannot be reached.')).toBeInTheDocument();
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(screen.queryByText('You are offline or the CRM server cannot be reached.')).not.toBeInTheDocument();
  });

  it('speaks German when Outlook runs in German', async () => {
    renderPane(createFakeCrmApi(), { language: 'de-DE' });
    expect(await screen.findByRole('button', { name: 'Acme GmbH verknüpfen' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Verknüpfte Datensätze' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Vorschläge' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Im CRM ablegen' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('3 Vorschläge');
    expect(screen.getByRole('combobox', { name: 'Im CRM suchen' })).toBeInTheDocument();
  });
});
