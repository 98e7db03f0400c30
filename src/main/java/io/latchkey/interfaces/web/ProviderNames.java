package io.latchkey.interfaces.web;

import io.latchkey.application.ApiGrantView;
import io.latchkey.application.LinkedIdentityView;
import io.latchkey.application.SessionRecords;
import io.latchkey.application.SessionView;
import io.latchkey.application.settings.ApiSettings;
import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.domain.SignInTally;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URI;
import java.text.MessageFormat;
import java.util.List;

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
  @Inject ApiSettings api;

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

  /** The accessible name of a connect button: "Connect Google Drive through Google · ana@…". */
  public String connectLabel(LinkedIdentityView identity) {
    return MessageFormat.format(
        Messages.text("api.connect.label"), api.getName(), identity(identity));
  }

  /** An API grant: "Google Drive · Google · ana@example.com". */
  public String grant(ApiGrantView grant, List<LinkedIdentityView> identities) {
    return identities.stream()
        .filter(identity -> identity.id() == grant.identityId())
        .findFirst()
        .map(identity -> api.getName() + " · " + identity(identity))
        .orElse(api.getName());
  }

  /** The accessible name of a grant's disconnect button: "Disconnect Google Drive · Google · …". */
  public String disconnectLabel(ApiGrantView grant, List<LinkedIdentityView> identities) {
    return MessageFormat.format(Messages.text("api.disconnect.label"), grant(grant, identities));
  }

  /** The accessible name of an admin's revoke link: "Revoke Google Drive · Google · …". */
  public String revokeGrantLabel(ApiGrantView grant, List<LinkedIdentityView> identities) {
    return MessageFormat.format(Messages.text("api.revoke.label"), grant(grant, identities));
  }

  /** A grant's scopes, as the provider named them, for admins. */
  public String scopes(ApiGrantView grant) {
    return String.join(", ", grant.scopes());
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
