package io.latchkey.application;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A short, language-neutral description of a device from its User-Agent ("Chrome · Linux"), for
 * people to recognise their sessions. It names only a browser and an operating system among well
 * known ones; anything else (and any other text of the header) is left out, so that a forged header
 * shows no more than an unknown device.
 */
final class Devices {

  // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", iOS "Mac OS X".
  private static final List<Map.Entry<String, String>> BROWSERS =
      List.of(
          Map.entry("edg/", "Edge"),
          Map.entry("edga/", "Edge"),
          Map.entry("edgios/", "Edge"),
          Map.entry("opr/", "Opera"),
          Map.entry("firefox/", "Firefox"),
          Map.entry("fxios/", "Firefox"),
          Map.entry("chrome/", "Chrome"),
          Map.entry("crios/", "Chrome"),
          Map.entry("chromium/", "Chromium"),
          Map.entry("safari/", "Safari"));

  private static final List<Map.Entry<String, String>> SYSTEMS =
      List.of(
          Map.entry("windows", "Windows"),
          Map.entry("iphone", "iOS"),
          Map.entry("ipad", "iPadOS"),
          Map.entry("android", "Android"),
          Map.entry("cros", "ChromeOS"),
          Map.entry("mac os x", "macOS"),
          Map.entry("macintosh", "macOS"),
          Map.entry("linux", "Linux"));

  private Devices() {}

  /** "Browser · System", one of them, or "" when the User-Agent names neither (or is absent). */
  static String describe(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "";
    }
    String agent = userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent;
    agent = agent.toLowerCase(Locale.ROOT);
    String browser = first(BROWSERS, agent);
    String system = first(SYSTEMS, agent);
    if (browser == null) {
      return system == null ? "" : system;
    }
    return system == null ? browser : browser + " · " + system;
  }

  private static String first(List<Map.Entry<String, String>> names, String agent) {
    for (Map.Entry<String, String> name : names) {
      if (agent.contains(name.getKey())) {
        return name.getValue();
      }
    }
    return null;
  }
}
