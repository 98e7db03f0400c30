/**
 * Outbound security: PBKDF2 password hashing, the timeouts on every call to an OpenID provider, and
 * Latchkey's own look at the provider's discovery document (health, logout endpoint).
 */
package io.latchkey.infrastructure.security;
