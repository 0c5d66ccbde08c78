import { describe, expect, it } from 'vitest';
import { isExchangeError, type ExchangeError } from '../../../../server/src/exchange/exchange-error';
import { parseGetFolderResponse } from '../../../../server/src/exchange/ews/get-folder';
import { parseSyncFolderItemsResponse } from '../../../../server/src/exchange/ews/sync-folder-items';
import { readSoapBody } from '../../../../server/src/exchange/ews/soap-response';

function failure(status: number, body: string, headers: Record<string, string> = {}): ExchangeError {
  try {
    readSoapBody({ status, headers, body });
  } catch (err) {
    if (isExchangeError(err)) return err;
    throw err;
  }
  throw new Error('expected an ExchangeError');
}

const busyFault = (detail: boolean): string => `<?xml version="1.0"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorServerBusy</faultcode>
<faultstring xml:lang="en-US">The server cannot service this request right now.</faultstring>
${detail ? `<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode>
<t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><t:Value Name="BackOffMilliseconds">1200</t:Value></t:MessageXml></detail>` : ''}
</s:Fault></s:Body></s:Envelope>`;

/** Synthetic: Microsoft publishes no XML for this fault; shape as the other faults (see README of the examples). */
const impersonationFault = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorImpersonateUserDenied</faultcode>
<faultstring>The account does not have permission to impersonate the requested user.</faultstring>
<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorImpersonateUserDenied</e:ResponseCode></detail>
</s:Fault></s:Body></s:Envelope>`;

describe('SOAP response reading', () => {
  it.each([500, 200])('reads an ErrorServerBusy fault with detail sent with HTTP %i', (status) => {
    expect(failure(status, busyFault(true))).toMatchObject({ kind: 'throttled', code: 'ErrorServerBusy', retryAfterMs: 1200, httpStatus: status });
  });

  it('reads the code from faultcode when a fault has no detail', () => {
    expect(failure(500, busyFault(false))).toMatchObject({ kind: 'throttled', code: 'ErrorServerBusy', retryAfterMs: undefined });
  });

  it('maps the synthetic ErrorImpersonateUserDenied fault to impersonation-denied', () => {
    expect(failure(500, impersonationFault)).toMatchObject({ kind: 'impersonation-denied', code: 'ErrorImpersonateUserDenied' });
  });

  it('refuses the https:// SOAP namespace of the 2020 docs with a message naming it', () => {
    const body = '<s:Envelope xmlns:s="https://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>';
    const error = failure(200, body);
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('https://schemas.xmlsoap.org/soap/envelope/');
  });

  it('maps an HTTP error with an HTML body by its status', () => {
    expect(failure(401, '<html><body>Unauthorized</body></html>')).toMatchObject({ kind: 'auth-failed', httpStatus: 401 });
    expect(failure(403, '', { 'x-ews-policy-reason': 'EwsBlocked' })).toMatchObject({ kind: 'ews-disabled' });
  });

  it('fails clearly on a 200 answer that is not XML', () => {
    expect(failure(200, 'not xml at all <')).toMatchObject({ kind: 'unknown' });
  });

  it('matches elements by namespace whatever the prefixes (default namespaces, odd prefixes)', () => {
    const body = `<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body>
      <GetFolderResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
        <ResponseMessages><GetFolderResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode>
          <Folders><x:ContactsFolder xmlns:x="http://schemas.microsoft.com/exchange/services/2006/types">
            <x:FolderId Id="F1" ChangeKey="C1"/><x:DisplayName>Kontakte</x:DisplayName><x:Unknown><x:Deeper/></x:Unknown><x:TotalCount/>
          </x:ContactsFolder></Folders>
        </GetFolderResponseMessage></ResponseMessages></GetFolderResponse></env:Body></env:Envelope>`;
    const [outcome] = parseGetFolderResponse(readSoapBody({ status: 200, headers: {}, body }));
    expect(outcome).toEqual({ ok: true, value: { kind: 'ContactsFolder', folderId: { id: 'F1', changeKey: 'C1' }, displayName: 'Kontakte' } });
  });

  it('does not match an element of the right name in the wrong namespace', () => {
    const body = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
      <m:SyncFolderItemsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:o="urn:other">
      <m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
      <m:SyncState>S2</m:SyncState><m:IncludesLastItemInRange>false</m:IncludesLastItemInRange>
      <m:Changes><o:Create><t:Contact><t:ItemId Id="X"/></t:Contact></o:Create><t:Delete><t:ItemId Id="D1"/></t:Delete></m:Changes>
      </m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse></s:Body></s:Envelope>`;
    const result = parseSyncFolderItemsResponse(readSoapBody({ status: 200, headers: {}, body }));
    expect(result).toEqual({ syncState: 'S2', includesLastItemInRange: false, changes: [{ kind: 'delete', itemId: { id: 'D1' } }] });
  });
});
