package io.latchkey.interfaces.web.security;

import io.latchkey.application.settings.OpenIdSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * The standard OpenID Connect mechanism (authorization code flow), configured from {@link
 * OpenIdSettings}. {@link SignInMechanism} decorates it: only the start of a provider sign-in and
 * the callback reach it.
 *
 * <p>Non-default choices: the caller name is {@code sub}, and the "groups" claim is {@code aud},
 * which every id_token carries. Both are ignored (the principal becomes the local account and roles
 * come from the database), but with claims the id_token lacks the mechanism would call the userinfo
 * endpoint on every sign-in. Tokens are not refreshed: after the callback Latchkey keeps its own
 * session and drops the mechanism's.
 */
@OpenIdAuthenticationMechanismDefinition(
    providerURI = "${openIdSettings.discoveryUri}",
    clientId = "${openIdSettings.clientId}",
    clientSecret = "${openIdSettings.clientSecret}",
    redirectURI = "${openIdSettings.redirectUri}",
    scopeExpression = "${openIdSettings.scopes}",
    promptExpression = "${openIdSettings.prompt}",
    jwksConnectTimeoutExpression = "${openIdSettings.jwksConnectTimeoutMillis}",
    jwksReadTimeoutExpression = "${openIdSettings.jwksReadTimeoutMillis}",
    claimsDefinition = @ClaimsDefinition(callerNameClaim = "sub", callerGroupsClaim = "aud"),
    tokenAutoRefresh = false,
    useNonce = true,
    useSession = true)
@ApplicationScoped
public class ProviderSignInDefinition {}
