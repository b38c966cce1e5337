import { SetMetadata } from '@nestjs/common';

export const SECRET_ANSWER = 'idempotency:secret-answer';

/**
 * The route's answer holds a secret shown once (a new API key, a password link): an
 * Idempotency-Key still stops a retry from doing it twice, but the answer is not stored, and a
 * replay is refused with a message instead of showing the secret again.
 */
export const SecretAnswer = () => SetMetadata(SECRET_ANSWER, true);
