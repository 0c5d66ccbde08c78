import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
// esbuild comes with tsx (a devDependency that runs every script of this repo).
import { build, type Plugin } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** Under node_modules so the bundle's bare imports (pg, pino…) resolve to the installed packages. */
const OUT_DIR = 'node_modules/.cache/tandem-process-chaos';

/**
 * Each file keeps its own `import.meta.url`, so code that finds files next to its source
 * (the SQL migrations) behaves in the bundle exactly as under tsx.
 */
const keepSourceUrls: Plugin = {
  name: 'keep-source-urls',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/**
 * Bundles the product's `server/src/sync/sync-cli.ts` (this working tree, unchanged) into
 * one file. Started through tsx, every backend process spends seconds of CPU loading and
 * transforming hundreds of modules; a chaos run starts dozens of them on shared cores.
 * Returns the absolute path of the bundle; `tag` keeps parallel runs apart.
 */
export async function bundleSyncCli(tag: string): Promise<string> {
  const outfile = `${repoRoot}${OUT_DIR}/sync-cli-${tag}.mjs`;
  await build({
    entryPoints: [`${repoRoot}server/src/sync/sync-cli.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
    plugins: [keepSourceUrls],
  });
  return outfile;
}
