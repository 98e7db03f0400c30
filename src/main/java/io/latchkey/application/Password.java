package io.latchkey.application;

import java.text.Normalizer;

/**
 * A password as typed, normalised to Unicode NFKC so that the same characters typed on different
 * keyboards give the same hash. Its {@link #toString()} never shows the value.
 */
public final class Password {

  private final String value;

  private Password(String value) {
    this.value = value;
  }

  /** Normalises {@code raw}; {@code null} becomes the empty password. */
  public static Password of(String raw) {
    return new Password(raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC));
  }

  /** The length in Unicode code points (what a person counts as characters). */
  public int length() {
    return value.codePointCount(0, value.length());
  }

  /** The characters, for hashing; callers must not keep or log them. */
  public char[] chars() {
    return value.toCharArray();
  }

  String lowerCased() {
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return "Password[***]";
  }
}
