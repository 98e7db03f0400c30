package io.latchkey.infrastructure.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * What this request asks of the provider beyond the configured defaults: a fresh login ({@code
 * prompt=login}) when the user must authenticate again. Read by {@link OpenIdSettings#getPrompt()},
 * which the standard mechanism evaluates when it builds the authorization request.
 */
@RequestScoped
public class ProviderRequest {

  private boolean freshLogin;

  void requireFreshLogin() {
    freshLogin = true;
  }

  boolean requiresFreshLogin() {
    return freshLogin;
  }
}
