import { execFileSync, spawn } from 'node:child_process';

const VITE_BUILD_ARGS = ['node_modules/vite/bin/vite.js', 'build', '--config', 'addin/vite.config.ts', '--logLevel', 'error'];

/** Builds the pane exactly as `npm run build` does, so the end-to-end test drives the shipped files. */
export function buildAddin(): void {
  execFileSync(process.execPath, VITE_BUILD_ARGS, { stdio: 'inherit' });
}

/** The same build in a child process that does not block this one, so a backend can start meanwhile. */
export function buildAddinInBackground(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, VITE_BUILD_ARGS, { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}
