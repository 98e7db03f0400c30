package io.latchkey.application;

/**
 * Turns passwords into salted, deliberately slow hashes and checks them.
 *
 * <p>Implemented with Jakarta Security's {@code Pbkdf2PasswordHash} in the infrastructure layer.
 */
public interface PasswordHasher {

  String hash(Password password);

  boolean verify(Password password, String storedHash);

  /**
   * Spends the same time as {@link #verify} without a stored hash, so that a sign-in with an email
   * that has no account takes as long as one with a wrong password.
   */
  void verifyAgainstNothing(Password password);
}
