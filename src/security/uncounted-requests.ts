import { WEB_APP_PREFIX } from '../web-app/web-app.js';

/**
 * Requests no rate limit counts or refuses: health probes, and the web app's hashed assets (a page
 * load fetches several; they are files on disk cached for a year, and counting each would cost a
 * database round trip per file). The web app's pages and every API route are counted.
 */
export const isUncountedRequest = (url: string): boolean => url.startsWith('/health') || url.startsWith(`${WEB_APP_PREFIX}/assets/`);
