package io.latchkey.testing;

import io.latchkey.testing.clock.ClockServlet;
import io.latchkey.testing.clock.MovableClock;
import io.latchkey.testing.clock.SessionExpiryServlet;
import java.io.File;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that the build packaged, exactly as users deploy it (named so it lands at "/"). */
public final class Deployments {

  private Deployments() {}

  public static WebArchive packagedWar() {
    File war = new File(System.getProperty("latchkey.war", "target/latchkey.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(war + " is missing: run the ITs with mvn verify");
    }
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
  }

  /**
   * The packaged WAR plus a clock that tests move forward ({@link
   * io.latchkey.testing.clock.ServerClock}), the session records' expiry on demand ({@link
   * SessionExpiryServlet}) and the benchmark's session measurement, written next to it for servers
   * started outside Arquillian.
   */
  public static Path warWithMovableClock() {
    Path file = Path.of(System.getProperty("latchkey.buildDir", "target"), "latchkey-clock.war");
    packagedWar()
        .addClasses(
            MovableClock.class,
            ClockServlet.class,
            SessionExpiryServlet.class,
            io.latchkey.benchmark.SessionSizeServlet.class)
        .as(ZipExporter.class)
        .exportTo(file.toFile(), true);
    return file;
  }
}
