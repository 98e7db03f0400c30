package io.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged WAR on Payara Micro as a separate process, started the way the README's run command
 * starts it (same server-config/, loopback only), for tests that need what Arquillian does not
 * give: a restart on the same data, or environment variables of their own.
 *
 * <p>Usage: {@code try (PayaraProcess server = PayaraProcess.start(Map.of("LATCHKEY_DATA_DIR",
 * dir))) { browser.at(server.baseUrl()) … }}
 */
public final class PayaraProcess implements AutoCloseable {

  private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final Path log;
  private final int port;

  private PayaraProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
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
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(launch.jvmOptions());
    command.addAll(
        List.of(
            "-Dhazelcast.config=" + launch.serverConfig().resolve("hazelcast.xml").toAbsolutePath(),
            "-Djava.io.tmpdir=" + launch.tmpDir().toAbsolutePath(),
            "-jar",
            launch.payaraJar().toString(),
            "--nocluster",
            "--port",
            String.valueOf(launch.port()),
            "--prebootcommandfile",
            launch.serverConfig().resolve("pre-boot-commands.asadmin").toString(),
            "--contextroot",
            "/",
            "--deploy",
            launch.war().toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(launch.log().toFile());
    builder.environment().putAll(environment);
    try {
      PayaraProcess server = new PayaraProcess(builder.start(), launch.log(), launch.port());
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's process id (for memory readings). */
  public long pid() {
    return process.pid();
  }

  /** Where the server's output goes. */
  public Path logFile() {
    return log;
  }

  public URL baseUrl() {
    try {
      return new URL("http://localhost:" + port + "/");
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the server printed, for assertions and for failure reports. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String output = log();
      if (!process.isAlive()
          || output.contains("Failed to deploy")
          || output.contains("Exception while loading the app")) {
        close();
        throw new IllegalStateException("Payara Micro did not start the WAR; see " + log);
      }
      if (output.contains("ready in")) {
        return;
      }
      sleep(Duration.ofMillis(250));
    }
    close();
    throw new IllegalStateException(
        "Payara Micro not ready after " + BOOT_TIMEOUT + "; see " + log);
  }

  /** Stops the server as Ctrl-C would (SIGTERM), forcibly if it does not stop in 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A port of 127.0.0.1 that nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
