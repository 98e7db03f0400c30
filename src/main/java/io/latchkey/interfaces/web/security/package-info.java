/**
 * The inbound HTTP security adapter: everything between a browser's request and "this request is
 * account 42, with these roles".
 *
 * <p>{@link io.latchkey.interfaces.web.security.SignInMechanism} wraps the standard OpenID
 * mechanism and routes each request to one controller: {@link
 * io.latchkey.interfaces.web.security.ProviderStart} (steps 1–2), {@link
 * io.latchkey.interfaces.web.security.ProviderCallback} (4–9, with {@link
 * io.latchkey.interfaces.web.security.ProviderIdentityStoreHandler} for 6–7), password sign-in
 * through {@link io.latchkey.interfaces.web.security.PasswordIdentityStore} (P1–P3), and {@link
 * io.latchkey.interfaces.web.security.Sessions}, the one class that starts, resumes (10), renews
 * and ends sessions. Numbered steps are those of {@code docs/architecture.md}. Protocol glue only:
 * every decision is the application layer's.
 */
package io.latchkey.interfaces.web.security;
