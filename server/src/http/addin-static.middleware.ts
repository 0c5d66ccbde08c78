import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import express, { type RequestHandler } from 'express';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The built add-in (`dist/addin`). Vite puts a content hash in every file under `assets/`,
 * so those are cached for a year; HTML, the manifest's icons and everything else are
 * revalidated on each load so a deployment takes effect at once. Absent folder: nothing is served.
 */
export function addinStatic(distDir: string | undefined): RequestHandler | undefined {
  if (!distDir || !existsSync(distDir)) return undefined;
  return express.static(distDir, {
    index: 'index.html',
    fallthrough: true,
    setHeaders: (res, filePath) => {
      const hashed = filePath.includes(`${sep}assets${sep}`);
      res.setHeader('Cache-Control', hashed ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'no-cache');
    },
  });
}
