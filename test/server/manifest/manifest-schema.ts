import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

/** Microsoft's manifest schemas live beside the project, never inside it. */
export const MANIFEST_SCHEMA_DIR = join(process.cwd(), '..', 'shared', 'addin-manifest-schema');
const ROOT_SCHEMA = 'OfficeAppManifestV1_1.xsd';

export function hasManifestSchemas(): boolean {
  return existsSync(join(MANIFEST_SCHEMA_DIR, ROOT_SCHEMA));
}

/** Validates like `xmllint --schema OfficeAppManifestV1_1.xsd`, the imported XSDs preloaded. */
export async function validateManifestXml(xml: string): Promise<XMLValidationResult> {
  const read = (fileName: string) => ({ fileName, contents: readFileSync(join(MANIFEST_SCHEMA_DIR, fileName), 'utf8') });
  const preload = readdirSync(MANIFEST_SCHEMA_DIR)
    .filter((name) => name.endsWith('.xsd') && name !== ROOT_SCHEMA)
    .map(read);
  return validateXML({ xml: { fileName: 'manifest.xml', contents: xml }, schema: read(ROOT_SCHEMA), preload });
}
