import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildAddin } from '../test/e2e/support/build-addin';
import { hasChromium, launchChromium, CHROMIUM_PATH } from '../test/e2e/support/chromium';
import { MAIL_MESSAGE_ID, startE2eBackend, USER } from '../test/e2e/support/e2e-backend';

const INITIAL_JS_BUDGET_BYTES = 250 * 1024;
const RUNS = 5;
const DIST = join(process.cwd(), 'dist', 'addin');

/** Scripts the pane page loads before first paint: the entry module and its modulepreloads. */
function measureInitialJs(): { files: string[]; gzipBytes: number } {
  const html = readFileSync(join(DIST, 'taskpane.html'), 'utf8');
  const files = [...html.matchAll(/(?:<script type="module"[^>]*src|<link rel="modulepreload"[^>]*href)="\.\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length, 0);
  return { files, gzipBytes };
}

function computeMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Navigation start to the first suggestion's Link button, in a fresh page each run. */
async function measureTimeToFirstSuggestion(): Promise<number[]> {
  const backend = await startE2eBackend(({ mailItemId }) => ({
    'read-mail': {
      itemType: 'message', compose: false, subject: 'Angebot Wartung 2027', itemId: mailItemId, internetMessageId: MAIL_MESSAGE_ID,
      from: { emailAddress: 'sabine.gross@nordlicht.example', displayName: 'Sabine Groß' }, to: [{ emailAddress: USER.email, displayName: USER.name }],
    },
  }));
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const page = await browser.newPage({ viewport: { width: 450, height: 900 } });
      const started = performance.now();
      await page.goto(`${backend.url}/e2e-host.html?scenario=read-mail`);
      await page.getByRole('button', { name: 'Link Nordlicht GmbH', exact: true }).waitFor();
      // The first run warms the backend's and the browser's caches; it is not counted.
      if (i > 0) times.push(performance.now() - started);
      await page.close();
    }
    return times;
  } finally {
    await browser.close();
    await backend.close();
  }
}

export async function runAddinBench(): Promise<void> {
  buildAddin();
  const { files, gzipBytes } = measureInitialJs();
  console.log(`  initial JS of the pane (${files.join(', ')}): ${(gzipBytes / 1024).toFixed(1)} kB gzip = ${((gzipBytes / INITIAL_JS_BUDGET_BYTES) * 100).toFixed(0)} % of the 250 kB budget`);
  if (!hasChromium()) {
    console.log(`  time to first suggestion: skipped, no Chromium at ${CHROMIUM_PATH}`);
    return;
  }
  const times = await measureTimeToFirstSuggestion();
  console.log(`  time to first suggestion (headless Chromium, local backend + sandbox, ${RUNS} warm runs): median ${computeMedian(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
}
