package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.exceptions.PasswordRejectedException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

  private static final String FOX = "\uD83E\uDD8A";

  private PasswordPolicy policy;

  @BeforeEach
  void loadPolicy() {
    policy = new PasswordPolicy();
    policy.loadCommonPasswords();
  }

  // Length ---------------------------------------------------------------------------------------

  @Test
  void sevenCharactersAreTooShort() {
    assertEquals(Optional.of("password.tooShort"), rejectionOf("kq7#vmz"));
  }

  @Test
  void anEmptyOrMissingPasswordIsTooShort() {
    assertEquals(Optional.of("password.tooShort"), rejectionOf(""));
    assertEquals(Optional.of("password.tooShort"), rejectionOf(null));
  }

  @Test
  void eightCharactersAreEnough() {
    assertEquals(Optional.empty(), rejectionOf("kq7#vmzp"));
  }

  @Test
  void oneHundredAndTwentyEightCharactersAreAccepted() {
    assertEquals(Optional.empty(), rejectionOf("kq7#vmzp".repeat(16)));
  }

  @Test
  void oneHundredAndTwentyNineCharactersAreTooLong() {
    assertEquals(Optional.of("password.tooLong"), rejectionOf("kq7#vmzp".repeat(16) + "x"));
  }

  @Test
  void lengthIsCountedInCharactersNotInUtf16Units() {
    assertEquals(Optional.empty(), rejectionOf(FOX.repeat(8)));
    assertEquals(Optional.of("password.tooShort"), rejectionOf(FOX.repeat(4)));
    assertEquals(Optional.empty(), rejectionOf(FOX.repeat(128)));
    assertEquals(Optional.of("password.tooLong"), rejectionOf(FOX.repeat(129)));
  }

  // Common passwords -----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {"password", "password123", "Baseball1", "PASSWORD1", "iLoveYou", "12345678"})
  void aCommonPasswordIsRejectedWhateverItsCase(String password) {
    assertEquals(Optional.of("password.tooCommon"), rejectionOf(password));
  }

  @Test
  void aLongRandomPassphraseIsAccepted() {
    assertEquals(Optional.empty(), rejectionOf("violet tractor sings under 7 wobbly moons"));
  }

  @Test
  void theCommonPasswordListHasAtLeast9000EntriesOfAtLeast8Characters() {
    Set<String> common = PasswordPolicy.readCommonPasswords();

    assertTrue(common.size() >= 9_000, "entries: " + common.size());
    List<String> tooShort =
        common.stream()
            .filter(p -> p.codePointCount(0, p.length()) < PasswordPolicy.MIN_LENGTH)
            .collect(Collectors.toList());
    assertEquals(List.of(), tooShort);
  }

  @Test
  void theCommonPasswordListIsLowerCasedAsTheCheckExpects() {
    List<String> notLowerCase =
        PasswordPolicy.readCommonPasswords().stream()
            .filter(p -> !p.equals(p.toLowerCase(Locale.ROOT)))
            .collect(Collectors.toList());

    assertEquals(List.of(), notLowerCase);
  }

  // Password -------------------------------------------------------------------------------------

  @Test
  void aPasswordIsNormalisedToNfkc() {
    Password fullwidth = Password.of("ｐａｓｓｗｏｒｄ");

    assertArrayEquals("password".toCharArray(), fullwidth.chars());
    assertEquals(Optional.of("password.tooCommon"), rejectionOf("ｐａｓｓｗｏｒｄ"));
  }

  @Test
  void aPasswordNeverShowsItsValue() {
    String shown = Password.of("violet tractor sings").toString();

    assertFalse(shown.contains("violet"), shown);
    assertFalse(shown.contains("tractor"), shown);
  }

  /** The message key the user would see, or empty when the password is accepted. */
  private Optional<String> rejectionOf(String raw) {
    Password password = Password.of(raw);
    try {
      policy.check(password);
      return Optional.empty();
    } catch (PasswordRejectedException e) {
      return Optional.of(e.messageKey());
    }
  }
}
