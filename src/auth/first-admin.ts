import { PasswordLinksService } from './sessions/password-links.service.js';
import { AuthService } from './auth.service.js';

export interface FirstAdmin {
  /** What to print once to the terminal (not to the log): the password link and the key. */
  text: string;
  keyPrefix: string;
}

/**
 * On a database with no admin yet: creates the admin with an API key and a link to set their
 * password. Null when an admin exists.
 */
export async function createFirstAdmin(
  auth: AuthService,
  links: PasswordLinksService,
  email: string,
  baseUrl: string,
): Promise<FirstAdmin | null> {
  const issued = await auth.bootstrapAdmin(email);
  if (!issued) return null;
  const link = await links.issue(issued.userId, 'invitation', null, baseUrl);
  return {
    keyPrefix: issued.prefix,
    text:
      `\n  First start: created admin ${email}.\n\n` +
      `  Set the admin's password and sign in (the link works once, until ${link.expiresAt}):\n\n    ${link.url}\n\n` +
      `  The admin's API key, shown this once:\n\n    ${issued.key}\n\n` +
      `  Send it as "Authorization: Bearer <key>". Lost either? npm run admin:create-key\n\n`,
  };
}
