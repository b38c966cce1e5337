/** The cookie that holds a signed-in person's session token (src/auth/sessions). */
export const SESSION_COOKIE = 'fl_session';
