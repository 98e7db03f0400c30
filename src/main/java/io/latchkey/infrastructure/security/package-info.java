/**
 * Jakarta Security glue: the authentication mechanism that carries every sign-in, the identity
 * store that checks passwords, PBKDF2 hashing, and the session that remembers only the account id.
 *
 * <p>Numbered steps in comments refer to the request path drawn in ARCHITECTURE.md.
 */
package io.latchkey.infrastructure.security;
