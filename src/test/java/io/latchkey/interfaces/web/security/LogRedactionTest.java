package io.latchkey.interfaces.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a failed flow may write to the log. */
class LogRedactionTest {

  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";

  @Test
  void tokensCodesAndStatesNeverReachTheLog() {
    Exception error =
        new IllegalStateException(
            "token endpoint said no for code abc123",
            new RuntimeException("bad id_token " + JWT + " for state st4te\nsecond line " + JWT));

    String text = LogRedaction.describe(error, "code", "abc123", "state", "st4te");

    assertEquals(
        "IllegalStateException: token endpoint said no for code [code]"
            + " <- RuntimeException: bad id_token [token] for state [state]",
        text);
    assertFalse(text.contains("second line"), "only the first line of each message");
  }

  @Test
  void theDescriptionIsBounded() {
    Exception deep = new RuntimeException("x".repeat(5_000));
    for (int i = 0; i < 50; i++) {
      deep = new RuntimeException("level " + i, deep);
    }
    assertTrue(LogRedaction.describe(deep).length() <= LogRedaction.MAX_LENGTH);
  }

  @Test
  void aMissingSecretIsNotAPlaceholderForEverything() {
    assertEquals(
        "RuntimeException: plain",
        LogRedaction.describe(new RuntimeException("plain"), "code", ""));
  }

  @Test
  void callerChosenValuesAreCutAndEncoded() {
    assertEquals("access_denied", LogRedaction.printable("access_denied"));
    assertEquals("a%0Ab%3Cscript%3E", LogRedaction.printable("a\nb<script>"));
    assertEquals(64, LogRedaction.printable("y".repeat(1_000)).length());
  }
}
