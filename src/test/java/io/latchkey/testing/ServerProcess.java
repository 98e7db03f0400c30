package io.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged WAR on a server started as a separate process, the way the README deploys it, for
 * tests that need what Arquillian does not give: a restart on the same data, or environment
 * variables of their own. {@link PayaraProcess} and {@link WildFlyProcess} differ only in how they
 * start and what their log says once the WAR serves.
 *
 * <p>Usage: {@code try (ServerProcess server =
 * ServerProcess.startSelected(Map.of("LATCHKEY_DATA_DIR", dir))) { browser.at(server.baseUrl()) …
 * }}: the server is the one Failsafe's execution names in {@code latchkey.it.server} ({@code
 * payara}, the default, or {@code wildfly}).
 */
public abstract class ServerProcess implements AutoCloseable {

  private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final Path log;
  private final int port;

  protected ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Boots the server of this test run with the WAR and these environment variables. */
  public static ServerProcess startSelected(Map<String, String> environment) {
    return "wildfly".equals(System.getProperty("latchkey.it.server"))
        ? WildFlyProcess.start(environment)
        : PayaraProcess.start(environment);
  }

  /** Starts {@code command} with these environment variables, its output going to {@code log}. */
  protected static Process startProcess(
      List<String> command, Map<String, String> environment, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The environment with {@code LATCHKEY_BASE_URL} set to where this server serves, unless the test
   * set it: as in any deployment, the forms are accepted only from the configured origin.
   */
  protected static Map<String, String> withBaseUrl(Map<String, String> environment, int port) {
    Map<String, String> variables = new java.util.HashMap<>(environment);
    variables.putIfAbsent("LATCHKEY_BASE_URL", "http://localhost:" + port);
    return variables;
  }

  /** Where MicroProfile Health answers. */
  public abstract String healthUrl();

  /** The server's process id (for memory readings). */
  public long pid() {
    return process.pid();
  }

  /** Where the server's output goes. */
  public Path logFile() {
    return log;
  }

  protected int port() {
    return port;
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

  /**
   * Returns once the log shows {@code ready}; stops the server and fails if it shows one of {@code
   * failures} first, exits, or is not ready within three minutes.
   */
  protected void awaitLog(String ready, List<String> failures) {
    String name = getClass().getSimpleName();
    Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String output = log();
      if (!process.isAlive() || failures.stream().anyMatch(output::contains)) {
        close();
        throw new IllegalStateException(name + " did not start the WAR; see " + log);
      }
      if (output.contains(ready)) {
        return;
      }
      sleep(Duration.ofMillis(250));
    }
    close();
    throw new IllegalStateException(name + " not ready after " + BOOT_TIMEOUT + "; see " + log);
  }

  /** Kills the server at once (SIGKILL): no shutdown hook, no session written anywhere. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits, for the polling loops of the test servers (also KeycloakServer's). */
  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
