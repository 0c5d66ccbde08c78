import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ICON_SIZES } from './build-manifest';
import { drawTandemIcon } from './draw-icon';

/** Regenerates the add-in's icons in `addin/public/assets/` (committed; run after changing the mark). */
async function writeIcons(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const size of ICON_SIZES) await writeFile(join(dir, `icon-${size}.png`), drawTandemIcon(size));
  process.stdout.write(`Wrote ${ICON_SIZES.length} icons to ${dir}\n`);
}

writeIcons(join(process.cwd(), 'addin', 'public', 'assets')).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
