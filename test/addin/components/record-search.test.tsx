import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../../addin/src/api/crm-api';
import { RecordSearch } from '../../../addin/src/components/RecordSearch';
import { buildRecordKey } from '../../../addin/src/components/record-text';
import { selectStrings } from '../../../addin/src/i18n/strings';
import { acme, max, offer } from '../support/fake-crm-api';

const hits: SearchHit[] = [acme, max, offer].map((record) => ({ record, match: 'prefix' }));

function setup(options: { linked?: string[]; search?: (q: string, s: AbortSignal) => Promise<SearchHit[]> } = {}) {
  const search = vi.fn(options.search ?? (async () => hits));
  const onLink = vi.fn();
  const onAnnounce = vi.fn();
  const onError = vi.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <RecordSearch
        strings={selectStrings('en')}
        search={search}
        linkedKeys={new Set(options.linked ?? [])}
        onLink={onLink}
        onAnnounce={onAnnounce}
        onError={onError}
        debounceMs={DEBOUNCE_MS}
      />
    </FluentProvider>,
  );
  const user = userEvent.setup({ delay: null });
  return { search, onLink, onAnnounce, onError, user, input: screen.getByRole('combobox', { name: 'Search the CRM' }) };
}

const DEBOUNCE_MS = 80;

/** Waits past the debounce; typing with `delay: null` finishes well inside it. */
async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 2));
  });
}

describe('RecordSearch', () => {
  it('searches once per pause in typing, with the last text', async () => {
    const { search, user, input } = setup();
    await user.type(input, 'acm');
    expect(search).not.toHaveBeenCalled();
    await settle();
    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0]?.[0]).toBe('acm');
    expect(screen.getAllByRole('option')).toHaveLength(3);
  });

  it('aborts the request of a text that was replaced while it ran', async () => {
    const signals: AbortSignal[] = [];
    const { user, input } = setup({
      search: (_q, signal) => {
        signals.push(signal);
        return new Promise(() => undefined);
      },
    });
    await user.type(input, 'ac');
    await settle();
    await user.type(input, 'm');
    await settle();
    expect(signals).toHaveLength(2);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
  });

  it('moves through results with the arrow keys and links the active one with Enter', async () => {
    const { onLink, user, input } = setup();
    await user.type(input, 'a');
    await settle();
    expect(input).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{ArrowDown}');
    const active = screen.getByRole('option', { selected: true });
    expect(input).toHaveAttribute('aria-activedescendant', active.id);
    expect(active).toHaveTextContent('Max Muster');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(screen.getByRole('option', { selected: true })).toHaveTextContent('Wartungsvertrag 2027');
    await user.keyboard('{Enter}');
    expect(onLink).toHaveBeenCalledWith(offer);
  });

  it('does not link an already linked record and marks it', async () => {
    const { onLink, user, input } = setup({ linked: [buildRecordKey(acme)] });
    await user.type(input, 'a');
    await settle();
    await user.keyboard('{Enter}');
    expect(onLink).not.toHaveBeenCalled();
    expect(screen.getAllByRole('option')[0]).toHaveTextContent('Linked');
  });

  it('announces the result count and says when nothing was found', async () => {
    const { onAnnounce, user, input } = setup({ search: async () => [] });
    await user.type(input, 'zzz');
    await settle();
    expect(onAnnounce).toHaveBeenCalledWith('Nothing found for “zzz”.');
    expect(screen.getByText('Nothing found for “zzz”.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-expanded', 'false');
  });

  it('clears text and results with Escape', async () => {
    const { user, input } = setup();
    await user.type(input, 'a');
    await settle();
    await user.keyboard('{Escape}');
    expect(input).toHaveValue('');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });

  it('reports a failed search to the pane', async () => {
    const failure = new Error('boom');
    const { onError, user, input } = setup({ search: async () => Promise.reject(failure) });
    await user.type(input, 'a');
    await settle();
    expect(onError).toHaveBeenCalledWith(failure);
  });
});
