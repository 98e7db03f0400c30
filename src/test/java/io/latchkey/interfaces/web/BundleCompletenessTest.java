package io.latchkey.interfaces.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.domain.AccountStatus;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.Role;
import io.latchkey.domain.SignInTally;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every language has every text: the translations hold exactly the keys of the English base bundle,
 * and every audit event, account status, role, sign-in outcome and reason has one.
 */
class BundleCompletenessTest {

  private static final String BASE = "/io/latchkey/interfaces/web/messages";
  private static final List<String> TRANSLATIONS = List.of("_zh");

  @Test
  void everyTranslationHasExactlyTheKeysOfTheBaseBundle() throws IOException {
    Set<String> base = keys("");
    for (String translation : TRANSLATIONS) {
      Set<String> translated = keys(translation);
      Set<String> missing = new TreeSet<>(base);
      missing.removeAll(translated);
      Set<String> extra = new TreeSet<>(translated);
      extra.removeAll(base);
      assertEquals(Set.of(), missing, "missing in messages" + translation);
      assertEquals(Set.of(), extra, "only in messages" + translation);
    }
  }

  @Test
  void everyEnumThePagesShowHasAText() throws IOException {
    List<String> needed = new ArrayList<>();
    for (AuditEvent event : AuditEvent.values()) {
      needed.add("audit.event." + event.name());
    }
    for (AccountStatus status : AccountStatus.values()) {
      needed.add("admin.status." + status.name());
    }
    for (Role role : Role.values()) {
      needed.add("role." + role.name());
    }
    for (SignInTally.Outcome outcome : SignInTally.Outcome.values()) {
      needed.add("outcome." + outcome.name());
    }
    for (String reason : SignInTally.REASONS) {
      needed.add("reason." + reason);
    }
    for (String bundle : List.of("", "_zh")) {
      Set<String> keys = keys(bundle);
      for (String key : needed) {
        assertTrue(keys.contains(key), key + " missing in messages" + bundle);
      }
    }
  }

  /**
   * Texts with parameters go through MessageFormat, which eats a single apostrophe ("that accounts
   * password"): there it must be doubled, and where it is, the formatted text keeps one.
   */
  @Test
  void apostrophesSurviveFormattingInEveryLanguage() throws IOException {
    for (String bundle : List.of("", "_zh", "_en")) {
      Properties texts = properties(bundle);
      for (String key : texts.stringPropertyNames()) {
        String text = texts.getProperty(key);
        if (!text.matches("(?s).*\\{\\d.*") || !text.contains("'")) {
          continue;
        }
        String formatted = new java.text.MessageFormat(text).format(new Object[] {"X", "Y", 2});
        long raw = text.replace("''", "'").chars().filter(c -> c == '\'').count();
        long kept = formatted.chars().filter(c -> c == '\'').count();
        assertEquals(
            raw, kept, key + " in messages" + bundle + " loses an apostrophe: " + formatted);
      }
    }
  }

  private static Properties properties(String suffix) throws IOException {
    try (InputStream in =
        BundleCompletenessTest.class.getResourceAsStream(BASE + suffix + ".properties")) {
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    }
  }

  private static Set<String> keys(String suffix) throws IOException {
    try (InputStream in =
        BundleCompletenessTest.class.getResourceAsStream(BASE + suffix + ".properties")) {
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return new TreeSet<>(properties.stringPropertyNames());
    }
  }
}
