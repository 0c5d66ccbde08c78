import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Outlook shows the task pane in an iframe (Outlook on the web, new Outlook for Windows),
 * so framing is allowed for Outlook's origins rather than forbidden.
 */
export const OUTLOOK_FRAME_ANCESTORS: readonly string[] = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.cloud.microsoft',
  'https://outlook.live.com',
  'https://*.outlook.com',
  'https://*.office.com',
  'https://*.officeapps.live.com',
];

// Office.js must be loaded from Microsoft's CDN for the add-in to be accepted by AppSource/Outlook.
const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';
const ENTRA_ORIGIN = 'https://login.microsoftonline.com';

export interface SecurityHeaderOptions {
  /** The add-in's sign-in authority (ADDIN_AUTHORITY), when it is not Entra's global one. */
  readonly authority?: string;
  /** PUBLIC_URL: over plain HTTP (local development) requests must not be upgraded to HTTPS. */
  readonly publicUrl?: string;
}

function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** helmet's defaults (HSTS, nosniff, referrer policy, …) with a CSP fitted to the add-in. */
export function securityHeaders(options: SecurityHeaderOptions = {}): RequestHandler {
  const signIn = [ENTRA_ORIGIN, ...(options.authority ? [new URL(options.authority).origin] : [])];
  const signInOrigins = [...new Set(signIn)];
  const publicUrl = options.publicUrl ? new URL(options.publicUrl) : undefined;
  const https = publicUrl?.protocol === 'https:';
  // HSTS on localhost would pin every local port to HTTPS for a year in the developer's browser.
  const hsts = https && publicUrl !== undefined && !isLocalHost(publicUrl.hostname);
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", OFFICE_JS_ORIGIN],
        // Fluent UI v9 (Griffel) inserts its atomic CSS at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", OFFICE_JS_ORIGIN, ...signInOrigins],
        // MSAL's hidden-iframe fallback and Office.js' own frames.
        frameSrc: ["'self'", OFFICE_JS_ORIGIN, ...signInOrigins],
        frameAncestors: ["'self'", ...OUTLOOK_FRAME_ANCESTORS],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    // X-Frame-Options can name one origin at most; CSP frame-ancestors above governs framing.
    frameguard: false,
    // Office dialogs and MSAL popups need to talk back to their opener.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    strictTransportSecurity: hsts ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}
