import { describe, expect, it } from 'vitest';
import { ewsSchemaAvailable, ewsSchemaMissingNotice, validateEnvelopes } from '../../../support/ews-schema';
import { requestCorpus } from './request-corpus';

if (!ewsSchemaAvailable) console.warn(ewsSchemaMissingNotice);

describe.skipIf(!ewsSchemaAvailable)('EWS request builders against Microsoft schema', () => {
  it('produce only requests that validate against messages.xsd/types.xsd (all in one xmllint run)', async () => {
    const docs = Object.entries(requestCorpus).map(([name, xml]) => ({ name, xml }));
    const verdicts = await validateEnvelopes(docs);
    const invalid = verdicts.filter((v) => !v.valid);
    console.info(`EWS request schema validation: ${verdicts.length - invalid.length} of ${verdicts.length} requests valid`);
    expect(docs.length).toBeGreaterThanOrEqual(25);
    expect(invalid.map((v) => `${v.name}: ${v.errors.join('; ')}`)).toEqual([]);
  });
});
