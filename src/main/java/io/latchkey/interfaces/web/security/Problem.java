package io.latchkey.interfaces.web.security;

/**
 * Why a provider sign-in did not complete, as {@code sign-in-problem?reason=} names it and the
 * message bundle explains it ({@code problem.<key>}).
 */
public enum Problem {
  CANCELLED("cancelled"),
  FAILED("failed"),
  DISABLED("disabled"),
  UNVERIFIED_EMAIL("unverified-email"),
  NOT_CONFIGURED("not-configured");

  private final String key;

  Problem(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The problem a page parameter names; {@link #FAILED} for anything unknown. */
  public static Problem ofKey(String key) {
    for (Problem problem : values()) {
      if (problem.key.equals(key)) {
        return problem;
      }
    }
    return FAILED;
  }
}
