package io.latchkey.interfaces.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SameOriginTest {

  private final SameOrigin latchkey = new SameOrigin(URI.create("https://id.example.com/app/"));

  @Test
  void safeMethodsAlwaysPass() {
    assertTrue(latchkey.allows("GET", "https://evil.example", null, "cross-site"));
    assertTrue(latchkey.allows("HEAD", null, null, null));
  }

  @Test
  void aPostNeedsTheBrowserToNameThisOrigin() {
    assertTrue(latchkey.allows("POST", "https://id.example.com", null, "same-origin"));
    assertTrue(latchkey.allows("POST", "HTTPS://ID.EXAMPLE.COM", null, null));
    assertFalse(latchkey.allows("POST", "https://evil.example", null, null));
    assertFalse(latchkey.allows("POST", "https://id.example.com.evil.example", null, null));
    assertFalse(latchkey.allows("POST", "http://id.example.com", null, null), "scheme counts");
    assertFalse(latchkey.allows("POST", "https://id.example.com:8443", null, null), "port counts");
    assertFalse(latchkey.allows("POST", "null", null, null), "an opaque origin");
  }

  @Test
  void fetchMetadataOtherThanSameOriginIsRefusedWhateverTheOtherHeadersSay() {
    for (String site : new String[] {"cross-site", "same-site", "none"}) {
      assertFalse(latchkey.allows("POST", "https://id.example.com", null, site), site);
    }
  }

  @Test
  void withoutOriginTheRefererDecidesAndWithNeitherThePostIsRefused() {
    assertTrue(latchkey.allows("POST", null, "https://id.example.com/app/login", null));
    assertFalse(latchkey.allows("POST", null, "https://evil.example/id.example.com", null));
    assertFalse(latchkey.allows("POST", null, "not a uri at all", null));
    assertFalse(latchkey.allows("POST", null, null, null));
    assertFalse(latchkey.allows("DELETE", null, null, null));
  }

  @Test
  void originsAreSerializedAsBrowsersDo() {
    assertEquals("https://a.example", SameOrigin.originOf(URI.create("https://A.example:443/x")));
    assertEquals("http://127.0.0.1:8080", SameOrigin.originOf(URI.create("http://127.0.0.1:8080")));
  }
}
