import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { adminEn } from '../../../addin/src/admin/i18n/admin-strings.en';
import { AdminRoot } from '../../../addin/src/admin/shell/AdminRoot';

function backend(adminAnswer: number): typeof fetch {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/api/public-config')) return Response.json({ auth: { mode: 'local', localTokenUrl: '/auth/local/token' } });
    if (url.endsWith('/auth/local/token')) {
      const body = JSON.parse(String(init?.body)) as { roles: string[] };
      return Response.json({ access_token: body.roles.includes('Tandem.Admin') ? 'admin-token' : 'user-token' });
    }
    if (url.endsWith('/api/admin/exchange-servers')) {
      return adminAnswer === 200 ? Response.json([]) : Response.json({ error: { code: 'forbidden', message: 'Admin role required' } }, { status: adminAnswer });
    }
    return Response.json({ items: [], nextCursor: null });
  }) as unknown as typeof fetch;
}

describe('AdminRoot', { timeout: 20_000 }, () => {
  it('shows the 403 page naming the missing role when the signed-in user is not an admin', async () => {
    const doFetch = backend(403);
    render(<AdminRoot strings={adminEn} baseUrl="" redirectUri="http://localhost/admin.html" fetch={doFetch} />);
    await userEvent.click(await screen.findByRole('checkbox', { name: adminEn.signIn.devAdmin }));
    await userEvent.click(screen.getByRole('button', { name: adminEn.signIn.devSignIn }));

    expect(await screen.findByRole('heading', { name: adminEn.forbidden.title })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Tandem.Admin');
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
  });

  it('opens the console after a development sign-in with the admin role, sending the token only as a bearer header', async () => {
    const doFetch = backend(200);
    render(<AdminRoot strings={adminEn} baseUrl="" redirectUri="http://localhost/admin.html" fetch={doFetch} />);
    expect(await screen.findByText(adminEn.signIn.devTitle)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: adminEn.signIn.devSignIn }));

    expect(await screen.findByRole('tab', { name: adminEn.nav.servers })).toBeInTheDocument();
    const adminCall = vi.mocked(doFetch).mock.calls.find(([url]) => String(url).endsWith('/api/admin/exchange-servers'));
    expect(new Headers(adminCall?.[1]?.headers).get('authorization')).toBe('Bearer admin-token');
  });
});
