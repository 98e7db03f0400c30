package io.latchkey.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address in the normalised form Latchkey stores and compares: trimmed, lower-cased and in
 * Unicode NFC; an address with zero-width, bidi-control or other invisible code points is not an
 * address.
 *
 * <p>The syntax check is deliberately modest (one {@code @}, a dotted domain, no spaces, at most
 * 254 characters): without a mail server Latchkey cannot prove an address exists, so the check only
 * keeps obvious typing mistakes and junk out of the database.
 */
public record EmailAddress(String value) {

  /** RFC 5321 limits a forward path to 256 octets including the angle brackets. */
  public static final int MAX_LENGTH = 254;

  private static final Pattern SYNTAX =
      Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+", Pattern.UNICODE_CHARACTER_CLASS);

  public EmailAddress {
    if (value == null || !value.equals(normalise(value)) || !isWellFormed(value)) {
      throw new IllegalArgumentException("not a normalised email address");
    }
  }

  /** The normalised address, or empty when {@code raw} is not an email address. */
  public static Optional<EmailAddress> parse(String raw) {
    if (raw == null || raw.length() > MAX_LENGTH * 2) {
      return Optional.empty();
    }
    String normalised = normalise(raw);
    return isWellFormed(normalised) ? Optional.of(new EmailAddress(normalised)) : Optional.empty();
  }

  /** Trimmed, lower-cased and in Unicode NFC (composed and decomposed forms compare equal). */
  private static String normalise(String raw) {
    return Texts.nfc(raw.strip()).toLowerCase(Locale.ROOT);
  }

  /** No invisible or reordering code points: an address that looks like another is another. */
  private static boolean isWellFormed(String normalised) {
    return normalised.length() <= MAX_LENGTH
        && !Texts.hasInvisible(normalised)
        && SYNTAX.matcher(normalised).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
