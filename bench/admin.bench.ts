import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const configFile = fileURLToPath(new URL('../addin/vite.config.ts', import.meta.url));

/** The scripts `admin.html` loads before first paint: its entry module and every modulepreload. */
function initialScripts(html: string): string[] {
  const sources = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)];
  return [...new Set(sources.map((match) => (match[1] ?? '').replace(/^\.\//, '')))].filter(Boolean);
}

/**
 * Builds the add-in into a temporary folder (dist/ stays untouched) and prints the admin
 * console's initial JavaScript, raw and gzip. MSAL is loaded on sign-in, so it is not part
 * of this number; the task pane's initial size is printed alongside for comparison.
 */
export async function runAdminBench(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'tandem-admin-bench-'));
  try {
    await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
    for (const page of ['admin.html', 'taskpane.html']) {
      const html = await readFile(join(outDir, page), 'utf8');
      let raw = 0;
      let gzip = 0;
      for (const script of initialScripts(html)) {
        const bytes = await readFile(join(outDir, script));
        raw += bytes.length;
        gzip += gzipSync(bytes, { level: 9 }).length;
      }
      console.log(`  ${page.padEnd(14)} initial JS ${(raw / 1024).toFixed(1)} KiB, gzip ${(gzip / 1024).toFixed(1)} KiB (${initialScripts(html).length} files)`);
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runAdminBench();
