package io.latchkey.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one audit entry adds to the sign-in counts: by which method (the password, or a provider
 * named by its issuer), with which outcome and, when it did not succeed, why.
 *
 * <p>The counts are kept per day as the entries are written (see {@link SignInCounts}) so that the
 * admin dashboard never reads the audit trail itself. The method and reason are read from the
 * entry's detail as the sign-in use cases write it ({@code "password: wrong"}, {@code "provider
 * https://…: disabled"}, {@code "provider: cancelled at the provider (support id …)"}); a detail
 * that matches nothing known counts as reason {@code other}, never as an error.
 *
 * @param method {@code password}, a provider's issuer, or {@code provider} when a provider sign-in
 *     failed before its issuer was known
 * @param outcome whether the attempt succeeded
 * @param reason a short key ({@code wrong-password}, {@code disabled}, …); empty when it succeeded
 */
public record SignInTally(String method, Outcome outcome, String reason) {

  public static final String PASSWORD = "password";
  public static final String UNKNOWN_PROVIDER = "provider";

  /** At most this long, as the column. */
  public static final int MAX_METHOD_LENGTH = 255;

  public enum Outcome {
    SUCCEEDED,
    FAILED,
    REFUSED
  }

  /** The tally of a sign-in entry; empty for every other kind of entry. */
  public static Optional<SignInTally> of(AuditEntry entry) {
    return of(entry.getEventType(), entry.getDetail().orElse(null));
  }

  /** The tally of an entry of this type and detail; empty unless it records a sign-in attempt. */
  public static Optional<SignInTally> of(AuditEvent event, String entryDetail) {
    Outcome outcome;
    switch (event) {
      case SIGN_IN_SUCCEEDED -> outcome = Outcome.SUCCEEDED;
      case SIGN_IN_FAILED -> outcome = Outcome.FAILED;
      case SIGN_IN_REFUSED -> outcome = Outcome.REFUSED;
      default -> {
        return Optional.empty();
      }
    }
    String detail = entryDetail == null ? "" : entryDetail.strip();
    String method = method(detail);
    String reason = outcome == Outcome.SUCCEEDED ? "" : reason(detail);
    return Optional.of(new SignInTally(Texts.cut(method, MAX_METHOD_LENGTH), outcome, reason));
  }

  private static String method(String detail) {
    if (detail.startsWith(PASSWORD)) {
      return PASSWORD;
    }
    int at = detail.indexOf("provider ");
    if (detail.startsWith("provider:") || at < 0) {
      return UNKNOWN_PROVIDER;
    }
    String issuer = detail.substring(at + "provider ".length()).split("[\\s,]", 2)[0];
    // "provider https://…: disabled": the colon after the issuer is not part of it.
    return issuer.endsWith(":") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }

  private static String reason(String detail) {
    String text = detail.toLowerCase(Locale.ROOT);
    if (text.contains("paused")) {
      return "paused";
    }
    if (text.contains("wrong")) {
      return "wrong-password";
    }
    if (text.contains("no such account")) {
      return "no-such-account";
    }
    if (text.contains("none set")) {
      return "no-password";
    }
    if (text.contains("disabled")) {
      return "disabled";
    }
    if (text.contains("unverified email")) {
      return "unverified-email";
    }
    if (text.contains("link required")) {
      return "link-required";
    }
    if (text.contains("cancelled")) {
      return "cancelled";
    }
    if (text.contains("provider error") || text.contains("could not start")) {
      return "provider-error";
    }
    if (text.contains("re-authenticat") || text.contains("did not authenticate again")) {
      return "reauthentication";
    }
    if (text.contains("id_token") || text.contains("identity store") || text.contains("token")) {
      return "token-rejected";
    }
    if (text.contains("state") || text.contains("callback") || text.contains("flow")) {
      return "flow";
    }
    return "other";
  }

  /** Every reason key {@link #of} can give, for the pages' translations. */
  public static final List<String> REASONS =
      List.of(
          "wrong-password",
          "no-such-account",
          "no-password",
          "disabled",
          "paused",
          "unverified-email",
          "link-required",
          "cancelled",
          "provider-error",
          "reauthentication",
          "token-rejected",
          "flow",
          "other");
}
