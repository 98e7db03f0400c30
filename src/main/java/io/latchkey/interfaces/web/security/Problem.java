package io.latchkey.interfaces.web.security;

import io.latchkey.application.Keyed;

/**
 * Why a provider sign-in did not complete, as {@code sign-in-problem?reason=} names it and the
 * message bundle explains it ({@code problem.<key>}).
 */
public enum Problem implements Keyed {
  CANCELLED("cancelled"),
  FAILED("failed"),
  DISABLED("disabled"),
  UNVERIFIED_EMAIL("unverified-email"),
  NOT_REGISTERED("not-registered"),
  NOT_CONFIGURED("not-configured"),
  UNAVAILABLE("unavailable"),
  TOO_MANY_STARTS("too-many-starts");

  private final String key;

  Problem(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /** The problem a page parameter names; {@link #FAILED} for anything unknown. */
  public static Problem ofKey(String key) {
    return Keyed.byKey(Problem.class, key).orElse(FAILED);
  }
}
