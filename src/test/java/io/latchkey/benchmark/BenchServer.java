package io.latchkey.benchmark;

import io.latchkey.testing.PayaraProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's server: the WAR of its choosing on Payara Micro, started by {@link PayaraProcess}
 * as for the tests (same server-config/, loopback only), plus the two memory readings of item 7:
 * the resident set from {@code /proc/<pid>/status}, and the heap used after a full collection,
 * through {@code jcmd}.
 */
final class BenchServer implements AutoCloseable {

  private static final Pattern G1_HEAP_USED =
      Pattern.compile("garbage-first heap\\s+total (\\d+)K, used (\\d+)K");
  private static final Pattern ANY_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private final PayaraProcess server;

  private BenchServer(PayaraProcess server) {
    this.server = server;
  }

  /** Boots Payara Micro with {@code war} at "/" and these environment variables. */
  static BenchServer start(
      Settings settings, Path war, Path workDir, int port, Map<String, String> environment)
      throws IOException {
    return new BenchServer(
        PayaraProcess.start(
            new PayaraProcess.Launch(
                settings.buildDir().resolve("payara-micro.jar"),
                settings.serverConfig(),
                war,
                port,
                settings.serverJvmOptions(),
                Files.createDirectories(workDir.resolve("tmp")),
                workDir.resolve("payara.log")),
            environment));
  }

  URI baseUri() {
    return URI.create("http://localhost:" + port() + "/");
  }

  private int port() {
    return server.baseUrl().getPort();
  }

  long pid() {
    return server.pid();
  }

  /** The server process's CPU time so far (all its threads, JIT and GC included), from the OS. */
  java.time.Duration cpuTime() {
    return ProcessHandle.of(pid())
        .flatMap(process -> process.info().totalCpuDuration())
        .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid()));
  }

  Path log() {
    return server.logFile();
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

  @Override
  public void close() {
    server.close();
  }
}
