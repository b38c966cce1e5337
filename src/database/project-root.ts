import { fileURLToPath } from 'node:url';

/** The repository root, whether running from src/ (tests) or dist/ (built service). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
