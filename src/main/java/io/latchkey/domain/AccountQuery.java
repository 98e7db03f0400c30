package io.latchkey.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Which accounts to list, and in which order. Text filters match from the start (prefix), so that
 * they can use an index: at a million accounts a "contains" search would read every row.
 *
 * @param emailPrefix the start of the email (compared lower-cased)
 * @param namePrefix the start of the display name (compared lower-cased)
 * @param issuer with {@code subject}: accounts linked to this provider identity (exact)
 */
public record AccountQuery(
    String emailPrefix,
    String namePrefix,
    AccountStatus status,
    Role role,
    String issuer,
    String subject,
    AccountSort sort,
    boolean ascending) {

  public AccountQuery {
    emailPrefix = lowerOrNull(emailPrefix);
    namePrefix = lowerOrNull(namePrefix);
    issuer = blankToNull(issuer);
    subject = blankToNull(subject);
    sort = sort == null ? AccountSort.EMAIL : sort;
  }

  public static AccountQuery all() {
    return new AccountQuery(null, null, null, null, null, null, AccountSort.EMAIL, true);
  }

  public Optional<String> email() {
    return Optional.ofNullable(emailPrefix);
  }

  public Optional<String> name() {
    return Optional.ofNullable(namePrefix);
  }

  private static String lowerOrNull(String value) {
    String trimmed = blankToNull(value);
    return trimmed == null ? null : trimmed.toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
