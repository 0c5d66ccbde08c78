import { z } from 'zod';

/** Turns `VAR=` (set but empty) into "not set", so an empty line in an env file means the default. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const commaList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
  .pipe(z.array(z.string()).min(1, 'must list at least one value'));

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const base64Key = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, {
    error: 'must be 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`)',
  })
  .transform((value) => Buffer.from(value, 'base64'));

/**
 * Every environment variable Tandem reads. README's "Configuration" table documents the
 * same list; a test keeps the two in step.
 */
export const envSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])),
  PORT: optional(z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0).max(65_535)),
  HOST: optional(z.string().trim()),
  PUBLIC_URL: optional(httpUrl),
  DATA_DIR: optional(z.string().trim()),
  DATABASE_URL: optional(z.string().trim().regex(/^postgres(ql)?:\/\/\S+$/, 'must start with postgres:// or postgresql://')),
  TLS_CERT_FILE: optional(z.string().trim()),
  TLS_KEY_FILE: optional(z.string().trim()),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  BODY_LIMIT: optional(z.string().trim().toLowerCase().regex(/^\d+(b|kb|mb)$/, 'must look like 512kb or 1mb')),
  ADDIN_DIST_DIR: optional(z.string().trim()),
  AUTH_ISSUER: optional(httpUrl),
  AUTH_AUDIENCE: optional(commaList),
  AUTH_JWKS_URL: optional(httpUrl),
  AUTH_TENANT_ID: optional(commaList),
  AUTH_ADMIN_ROLE: optional(z.string().trim().min(1)),
  AUTH_REQUIRED_SCOPE: optional(z.string().trim().regex(/^\S+$/, 'must be one scope name without spaces')),
  AUTH_LOCAL_ISSUER: optional(flag),
  SECRETS_KEY: optional(base64Key),
  ADDIN_CLIENT_ID: optional(z.string().trim()),
  ADDIN_AUTHORITY: optional(httpUrl),
  ADDIN_API_SCOPE: optional(z.string().trim()),
  TANDEM_CONFIG: optional(z.string().trim()),
  TANDEM_TIME_ZONE: optional(z.string().trim().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' })),
  EXCHANGE_CA_FILE: optional(z.string().trim()),
  TANDEM_NODE_NAME: optional(z.string().trim().max(200, 'must be at most 200 characters')),
  TANDEM_SYNC_TICK_SECONDS: optional(z.coerce.number({ error: 'must be a number of seconds' }).int('must be a whole number').min(1).max(300)),
  TANDEM_QUEUE_SCHEMA: optional(z.string().trim().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier such as pgboss')),
  CRM_RECORD_URL: optional(
    z
      .string()
      .trim()
      .refine((value) => value.includes('{id}'), { error: 'must contain the {id} placeholder' })
      .refine((value) => /^https?:\/\//.test(value), { error: 'must be an http:// or https:// URL pattern' }),
  ),
});

export type Env = z.infer<typeof envSchema>;

