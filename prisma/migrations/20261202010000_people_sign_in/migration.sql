-- People sign in with an email and a password (issue 16): a password is set through a one-time
-- invitation or reset link an admin makes, and a signed-in browser holds a server-side session.
-- Nothing here can be replayed if the table is read: passwords are scrypt hashes, link and session
-- tokens are stored as SHA-256 digests (256 random bits each, so a fast digest is enough). The CSRF
-- token of a session is derived from its token (src/sessions/session-token.ts), so it is not stored.

-- CreateEnum
CREATE TYPE "PasswordLinkPurpose" AS ENUM ('invitation', 'reset');

-- CreateTable
CREATE TABLE "password_credentials" (
    "user_id" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_credentials_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "password_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "purpose" "PasswordLinkPurpose" NOT NULL,
    "digest" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "password_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "token_digest" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "user_agent" TEXT,
    "ip" TEXT,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "password_links_digest_key" ON "password_links"("digest");

-- CreateIndex
CREATE INDEX "password_links_user_id_idx" ON "password_links"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_digest_key" ON "sessions"("token_digest");

-- CreateIndex
CREATE INDEX "sessions_user_id_created_at_idx" ON "sessions"("user_id", "created_at");

-- AddForeignKey
ALTER TABLE "password_credentials" ADD CONSTRAINT "password_credentials_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_links" ADD CONSTRAINT "password_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_links" ADD CONSTRAINT "password_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A hash names its scheme and parameters; a token digest is 64 hex digits.
ALTER TABLE "password_credentials" ADD CONSTRAINT "password_credentials_hash_scheme" CHECK ("hash" LIKE 'scrypt$%');
ALTER TABLE "password_links" ADD CONSTRAINT "password_links_digest_hex" CHECK ("digest" ~ '^[0-9a-f]{64}$');
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_token_digest_hex" CHECK ("token_digest" ~ '^[0-9a-f]{64}$');

-- Sessions are working data: sign-out deletes its row and ended sessions are purged. A password is
-- replaced on reset and links are stamped when used or superseded, but neither is deleted: the
-- service needs no DELETE on them.
INSERT INTO "table_privileges" ("table_name", "policy", "reason") VALUES
  ('sessions', 'read_write', 'signed-in browsers: last use is stamped, sign-out deletes the row, ended sessions are purged'),
  ('password_credentials', 'editable', 'one scrypt hash per user, replaced when the password is set again'),
  ('password_links', 'editable', 'one-time invitation and reset links (digests), stamped when used or superseded');
