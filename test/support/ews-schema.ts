import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

/**
 * Validates SOAP envelopes against Microsoft's EWS schemas in `../shared/ews-schema/`
 * (beside the project, never copied into it). Compiling the schema dominates the cost
 * (~0.4 s), so callers collect documents and validate them in one call.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
export const EWS_SCHEMA_DIR = resolve(HERE, '../../../shared/ews-schema');
export const EWS_EXAMPLES_DIR = resolve(HERE, '../../../shared/ews-examples');

export const ewsSchemaAvailable = existsSync(resolve(EWS_SCHEMA_DIR, 'envelope.xsd'));
/** Give to `describe.skipIf(!ewsSchemaAvailable)` together with a console notice. */
export const ewsSchemaMissingNotice = `EWS schema folder not found at ${EWS_SCHEMA_DIR}: schema validation skipped`;

const PRELOADED = ['xml_minimal.xsd', 'messages.xsd', 'types.xsd', 'soap-envelope.xsd'];

let schemaFiles: { schema: XMLFileInfo; preload: XMLFileInfo[] } | undefined;

function loadSchemaFiles(): { schema: XMLFileInfo; preload: XMLFileInfo[] } {
  schemaFiles ??= {
    schema: { fileName: 'envelope.xsd', contents: readFileSync(resolve(EWS_SCHEMA_DIR, 'envelope.xsd')) },
    preload: PRELOADED.map((fileName) => ({ fileName, contents: readFileSync(resolve(EWS_SCHEMA_DIR, fileName)) })),
  };
  return schemaFiles;
}

export interface SchemaVerdict {
  readonly name: string;
  readonly valid: boolean;
  /** xmllint's messages for this document, empty when valid. */
  readonly errors: readonly string[];
}

/** Validates every document in one xmllint run; returns one verdict per input, in order. */
export async function validateEnvelopes(docs: readonly { name: string; xml: string }[]): Promise<SchemaVerdict[]> {
  if (docs.length === 0) return [];
  const { schema, preload } = loadSchemaFiles();
  const fileNames = docs.map((_, i) => `doc-${i}.xml`);
  const result = await validateXML({
    xml: docs.map((doc, i) => ({ fileName: fileNames[i] ?? `doc-${i}.xml`, contents: doc.xml })),
    schema,
    preload,
    maxMemoryPages: 16384,
  });
  return docs.map((doc, i) => {
    const errors = result.errors.filter((e) => e.rawMessage.startsWith(`${fileNames[i]}:`)).map((e) => e.message);
    return { name: doc.name, valid: errors.length === 0, errors };
  });
}
