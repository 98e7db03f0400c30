/**
 * The Faces pages' backing beans, named after the page they serve ({@code SignInBacking} for {@code
 * login.xhtml}), plus what every page shares: the active user, the language, the error pages and
 * the security headers.
 *
 * <p>Beans here translate between the page and one application-layer call; they hold no rules of
 * their own, and every text they show comes from the {@code messages} resource bundles.
 */
package io.latchkey.interfaces.web;
