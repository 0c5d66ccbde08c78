import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EWS_EXAMPLES_DIR, ewsSchemaAvailable, ewsSchemaMissingNotice, validateEnvelopes } from '../../support/ews-schema';

if (!ewsSchemaAvailable) console.warn(ewsSchemaMissingNotice);

describe.skipIf(!ewsSchemaAvailable)('EWS schema validator', () => {
  it('accepts a published request and rejects the same request with children out of order', async () => {
    const valid = readFileSync(resolve(EWS_EXAMPLES_DIR, 'getfolder-request-distinguished.xml'), 'utf8');
    const reordered = valid.replace(/(<FolderShape>[\s\S]*?<\/FolderShape>)(\s*)(<FolderIds>[\s\S]*?<\/FolderIds>)/, '$3$2$1');
    expect(reordered).not.toBe(valid);
    const [ok, bad] = await validateEnvelopes([
      { name: 'published', xml: valid },
      { name: 'reordered', xml: reordered },
    ]);
    expect(ok).toMatchObject({ valid: true, errors: [] });
    expect(bad?.valid).toBe(false);
    expect(bad?.errors.join('\n')).toMatch(/FolderIds|FolderShape/);
  });
});
