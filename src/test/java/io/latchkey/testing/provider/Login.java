package io.latchkey.testing.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one authorization at {@link TestProvider} returns: the user's claims and how, if at all, the
 * answer is broken. Start from {@link #DEFAULT} or {@link #hostile} and change it with the {@code
 * with} methods. A {@code null} email, emailVerified, name or picture leaves that claim out. Extra
 * claims are added last, so they may also replace standard claims.
 */
public record Login(
    String subject,
    String email,
    Boolean emailVerified,
    String name,
    String picture,
    Map<String, Object> extraClaims,
    Hostility hostility) {

  /** What an authorization returns when no login is queued. */
  public static final Login DEFAULT =
      new Login(
          "default-subject",
          "default@example.test",
          true,
          "Default User",
          null,
          Map.of(),
          Hostility.NONE);

  public Login {
    Objects.requireNonNull(subject, "subject");
    extraClaims = Map.copyOf(extraClaims);
    Objects.requireNonNull(hostility, "hostility");
  }

  /** The default login, broken as {@code hostility} says. */
  public static Login hostile(Hostility hostility) {
    return DEFAULT.withHostility(hostility);
  }

  public Login withSubject(String subject) {
    return new Login(subject, email, emailVerified, name, picture, extraClaims, hostility);
  }

  public Login withEmail(String email) {
    return new Login(subject, email, emailVerified, name, picture, extraClaims, hostility);
  }

  public Login withEmailVerified(Boolean emailVerified) {
    return new Login(subject, email, emailVerified, name, picture, extraClaims, hostility);
  }

  public Login withName(String name) {
    return new Login(subject, email, emailVerified, name, picture, extraClaims, hostility);
  }

  public Login withPicture(String picture) {
    return new Login(subject, email, emailVerified, name, picture, extraClaims, hostility);
  }

  /** Adds a claim; the value must be JSON-serialisable (String, Number, Boolean, List, Map). */
  public Login withClaim(String claim, Object value) {
    Map<String, Object> claims = new LinkedHashMap<>(extraClaims);
    claims.put(claim, value);
    return new Login(subject, email, emailVerified, name, picture, claims, hostility);
  }

  public Login withHostility(Hostility hostility) {
    return new Login(subject, email, emailVerified, name, picture, extraClaims, hostility);
  }

  /**
   * The user's claims, as the userinfo endpoint and (before any hostility) the id_token show them.
   */
  public Map<String, Object> claims() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", subject);
    claims.put("email", email);
    claims.put("email_verified", emailVerified);
    claims.put("name", name);
    claims.put("picture", picture);
    claims.values().removeIf(Objects::isNull);
    claims.putAll(extraClaims);
    return claims;
  }
}
