package io.latchkey.benchmark;

import io.latchkey.testing.PayaraProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara Micro as a process with a WAR of the benchmark's choosing, started as {@link
 * PayaraProcess} starts it for the tests (same server-config/, loopback only), and the two memory
 * readings of item 7: the resident set from {@code /proc/<pid>/status}, and the heap used after a
 * full collection, through {@code jcmd}.
 *
 * <p>It exists beside {@link PayaraProcess} because that one always deploys {@code
 * target/latchkey.war} and does not expose the process id.
 */
final class BenchServer implements AutoCloseable {

  private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern G1_HEAP_USED =
      Pattern.compile("garbage-first heap\\s+total (\\d+)K, used (\\d+)K");
  private static final Pattern ANY_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private final Process process;
  private final Path log;
  private final int port;

  private BenchServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Boots Payara Micro with {@code war} at "/" and these environment variables. */
  static BenchServer start(
      Settings settings, Path war, Path workDir, int port, Map<String, String> environment)
      throws IOException {
    Path tmp = Files.createDirectories(workDir.resolve("tmp"));
    Path log = workDir.resolve("payara.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(settings.serverJvmOptions());
    command.addAll(
        List.of(
            "-Dhazelcast.config=" + settings.serverConfig().resolve("hazelcast.xml"),
            "-Djava.io.tmpdir=" + tmp,
            "-jar",
            settings.buildDir().resolve("payara-micro.jar").toString(),
            "--nocluster",
            "--port",
            String.valueOf(port),
            "--prebootcommandfile",
            settings.serverConfig().resolve("pre-boot-commands.asadmin").toString(),
            "--contextroot",
            "/",
            "--deploy",
            war.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    BenchServer server = new BenchServer(builder.start(), log, port);
    server.awaitReady();
    return server;
  }

  URI baseUri() {
    return URI.create("http://localhost:" + port + "/");
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** The process's resident set size in KiB ({@code VmRSS}). */
  long residentKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("No VmRSS in /proc/" + pid() + "/status");
  }

  /** Heap in use and committed (KiB) right after a full collection requested with jcmd. */
  HeapReading heapAfterFullGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher g1 = G1_HEAP_USED.matcher(info);
    if (g1.find()) {
      return new HeapReading(Long.parseLong(g1.group(2)), Long.parseLong(g1.group(1)), info);
    }
    long used = 0;
    long committed = 0;
    for (String line : info.lines().filter(l -> !l.contains("space")).toList()) {
      Matcher any = ANY_USED.matcher(line);
      if (any.find()) {
        committed += Long.parseLong(any.group(1));
        used += Long.parseLong(any.group(2));
      }
    }
    return new HeapReading(used, committed, info);
  }

  /**
   * A heap reading.
   *
   * @param usedKib heap in use
   * @param committedKib heap the JVM holds
   * @param jcmdOutput what {@code GC.heap_info} printed
   */
  record HeapReading(long usedKib, long committedKib, String jcmdOutput) {}

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid()),
                command)
            .redirectErrorStream(true)
            .start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + output);
    }
    return output;
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String output = readLog();
      if (output.contains("ready in")) {
        return;
      }
      if (!process.isAlive()
          || output.contains("Failed to deploy")
          || output.contains("Exception while loading the app")) {
        close();
        throw new IllegalStateException("Payara Micro did not start the WAR; see " + log);
      }
      sleep(Duration.ofMillis(250));
    }
    close();
    throw new IllegalStateException(
        "Payara Micro not ready after " + BOOT_TIMEOUT + "; see " + log);
  }

  private String readLog() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, then SIGKILL if the server has not stopped after 30 s. */
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

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
