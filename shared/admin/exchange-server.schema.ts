import { z } from 'zod';

/** B1: where the mailboxes live; Exchange Online is reached by EWS until Graph lands (PLATFORM.md). */
export const exchangeServerTypes = ['on-premises', 'exchange-online'] as const;
export type ExchangeServerType = (typeof exchangeServerTypes)[number];

/** `RequestServerVersion` values of Microsoft's types.xsd (ExchangeVersionType) that the admin may pick. */
export const ewsVersions = [
  'Exchange2007_SP1',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_01_07',
  'V2017_04_14',
  'V2017_07_11',
  'V2017_10_09',
  'V2018_01_08',
] as const;
export type EwsVersion = (typeof ewsVersions)[number];

/** The fixed EWS address of Exchange Online (ConAktiv slides, Microsoft docs). */
export const exchangeOnlineEwsUrl = 'https://outlook.office365.com/EWS/Exchange.asmx';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * Secrets are write-only: inputs may carry them, outputs only say whether one is stored.
 * An omitted secret on update keeps the stored one, so the console never needs to read it.
 */
export const oauth2AuthInputSchema = z.strictObject({
  method: z.literal('oauth2'),
  tenantId: z.string().trim().min(1).max(200),
  clientId: z.string().trim().min(1).max(200),
  clientSecret: z.string().min(1).max(4096).optional(),
});

export const basicAuthInputSchema = z.strictObject({
  method: z.literal('basic'),
  username: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(4096).optional(),
});

export const exchangeAuthInputSchema = z.discriminatedUnion('method', [oauth2AuthInputSchema, basicAuthInputSchema]);
export type ExchangeAuthInput = z.infer<typeof exchangeAuthInputSchema>;

export const exchangeAuthOutputSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('oauth2'), tenantId: z.string(), clientId: z.string(), clientSecretSet: z.boolean() }),
  z.strictObject({ method: z.literal('basic'), username: z.string(), passwordSet: z.boolean() }),
]);
export type ExchangeAuthOutput = z.infer<typeof exchangeAuthOutputSchema>;

export const exchangeServerInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  type: z.enum(exchangeServerTypes),
  ewsUrl: httpUrl,
  graphEndpoint: httpUrl.nullable().default(null),
  version: z.enum(ewsVersions).default('Exchange2013_SP1'),
  /** Login name to use instead of the mailbox address (myfactory "alternativer Anmeldename"). */
  alternativeLoginName: z.string().trim().max(320).nullable().default(null),
  auth: exchangeAuthInputSchema,
});
export type ExchangeServerInput = z.infer<typeof exchangeServerInputSchema>;

export const exchangeServerSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.enum(exchangeServerTypes),
  ewsUrl: z.string(),
  graphEndpoint: z.string().nullable(),
  version: z.enum(ewsVersions),
  alternativeLoginName: z.string().nullable(),
  auth: exchangeAuthOutputSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExchangeServer = z.infer<typeof exchangeServerSchema>;

export const discoverUrlInputSchema = z.strictObject({ email: z.email() });
export const discoverUrlResultSchema = z.strictObject({ ewsUrl: z.string().nullable(), message: z.string() });

export const testConnectionInputSchema = z.strictObject({ mailbox: z.email().optional() });
export const testConnectionResultSchema = z.strictObject({
  ok: z.boolean(),
  /** Closed error kind (exchange-error.ts) when the test failed, for the console's hint. */
  errorKind: z.string().nullable(),
  message: z.string(),
});
