package io.latchkey.domain;

import java.text.Normalizer;

/** Fitting outside input into columns, and keeping text people compare free of look-alikes. */
final class Texts {

  private Texts() {}

  static String cut(String value, int maxLength) {
    return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
  }

  /**
   * Whether the text holds a code point that a reader cannot see or that reorders what they see:
   * zero-width characters and bidi controls (format, Cf), control characters (Cc), private-use,
   * unassigned and lone surrogate code points. Two strings that look the same must be the same.
   */
  static boolean hasInvisible(String text) {
    return text.codePoints().anyMatch(Texts::isInvisible);
  }

  /** The text in NFC without invisible code points (for names a provider asserted). */
  static String visible(String text) {
    StringBuilder kept = new StringBuilder(text.length());
    Normalizer.normalize(text, Normalizer.Form.NFC)
        .codePoints()
        .filter(cp -> !isInvisible(cp))
        .forEach(kept::appendCodePoint);
    return kept.toString();
  }

  /** NFC, so that a composed "é" and "e" + combining accent are one and the same. */
  static String nfc(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  private static boolean isInvisible(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.FORMAT,
          Character.CONTROL,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.SURROGATE ->
          true;
      default -> false;
    };
  }
}
