package io.latchkey.interfaces.web.security;

import io.latchkey.application.SignInOutcome;
import io.latchkey.application.settings.OpenIdSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Optional;

/**
 * The URLs of provider flows, built and read in this one place ({@code #{authPaths.…}} on pages).
 *
 * <ul>
 *   <li>{@code /auth/{provider}}: sign in (step 1);
 *   <li>{@code /auth/{provider}/link}: link another identity to the signed-in account;
 *   <li>{@code /auth/{provider}/reauthenticate?then=…}: authenticate again before a sensitive
 *       change;
 *   <li>{@code /auth/{provider}/connect?identity=…}: grant access to the provider's API through a
 *       linked identity ("Connect Google Drive");
 *   <li>{@code /auth/callback}: where every provider sends the browser back (step 4).
 * </ul>
 */
@Named
@ApplicationScoped
public class AuthPaths {

  static final String PREFIX = "/auth/";
  public static final String CALLBACK = OpenIdSettings.CALLBACK_PATH;

  /** What a request to {@code /auth/{provider}…} asks for. */
  enum Kind {
    SIGN_IN,
    LINK,
    REAUTHENTICATE,
    CONNECT
  }

  /** A parsed start URL. */
  record Start(Kind kind, String providerId) {}

  public String signIn(String providerId) {
    return PREFIX + providerId;
  }

  public String link(String providerId) {
    return PREFIX + providerId + "/link";
  }

  public String connect(String providerId, long identityId) {
    return PREFIX + providerId + "/connect?identity=" + identityId;
  }

  public String reauthenticate(String providerId, ReturnTo then) {
    return PREFIX + providerId + "/reauthenticate?then=" + then.key();
  }

  /**
   * Where a sign-in or a flow lands: the account page, with its notice and, after the verified
   * owner claimed the account, how many identities that claim removed.
   */
  public static String accountPage(SignInOutcome.Notice notice, int identitiesRemoved) {
    StringBuilder page = new StringBuilder("/account");
    if (notice.key() != null) {
      page.append("?notice=").append(notice.key());
      if (identitiesRemoved > 0) {
        page.append("&removed=").append(identitiesRemoved);
      }
    }
    return page.toString();
  }

  /** The start that a path (below the context path) names; empty for anything else. */
  static Optional<Start> parse(String path) {
    if (!path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] segments = path.substring(PREFIX.length()).split("/", -1);
    if (segments.length == 1) {
      return Optional.of(new Start(Kind.SIGN_IN, segments[0]));
    }
    if (segments.length == 2 && "link".equals(segments[1])) {
      return Optional.of(new Start(Kind.LINK, segments[0]));
    }
    if (segments.length == 2 && "connect".equals(segments[1])) {
      return Optional.of(new Start(Kind.CONNECT, segments[0]));
    }
    if (segments.length == 2 && "reauthenticate".equals(segments[1])) {
      return Optional.of(new Start(Kind.REAUTHENTICATE, segments[0]));
    }
    return Optional.empty();
  }
}
