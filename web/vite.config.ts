import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in web/ and is served by the service under /app (src/web-app/web-app.ts).
// `npm run dev:web` proxies the API to a running service (VITE_API_TARGET, default :3000).
// Node's process, without pulling Node's types into the browser code's project (web/tsconfig.json).
declare const process: { env: Record<string, string | undefined> };
const apiTarget = process.env.VITE_API_TARGET ?? 'http://127.0.0.1:3000';
const apiPaths = [
  '/auth',
  '/users',
  '/api-keys',
  '/documents',
  '/forecasts',
  '/forecasters',
  '/probability-scales',
  '/evidence',
  '/resolution-proposals',
  '/notifications',
  '/scorecards',
  '/exports',
  '/imports',
  '/candidates',
  '/admin',
  '/public',
  '/health',
];

export default defineConfig({
  // npm scripts run from the repository root.
  root: 'web',
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Reported against the 200 KB (gzipped) goal for the first page by scripts/measure-web.mjs.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: apiTarget, changeOrigin: false }])) },
});
