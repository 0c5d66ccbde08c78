import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { buildManifest } from './build-manifest';
import { DEV_APP_ID, DEV_MANIFEST_HOST, resolveManifestOptions } from './manifest-options';

interface CliOptions {
  host: string;
  appId: string;
  addinId?: string;
  version?: string;
  provider?: string;
  out: string;
}

async function runManifestCli(argv: readonly string[]): Promise<void> {
  const program = new Command('manifest')
    .description('Writes the Outlook add-in manifest for one installation')
    .option('--host <origin>', 'https origin serving the backend and the pane', DEV_MANIFEST_HOST)
    .option('--app-id <guid>', "application id of the backend's Entra app registration", DEV_APP_ID)
    .option('--addin-id <guid>', 'add-in id (default: derived from the host, stable across runs)')
    .option('--version <version>', 'manifest version, e.g. 1.0.0.0')
    .option('--provider <name>', 'provider name shown in Outlook')
    .option('--out <file>', 'where to write the manifest', 'manifest.xml')
    .parse([...argv], { from: 'user' });
  const cli = program.opts<CliOptions>();
  const options = resolveManifestOptions({
    host: cli.host,
    appId: cli.appId,
    addinId: cli.addinId,
    version: cli.version,
    providerName: cli.provider,
  });
  const out = resolve(cli.out);
  await writeFile(out, buildManifest(options), 'utf8');
  // Reading it back through Microsoft's own parser catches anything it would not load.
  const info = await OfficeAddinManifest.readManifestFile(out);
  process.stdout.write(`Wrote ${out}: ${info.displayName ?? ''} ${info.id ?? ''} for ${options.host}\n`);
}

runManifestCli(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
