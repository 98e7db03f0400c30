package io.latchkey.interfaces.web.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Text about a failed flow that is safe for the log: no token, code or state value, and nothing
 * long or unprintable that a caller chose.
 */
final class LogRedaction {

  static final int MAX_LENGTH = 600;
  private static final Pattern JWT = Pattern.compile("eyJ[\\w-]*\\.[\\w-]*\\.[\\w-]*");

  private LogRedaction() {}

  /**
   * The exception chain in one line per cause (at most {@link #MAX_LENGTH} characters), with JWTs
   * and the given secret values (the callback's code and state) replaced by placeholders.
   *
   * @param secrets pairs of placeholder name and value, e.g. {@code "code", code}
   */
  static String describe(Throwable error, String... secrets) {
    StringBuilder description = new StringBuilder();
    for (Throwable cause = error;
        cause != null && description.length() < MAX_LENGTH;
        cause = cause.getCause()) {
      if (description.length() > 0) {
        description.append(" <- ");
      }
      description.append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        description.append(": ").append(cause.getMessage().lines().findFirst().orElse(""));
      }
    }
    String text = JWT.matcher(description).replaceAll("[token]");
    for (int i = 0; i + 1 < secrets.length; i += 2) {
      String value = secrets[i + 1];
      if (value != null && !value.isEmpty()) {
        text = text.replace(value, "[" + secrets[i] + "]");
      }
    }
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
  }

  /** A caller-chosen value (e.g. a provider's {@code error}), cut to 64 characters and encoded. */
  static String printable(String value) {
    String cut = value.length() > 64 ? value.substring(0, 64) : value;
    return URLEncoder.encode(cut, StandardCharsets.UTF_8);
  }
}
