package io.latchkey.domain;

/** Fitting outside input into columns: too long is cut, never refused. */
final class Texts {

  private Texts() {}

  static String cut(String value, int maxLength) {
    return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
  }
}
