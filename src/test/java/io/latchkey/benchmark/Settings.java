package io.latchkey.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How much the benchmark does, from system properties ({@code mvn -Pbench verify
 * -Dbench.memory.signins=2000}); the defaults take four to eight minutes on two cores, depending on
 * what else runs.
 *
 * @param buildDir where the packaged WAR and payara-micro.jar are ({@code bench.buildDir})
 * @param serverConfig the project's server-config/ ({@code bench.serverConfig})
 * @param serverJvmOptions JVM options of the Payara Micro process ({@code bench.server.jvmOptions})
 * @param concurrency the virtual users of every concurrent run ({@code bench.concurrency})
 * @param warmupSignIns provider sign-ins before anything is measured ({@code bench.warmup})
 * @param signInsSerial provider sign-ins measured with one user ({@code bench.signins.c1})
 * @param signInsConcurrent provider sign-ins measured with all users ({@code bench.signins.cN})
 * @param providerAloneSerial authorize + token rounds with one user ({@code bench.provider.c1})
 * @param providerAloneConcurrent the same with all users ({@code bench.provider.cN})
 * @param pageRequests page requests per page and round ({@code bench.pages})
 * @param pageRounds alternating rounds of public and authenticated requests ({@code
 *     bench.pages.rounds})
 * @param passwordSignInsSerial password sign-ins with one user ({@code bench.password.c1})
 * @param passwordSignInsConcurrent password sign-ins with all users ({@code bench.password.cN})
 * @param pbkdf2Samples hashes timed in the benchmark JVM ({@code bench.pbkdf2.samples})
 * @param scalingSignIns sign-ins per kind at each database size ({@code bench.scaling.signins})
 * @param smallAccounts the smaller database size ({@code bench.accounts.small})
 * @param largeAccounts the larger database size ({@code bench.accounts.large})
 * @param largeAuditRows the audit trail's size beside it ({@code bench.audit.large})
 * @param adminRequests requests per admin page ({@code bench.admin.requests})
 * @param adminUsersPath the admin user list ({@code bench.admin.path})
 * @param adminSearchQuery the query of a filtered search on it ({@code bench.admin.search})
 * @param memorySignIns provider sign-ins before memory is read ({@code bench.memory.signins})
 */
record Settings(
    Path buildDir,
    Path serverConfig,
    List<String> serverJvmOptions,
    int concurrency,
    int warmupSignIns,
    int signInsSerial,
    int signInsConcurrent,
    int providerAloneSerial,
    int providerAloneConcurrent,
    int pageRequests,
    int pageRounds,
    int passwordSignInsSerial,
    int passwordSignInsConcurrent,
    int pbkdf2Samples,
    int scalingSignIns,
    int smallAccounts,
    int largeAccounts,
    int largeAuditRows,
    int adminRequests,
    String adminUsersPath,
    String adminSearchQuery,
    int memorySignIns) {

  static Settings fromSystemProperties() {
    return new Settings(
        Path.of(System.getProperty("bench.buildDir", "target")).toAbsolutePath(),
        Path.of(System.getProperty("bench.serverConfig", "server-config")).toAbsolutePath(),
        Arrays.stream(System.getProperty("bench.server.jvmOptions", "-Xmx512m").split("\\s+"))
            .filter(option -> !option.isBlank())
            .toList(),
        number("bench.concurrency", 8),
        number("bench.warmup", 300),
        number("bench.signins.c1", 200),
        number("bench.signins.cN", 800),
        number("bench.provider.c1", 1_000),
        number("bench.provider.cN", 4_000),
        number("bench.pages", 1_000),
        number("bench.pages.rounds", 2),
        number("bench.password.c1", 8),
        number("bench.password.cN", 24),
        number("bench.pbkdf2.samples", 5),
        number("bench.scaling.signins", 150),
        number("bench.accounts.small", 1_000),
        number("bench.accounts.large", 1_000_000),
        number("bench.audit.large", 10_000_000),
        number("bench.admin.requests", 30),
        System.getProperty("bench.admin.path", "/admin/users"),
        System.getProperty("bench.admin.search", "email=seed-00001"),
        number("bench.memory.signins", 10_000));
  }

  private static int number(String property, int defaultValue) {
    return Integer.parseInt(System.getProperty(property, String.valueOf(defaultValue)).trim());
  }
}
