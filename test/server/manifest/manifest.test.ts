import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest, MANIFEST_PERMISSION } from '../../../server/src/manifest/build-manifest';
import {
  DEV_APP_ID,
  DEV_MANIFEST_HOST,
  ManifestOptionError,
  deriveAddinId,
  resolveManifestOptions,
} from '../../../server/src/manifest/manifest-options';
import { hasManifestSchemas, MANIFEST_SCHEMA_DIR, validateManifestXml } from './manifest-schema';

const schemasPresent = hasManifestSchemas();
if (!schemasPresent) {
  console.warn(`Manifest XSD tests skipped: Microsoft's schemas not found in ${MANIFEST_SCHEMA_DIR}`);
}

const committed = readFileSync(join(process.cwd(), 'manifest.xml'), 'utf8');
const installation = buildManifest(
  resolveManifestOptions({ host: 'https://crm.example.com', appId: '5C3B2F0E-8A51-4B7A-9D2E-1F0A6B4C7D90' }),
);

describe.runIf(schemasPresent)('manifest against Microsoft XSDs', () => {
  it('validates the committed manifest.xml', async () => {
    const result = await validateManifestXml(committed);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('validates a manifest generated for another installation', async () => {
    const result = await validateManifestXml(installation);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('rejects a manifest whose task pane action has pinning in the 1.0 overrides', async () => {
    const broken = committed.replace('<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="Taskpane.Url"/><SupportsPinning>true</SupportsPinning>');
    expect((await validateManifestXml(broken)).valid).toBe(false);
  });

  it('rejects an unknown element inside the 1.1 overrides, so they are checked too', async () => {
    const at = committed.lastIndexOf('<SupportsPinning>');
    expect((await validateManifestXml(`${committed.slice(0, at)}<Unknown/>${committed.slice(at)}`)).valid).toBe(false);
  });
});

describe('manifest content', () => {
  it('matches what the generator writes for the development host', () => {
    expect(committed).toBe(buildManifest(resolveManifestOptions({ host: DEV_MANIFEST_HOST, appId: DEV_APP_ID })));
  });

  it('offers a pinnable task pane on read, compose, organizer and attendee surfaces', () => {
    for (const surface of ['MessageRead', 'MessageCompose', 'AppointmentOrganizer', 'AppointmentAttendee']) {
      expect(installation.split(`xsi:type="${surface}CommandSurface"`)).toHaveLength(3);
    }
    expect(installation.split('<SupportsPinning>true</SupportsPinning>')).toHaveLength(5);
  });

  it('points every URL at the installation host', () => {
    const urls = [...installation.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !u.includes('schemas.microsoft.com') && !u.includes('www.w3.org'));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(new URL(url).origin).toBe('https://crm.example.com');
    expect(installation).toContain('<AppDomain>https://crm.example.com</AppDomain>');
  });

  it('names the backend app id and its resource in WebApplicationInfo', () => {
    expect(installation).toContain('<Id>5c3b2f0e-8a51-4b7a-9d2e-1f0a6b4c7d90</Id>');
    expect(installation).toContain('<Resource>api://crm.example.com/5c3b2f0e-8a51-4b7a-9d2e-1f0a6b4c7d90</Resource>');
    expect(installation).toContain(`<Permissions>${MANIFEST_PERMISSION}</Permissions>`);
  });

  it('localizes display name and button texts into German', () => {
    expect(installation).toContain('<bt:Override Locale="de-DE" Value="CRM-Verknüpfungen"/>');
  });
});

describe('manifest options', () => {
  it('keeps the add-in id stable per host and distinct between hosts', () => {
    expect(deriveAddinId('https://crm.example.com')).toBe(deriveAddinId('https://crm.example.com'));
    expect(deriveAddinId('https://crm.example.com')).not.toBe(deriveAddinId('https://crm.example.org'));
    expect(deriveAddinId('https://crm.example.com')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['an http host', { host: 'http://crm.example.com', appId: DEV_APP_ID }],
    ['a host with a path', { host: 'https://crm.example.com/crm', appId: DEV_APP_ID }],
    ['an app id that is no GUID', { host: 'https://crm.example.com', appId: 'tandem' }],
  ])('refuses %s', (_label, input) => {
    expect(() => resolveManifestOptions(input)).toThrow(ManifestOptionError);
  });
});

describe('manifest icons', () => {
  it('ships every referenced icon as a PNG of the size its name states', () => {
    for (const match of committed.matchAll(/\/assets\/icon-(\d+)\.png/g)) {
      const png = readFileSync(join(process.cwd(), 'addin', 'public', 'assets', `icon-${match[1]}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(Number(match[1]));
      expect(png.readUInt32BE(20)).toBe(Number(match[1]));
    }
  });
});
