import { SetMetadata } from '@nestjs/common';

export const SECRET_ANSWER = 'idempotency:secret-answer';

/**
 * The route's answer holds a secret shown once (a new API key, a password link): an
 * Idempotency-Key still stops a retry from doing it twice, but the answer is not stored, and a
 * replay is refused with a message instead of showing the secret again.
 */
export const SecretAnswer = () => SetMetadata(SECRET_ANSWER, true);

export const SECRET_REQUEST = 'idempotency:secret-request';

/**
 * The request's body holds a secret (a password, a one-time token): an Idempotency-Key is
 * ignored, since even the digest of the request that idempotency records keep would be a fast
 * hash of the secret. Such routes are safe to retry as they are (signing in twice makes two
 * sessions; a used password link refuses a second use).
 */
export const SecretRequest = () => SetMetadata(SECRET_REQUEST, true);
