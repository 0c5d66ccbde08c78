/** What one Autodiscover answer says: settings, or go ask elsewhere. */
export type AutodiscoverAnswer =
  | { readonly kind: 'settings'; readonly settings: AutodiscoverSettings }
  | { readonly kind: 'redirectAddress'; readonly address: string }
  | { readonly kind: 'redirectUrl'; readonly url: string }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

export interface AutodiscoverSettings {
  readonly internalEwsUrl?: string;
  readonly externalEwsUrl?: string;
  /** e.g. `15.01.2507.000`; POX answers carry no readable version. */
  readonly casVersion?: string;
  readonly ewsSupportedSchemas?: readonly string[];
  readonly displayName?: string;
  /** Every setting as the server named it (SOAP), for the admin's eyes. */
  readonly raw: Readonly<Record<string, string>>;
}

/** The URL we will use: external first, since the sync server may run outside the Exchange LAN. */
export function preferredEwsUrl(settings: AutodiscoverSettings): string | undefined {
  return settings.externalEwsUrl ?? settings.internalEwsUrl;
}
