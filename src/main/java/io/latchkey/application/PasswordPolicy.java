package io.latchkey.application;

import io.latchkey.application.exceptions.PasswordRejectedException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * What a new password must be: 8 to 128 characters of any kind, and not one of the 10,000 most
 * common passwords of 8 or more characters (the list in {@code common-passwords.txt}).
 *
 * <p>There are no composition rules (digits, symbols, …): they make passwords harder to remember
 * without making them harder to guess, as NIST SP 800-63B explains.
 */
@ApplicationScoped
public class PasswordPolicy {

  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 128;

  private static final String COMMON_PASSWORDS = "common-passwords.txt";

  private Set<String> commonPasswords;

  @PostConstruct
  void loadCommonPasswords() {
    commonPasswords = readCommonPasswords();
  }

  /**
   * @throws PasswordRejectedException when the password is too short, too long or too common
   */
  public void check(Password password) {
    int length = password.length();
    if (length < MIN_LENGTH) {
      throw new PasswordRejectedException("password.tooShort");
    }
    if (length > MAX_LENGTH) {
      throw new PasswordRejectedException("password.tooLong");
    }
    if (commonPasswords.contains(password.lowerCased())) {
      throw new PasswordRejectedException("password.tooCommon");
    }
  }

  static Set<String> readCommonPasswords() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
      if (in == null) {
        throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the application");
      }
      Set<String> passwords = new HashSet<>(16_384);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          passwords.add(line.strip());
        }
      }
      return Set.copyOf(passwords);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
