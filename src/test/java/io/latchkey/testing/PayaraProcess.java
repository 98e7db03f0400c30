package io.latchkey.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged WAR on Payara Micro as a separate process (see {@link ServerProcess}), started the
 * way the README's run command starts it (same server-config/, loopback only).
 *
 * <p>Usage: {@code try (PayaraProcess server = PayaraProcess.start(Map.of("LATCHKEY_DATA_DIR",
 * dir))) { browser.at(server.baseUrl()) … }}
 */
public final class PayaraProcess extends ServerProcess {

  private PayaraProcess(Process process, Path log, int port) {
    super(process, log, port);
  }

  /** Boots Payara Micro with the WAR and these environment variables; returns once it serves. */
  public static PayaraProcess start(Map<String, String> environment) {
    return start(freePort(), environment);
  }

  /** As {@link #start(Map)}, on a given port (for settings that must name it in advance). */
  public static PayaraProcess start(int port, Map<String, String> environment) {
    Path buildDir = Path.of(System.getProperty("latchkey.buildDir", "target"));
    return start(port, environment, buildDir.resolve("latchkey.war"));
  }

  /**
   * As {@link #start(int, Map)}, with another WAR (e.g. {@code Deployments.warWithMovableClock}).
   */
  public static PayaraProcess start(int port, Map<String, String> environment, Path war) {
    Path buildDir = Path.of(System.getProperty("latchkey.buildDir", "target"));
    return start(
        new Launch(
            buildDir.resolve("payara-micro.jar"),
            Path.of(System.getProperty("latchkey.serverConfig", "server-config")),
            war,
            port,
            List.of("-Xmx512m"),
            buildDir,
            buildDir.resolve("payara-process-" + port + ".log")),
        environment);
  }

  /**
   * How to start a server: which Payara Micro, server-config/ and WAR (deployed at "/"), on which
   * port, with which JVM options, temporary directory and log file.
   */
  public record Launch(
      Path payaraJar,
      Path serverConfig,
      Path war,
      int port,
      List<String> jvmOptions,
      Path tmpDir,
      Path log) {}

  /** Boots Payara Micro as {@code launch} says, with these environment variables. */
  public static PayaraProcess start(Launch launch, Map<String, String> environment) {
    return start(launch, environment, List.of());
  }

  /** As {@link #start(Launch, Map)}, with more Payara Micro options (e.g. {@code --sslport}). */
  public static PayaraProcess start(
      Launch launch, Map<String, String> environment, List<String> payaraOptions) {
    return start(launch, environment, payaraOptions, false);
  }

  /**
   * One instance of a pair that forms a cluster on loopback ({@code server-config/
   * hazelcast-cluster.xml}, members 127.0.0.1:5900 and :5901), as the README's "Two instances"
   * section runs them: sessions are replicated between the instances.
   */
  public static PayaraProcess startInCluster(int port, Map<String, String> environment) {
    Path buildDir = Path.of(System.getProperty("latchkey.buildDir", "target"));
    return start(
        new Launch(
            buildDir.resolve("payara-micro.jar"),
            Path.of(System.getProperty("latchkey.serverConfig", "server-config")),
            buildDir.resolve("latchkey.war"),
            port,
            List.of("-Xmx512m"),
            buildDir,
            buildDir.resolve("payara-cluster-" + port + ".log")),
        environment,
        List.of(),
        true);
  }

  private static PayaraProcess start(
      Launch launch,
      Map<String, String> environment,
      List<String> payaraOptions,
      boolean clustered) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(launch.jvmOptions());
    String hazelcast = clustered ? "hazelcast-cluster.xml" : "hazelcast.xml";
    command.addAll(
        List.of(
            "-Dhazelcast.config=" + launch.serverConfig().resolve(hazelcast).toAbsolutePath(),
            "-Djava.io.tmpdir=" + launch.tmpDir().toAbsolutePath(),
            "-jar",
            launch.payaraJar().toString()));
    if (!clustered) {
      command.add("--nocluster");
    }
    command.addAll(
        List.of(
            "--port",
            String.valueOf(launch.port()),
            "--prebootcommandfile",
            launch.serverConfig().resolve("pre-boot-commands.asadmin").toString(),
            "--contextroot",
            "/",
            "--deploy",
            launch.war().toString()));
    command.addAll(payaraOptions);
    PayaraProcess server =
        new PayaraProcess(
            startProcess(command, withBaseUrl(environment, launch.port()), launch.log()),
            launch.log(),
            launch.port());
    server.awaitLog("ready in", List.of("Failed to deploy", "Exception while loading the app"));
    return server;
  }

  @Override
  public String healthUrl() {
    return baseUrl() + "health";
  }
}
