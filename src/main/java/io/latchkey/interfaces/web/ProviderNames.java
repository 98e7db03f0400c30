package io.latchkey.interfaces.web;

import io.latchkey.application.LinkedIdentityView;
import io.latchkey.application.SessionRecords;
import io.latchkey.application.SessionView;
import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.domain.SignInTally;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URI;
import java.text.MessageFormat;

/**
 * Names for sign-in methods and identities as people know them: the configured provider by its
 * display name ("Google"), any other issuer by its host, the password as "Password"; an identity as
 * "Google · ana@example.com" rather than by issuer URL and subject.
 *
 * <p>Usage: {@code #{providerNames.identity(identity)}}, {@code
 * #{providerNames.method('password')}}.
 */
@Named
@ApplicationScoped
public class ProviderNames {

  @Inject OpenIdSettings openId;

  /**
   * A sign-in method as the dashboard counts it: {@code password}, an issuer, or {@code provider}.
   */
  public String method(String method) {
    if (SignInTally.PASSWORD.equals(method)) {
      return Messages.text("method.password");
    }
    return provider(method);
  }

  /** The provider with this issuer. */
  public String provider(String issuer) {
    if (SignInTally.UNKNOWN_PROVIDER.equals(issuer) || sameIssuer(issuer)) {
      return openId.getProviderName();
    }
    try {
      String host = URI.create(issuer).getHost();
      return host == null ? issuer : host;
    } catch (IllegalArgumentException notAUri) {
      return issuer;
    }
  }

  /** How a session signed in: "Password", or the provider's display name. */
  public String sessionMethod(String method) {
    if (SessionRecords.PASSWORD.equals(method)) {
      return Messages.text("method.password");
    }
    return openId.getProviderId().equals(method) ? openId.getProviderName() : method;
  }

  /** The accessible name of a session's end button: "End session 2: Chrome · Linux". */
  public String endSessionLabel(SessionView session, int position) {
    return MessageFormat.format(
        Messages.text("session.end.label"),
        position,
        session.device().isEmpty() ? Messages.text("session.unknownDevice") : session.device());
  }

  /** "Provider · email", or the provider alone when the identity came without an email. */
  public String identity(LinkedIdentityView identity) {
    String provider = provider(identity.issuer());
    return identity.emailAtLink() == null ? provider : provider + " · " + identity.emailAtLink();
  }

  /** The accessible name of an identity's remove button: "Remove Keycloak identity bob@…". */
  public String removeLabel(LinkedIdentityView identity) {
    return MessageFormat.format(
        Messages.text("identity.remove"),
        provider(identity.issuer()),
        identity.emailAtLink() == null ? identity.subject() : identity.emailAtLink());
  }

  private boolean sameIssuer(String issuer) {
    String configured = openId.getIssuer();
    if (configured == null || issuer == null) {
      return false;
    }
    return stripSlash(configured).equals(stripSlash(issuer));
  }

  private static String stripSlash(String issuer) {
    return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }
}
