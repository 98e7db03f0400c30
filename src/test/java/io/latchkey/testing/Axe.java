package io.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core (Deque's accessibility engine, npm {@code axe-core}) run inside a page of a {@link
 * Chromium} window: WCAG 2.1 A/AA and best-practice rules; what counts is the violations of impact
 * serious or critical. The build installs axe-core with npm into {@code target/npm} (see pom.xml);
 * Failsafe passes its path as {@code latchkey.axe}.
 *
 * <p>Usage: {@code List<String> problems = Axe.seriousViolations(window);} — each a readable line
 * with the rule, its help text and the elements concerned.
 */
public final class Axe {

  private static String source;

  private Axe() {}

  public static List<String> seriousViolations(Chromium.Window window) {
    window.script(source());
    Object result =
        window.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values:"
                + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious'"
                + " || v.impact === 'critical').map(v => ({id: v.id, impact: v.impact,"
                + " help: v.help, nodes: v.nodes.map(n => n.target.join(' ')"
                + " + ' — ' + n.failureSummary)}))))"
                + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e),"
                + " nodes: []}]));");
    List<String> problems = new ArrayList<>();
    for (Object violation : (List<?>) result) {
      Map<?, ?> v = (Map<?, ?>) violation;
      problems.add(
          v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " " + v.get("nodes"));
    }
    return problems;
  }

  private static synchronized String source() {
    if (source == null) {
      Path path =
          Path.of(
              System.getProperty("latchkey.axe", "target/npm/node_modules/axe-core/axe.min.js"));
      if (!Files.isRegularFile(path)) {
        throw new IllegalStateException(
            path + " is missing: mvn verify installs it with npm (npm must be on the PATH)");
      }
      try {
        source = Files.readString(path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }
}
