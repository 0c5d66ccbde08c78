import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// One HTML entry per page: the task pane, its sign-in dialog and the admin console.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/addin', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        taskpane: `${root}taskpane.html`,
        'auth-dialog': `${root}auth-dialog.html`,
        admin: `${root}admin.html`,
      },
    },
  },
});
