package io.latchkey.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a provider identity whose verified email matches an account is linked to it without the
 * account's password ({@code OIDC_AUTO_LINK=verified-email}) or only after the owner typed it
 * ({@code never}, the default).
 */
@ApplicationScoped
public class LinkingPolicy {

  private boolean autoLinkVerifiedEmail;

  protected LinkingPolicy() {}

  @Inject
  LinkingPolicy(@ConfigProperty(name = "OIDC_AUTO_LINK", defaultValue = "never") String autoLink) {
    switch (autoLink) {
      case "never" -> autoLinkVerifiedEmail = false;
      case "verified-email" -> autoLinkVerifiedEmail = true;
      default ->
          throw new IllegalArgumentException("OIDC_AUTO_LINK must be never or verified-email");
    }
  }

  public boolean autoLinksVerifiedEmail() {
    return autoLinkVerifiedEmail;
  }
}
