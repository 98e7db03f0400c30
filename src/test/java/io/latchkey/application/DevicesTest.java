package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DevicesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
            + " Safari/537.36|Chrome · Linux",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " HeadlessChrome/131.0.0.0 Safari/537.36|Chrome · Linux",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0|Edge · Windows",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko)"
            + " Version/17.1 Safari/605.1.15|Safari · macOS",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML,"
            + " like Gecko) Version/17.1 Mobile/15E148 Safari/604.1|Safari · iOS",
        "Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0|Firefox · Android",
        "Java-http-client/17.0.13|''",
        "<script>alert(1)</script> Linux|Linux",
      })
  void namesOnlyAKnownBrowserAndSystem(String userAgent, String expected) {
    assertEquals(expected, Devices.describe(userAgent));
  }

  @ParameterizedTest
  @CsvSource({"''", "'   '"})
  void anAbsentHeaderIsAnUnknownDevice(String userAgent) {
    assertEquals("", Devices.describe(userAgent));
    assertEquals("", Devices.describe(null));
  }
}
