import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, LOCAL_AUDIENCE, LOCAL_TENANT_ID } from '../../../server/src/config';
import { envSchema } from '../../../server/src/config/env-schema';

const KEY = Buffer.alloc(32, 7).toString('base64');
const ENTRA = {
  AUTH_ISSUER: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
  AUTH_AUDIENCE: 'api://tandem.example.com/abc',
  AUTH_TENANT_ID: '11111111-2222-3333-4444-555555555555',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('starts with no configuration at all: port 3000, ./.data, embedded database, development issuer with a warning', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3000, host: '127.0.0.1', publicUrl: 'http://localhost:3000', dataDir: resolve('.data'), bodyLimit: '1mb', logLevel: 'info' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.tls).toBeUndefined();
    expect(config.auth).toEqual({ mode: 'local', issuer: 'http://localhost:3000/auth/local', audiences: [LOCAL_AUDIENCE], tenantIds: [LOCAL_TENANT_ID], adminRole: 'Tandem.Admin' });
    expect(config.warnings.join('\n')).toMatch(/DEVELOPMENT token issuer is on/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: ' ', AUTH_ISSUER: '' }).port).toBe(3000);
  });

  it('reads an Entra setup with lists, admin role, scope, JWKS URL and the add-in settings', () => {
    const config = loadConfig({
      ...ENTRA,
      AUTH_AUDIENCE: 'api://tandem.example.com/abc, 0b3c5c2e-1111-2222-3333-444444444444',
      AUTH_TENANT_ID: 'tenant-1,tenant-2',
      AUTH_ADMIN_ROLE: 'CRM.Admin',
      AUTH_REQUIRED_SCOPE: 'access_as_user',
      AUTH_JWKS_URL: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      NODE_ENV: 'production',
      SECRETS_KEY: KEY,
      PORT: '8443',
      PUBLIC_URL: 'https://tandem.example.com/',
      ADDIN_CLIENT_ID: 'client-id',
      ADDIN_API_SCOPE: 'api://tandem.example.com/abc/access_as_user',
      CRM_RECORD_URL: 'https://crm.example.com/{type}/{id}',
    });
    expect(config.auth).toEqual({
      mode: 'external',
      issuer: ENTRA.AUTH_ISSUER,
      jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      audiences: ['api://tandem.example.com/abc', '0b3c5c2e-1111-2222-3333-444444444444'],
      tenantIds: ['tenant-1', 'tenant-2'],
      adminRole: 'CRM.Admin',
      requiredScope: 'access_as_user',
    });
    expect(config.publicUrl).toBe('https://tandem.example.com');
    expect(config.secretsKey).toEqual(Buffer.alloc(32, 7));
    expect(config.publicConfig).toEqual({ clientId: 'client-id', apiScope: 'api://tandem.example.com/abc/access_as_user', crmRecordUrl: 'https://crm.example.com/{type}/{id}' });
    expect(config.warnings).toEqual([]);
  });

  it('defaults PUBLIC_URL to https when both certificate and key are given', () => {
    const config = loadConfig({ TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: 'key.pem' });
    expect(config.tls).toEqual({ certFile: resolve('cert.pem'), keyFile: resolve('key.pem') });
    expect(config.publicUrl).toBe('https://localhost:3000');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ PUBLIC_URL: 'ftp://x' }, /^PUBLIC_URL: /],
    [{ DATABASE_URL: 'mysql://db' }, /^DATABASE_URL: must start with postgres/],
    [{ SECRETS_KEY: 'c2hvcnQ=' }, /^SECRETS_KEY: must be 32 random bytes/],
    [{ BODY_LIMIT: 'lots' }, /^BODY_LIMIT: /],
    [{ AUTH_LOCAL_ISSUER: 'maybe' }, /^AUTH_LOCAL_ISSUER: must be true or false/],
    [{ CRM_RECORD_URL: 'https://crm.example.com/records' }, /^CRM_RECORD_URL: must contain the \{id\}/],
    [{ TLS_CERT_FILE: 'cert.pem' }, /^TLS_KEY_FILE: is required/],
  ])('names the variable of an invalid value: %j', (env, expected) => {
    expect(problemsOf(env)).toEqual([expect.stringMatching(expected)]);
  });

  it('never repeats the value of a variable that may hold credentials', () => {
    const message = problemsOf({ DATABASE_URL: 'mysql://user:hunter2@db', SECRETS_KEY: 'hunter3' }).join('\n');
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/SECRETS_KEY/);
    expect(message).not.toMatch(/hunter/);
  });

  it('lists every problem at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });

  it('refuses the development issuer in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_LOCAL_ISSUER: 'true', SECRETS_KEY: KEY })).toEqual([expect.stringMatching(/^AUTH_LOCAL_ISSUER: must not be enabled/)]);
  });

  it('requires an issuer, audience, tenant and secrets key in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_TENANT_ID', 'SECRETS_KEY']);
  });

  it('requires the audience and tenant with an external issuer', () => {
    expect(problemsOf({ AUTH_ISSUER: ENTRA.AUTH_ISSUER }).map((p) => p.split(':')[0])).toEqual(['AUTH_AUDIENCE', 'AUTH_TENANT_ID']);
  });

  it('refuses an external issuer and the development issuer together', () => {
    expect(problemsOf({ ...ENTRA, AUTH_LOCAL_ISSUER: 'true' })).toEqual([expect.stringMatching(/^AUTH_ISSUER: set either/)]);
  });

  it('requires SECRETS_KEY with a database server, which several instances share', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/tandem' })).toEqual([expect.stringMatching(/^SECRETS_KEY: is required with DATABASE_URL/)]);
  });

  it('turns the development issuer off without a warning when an external issuer is set', () => {
    const config = loadConfig(ENTRA);
    expect(config.auth.mode).toBe('external');
    expect(config.warnings).toEqual([]);
  });

  it('keeps the development issuer on silently when it is asked for explicitly', () => {
    const config = loadConfig({ AUTH_LOCAL_ISSUER: 'true', NODE_ENV: 'test' });
    expect(config.auth.mode).toBe('local');
    expect(config.warnings).toEqual([]);
  });
});

describe('README configuration table', () => {
  it('documents exactly the variables the schema reads', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration'));
    expect(section, 'README.md needs a "## Configuration" section').toBeDefined();
    const documented = [...(section ?? '').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
});
