package io.latchkey.interfaces.web.security;

import java.security.SecureRandom;

/**
 * Short ids that a user can read out to support and that appear in the log beside the real reason
 * of a failure: 8 characters without the ones people confuse (0/O, 1/I).
 */
public final class SupportIds {

  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private SupportIds() {}

  public static String next() {
    char[] id = new char[8];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }
}
