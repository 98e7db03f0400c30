package io.latchkey.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the benchmark deploys: the packaged {@code latchkey.war}, byte for byte, plus {@link
 * SessionSizeServlet} (one class at {@code /bench/session-size}), because the size of a session can
 * only be measured where the session lives. Nothing else differs from what users deploy.
 */
final class BenchWar {

  private BenchWar() {}

  /** Writes the benchmark WAR to {@code target} and returns it. */
  static Path withSessionProbe(Path packagedWar, Path target) {
    if (!Files.isRegularFile(packagedWar)) {
      throw new IllegalStateException(packagedWar + " is missing: run mvn -Pbench verify");
    }
    ShrinkWrap.create(ZipImporter.class, "latchkey.war")
        .importFrom(packagedWar.toFile())
        .as(WebArchive.class)
        .addClass(SessionSizeServlet.class)
        .as(ZipExporter.class)
        .exportTo(target.toFile(), true);
    return target;
  }
}
