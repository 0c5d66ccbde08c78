import { execFileSync } from 'node:child_process';

/** Builds the pane exactly as `npm run build` does, so the end-to-end test drives the shipped files. */
export function buildAddin(): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'addin/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
}
