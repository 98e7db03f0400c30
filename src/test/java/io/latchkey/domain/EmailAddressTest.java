package io.latchkey.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  /** 64 + 1 + 189 = 254 characters, the longest address accepted. */
  private static final String LONGEST =
      "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);

  @Test
  void anAddressIsStoredTrimmedAndLowerCased() {
    assertEquals(
        Optional.of(new EmailAddress("ada.lovelace@example.test")),
        EmailAddress.parse("  Ada.Lovelace@EXAMPLE.Test \t"));
  }

  @Test
  void theSameAddressTypedDifferentlyIsEqual() {
    assertEquals(EmailAddress.parse("ADA@example.test"), EmailAddress.parse(" ada@Example.TEST"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "ada.example.test",
        "ada@@example.test",
        "ada@lovelace@example.test",
        "ada lovelace@example.test",
        "ada@example .test",
        "ada@localhost",
        "ada@example.",
        "ada@.example.test",
        "ada@example..test",
        "@example.test",
        "ada@"
      })
  void aMalformedAddressIsRejected(String raw) {
    assertEquals(Optional.empty(), EmailAddress.parse(raw));
  }

  @Test
  void anAddressOfAtMost254CharactersIsAccepted() {
    assertEquals(254, LONGEST.length());
    assertEquals(Optional.of(LONGEST), EmailAddress.parse(LONGEST).map(EmailAddress::value));
  }

  @Test
  void anAddressOfMoreThan254CharactersIsRejected() {
    assertEquals(Optional.empty(), EmailAddress.parse(LONGEST + "d"));
    assertEquals(Optional.empty(), EmailAddress.parse("a@" + "b".repeat(2000) + ".test"));
  }

  @Test
  void aLocalPartOfMoreThan64CharactersIsRejected() {
    assertEquals(Optional.empty(), EmailAddress.parse("a".repeat(65) + "@example.test"));
  }

  @Test
  void unicodeLocalPartsAndInternationalDomainsAreAccepted() {
    assertEquals(
        Optional.of("josé@exämple.test"),
        EmailAddress.parse("JOSÉ@EXÄMPLE.TEST").map(EmailAddress::value));
    assertEquals(Optional.of("用户@例子.测试"), EmailAddress.parse("用户@例子.测试").map(EmailAddress::value));
  }

  @Test
  void theConstructorAcceptsOnlyANormalisedAddress() {
    assertEquals("ada@example.test", new EmailAddress("ada@example.test").value());

    assertThrows(IllegalArgumentException.class, () -> new EmailAddress("Ada@example.test"));
    assertThrows(IllegalArgumentException.class, () -> new EmailAddress(" ada@example.test"));
    assertThrows(IllegalArgumentException.class, () -> new EmailAddress("ada.example.test"));
    assertThrows(IllegalArgumentException.class, () -> new EmailAddress(LONGEST + "d"));
    assertThrows(IllegalArgumentException.class, () -> new EmailAddress(null));
  }

  @Test
  void anAddressShowsItselfAsItsValue() {
    assertEquals(
        "ada@example.test", EmailAddress.parse("Ada@Example.test").orElseThrow().toString());
  }

  @Test
  void invisibleAndReorderingCharactersMakeItNoAddress() {
    for (String sneaky :
        new String[] {
          "ad\u200Ba@example.test", // zero-width space
          "ada@exam\u200Dple.test", // zero-width joiner
          "\u202Eada@example.test", // right-to-left override
          "ada\u2066@example.test", // left-to-right isolate
          "ad\u00ADa@example.test", // soft hyphen
          "ada\u0007@example.test", // a control character
          "ada\uE000@example.test", // private use
        }) {
      assertEquals(Optional.empty(), EmailAddress.parse(sneaky), sneaky);
    }
  }

  @Test
  void composedAndDecomposedFormsAreTheSameAddress() {
    String composed = "jos\u00E9@example.test";
    String decomposed = "jose\u0301@example.test";
    assertEquals(EmailAddress.parse(composed), EmailAddress.parse(decomposed));
    assertEquals(Optional.of(composed), EmailAddress.parse(decomposed).map(EmailAddress::value));
  }
}
