package io.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged WAR on WildFly as a separate process (see {@link ServerProcess}), deployed the way
 * the README's "Deploy on WildFly" says: {@code standalone-latchkey.xml} (made by
 * server-config/wildfly/latchkey.cli) and the WAR as {@code deployments/ROOT.war}.
 *
 * <p>Each process gets a server base directory of its own (a copy of {@code standalone/}'s
 * configuration under target/), so that it never shares data, deployments or ports with another
 * WildFly of the same test run.
 */
public final class WildFlyProcess extends ServerProcess {

  private final int managementPort;

  private WildFlyProcess(Process process, Path log, int port, int managementPort) {
    super(process, log, port);
    this.managementPort = managementPort;
  }

  /** Boots WildFly with the WAR and these environment variables; returns once it serves. */
  public static WildFlyProcess start(Map<String, String> environment) {
    Path home = Path.of(System.getProperty("latchkey.wildfly.home"));
    Path buildDir = Path.of(System.getProperty("latchkey.buildDir", "target"));
    int port = freePort();
    int managementPort = freePort();
    Path base = buildDir.resolve("wildfly-process-" + port);
    copyDirectory(home.resolve("standalone/configuration"), base.resolve("configuration"));
    copy(buildDir.resolve("latchkey.war"), base.resolve("deployments/ROOT.war"));
    Path log = buildDir.resolve("wildfly-process-" + port + ".log");
    List<String> command =
        List.of(
            home.resolve("bin/standalone.sh").toString(),
            "-c",
            "standalone-latchkey.xml",
            "-Djboss.server.base.dir=" + base.toAbsolutePath(),
            "-Djboss.http.port=" + port,
            "-Djboss.https.port=" + freePort(),
            "-Djboss.management.http.port=" + managementPort);
    Map<String, String> variables = new HashMap<>(withBaseUrl(environment, port));
    variables.put("JAVA_HOME", System.getProperty("java.home"));
    // standalone.sh passes SIGTERM on to the server only when started this way.
    variables.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
    WildFlyProcess server =
        new WildFlyProcess(startProcess(command, variables, log), log, port, managementPort);
    // WFLYSRV0025: started without errors (the WAR deployed during boot); WFLYSRV0026: with errors.
    server.awaitLog("WFLYSRV0025", List.of("WFLYSRV0026", "WFLYCTL0013"));
    return server;
  }

  @Override
  public String healthUrl() {
    return "http://127.0.0.1:" + managementPort + "/health";
  }

  private static void copyDirectory(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        copy(file, to.resolve(from.relativize(file).toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
