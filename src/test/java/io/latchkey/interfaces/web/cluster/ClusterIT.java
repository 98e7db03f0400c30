package io.latchkey.interfaces.web.cluster;

import static io.latchkey.testing.Flows.PASSWORD;
import static io.latchkey.testing.Flows.isSignedIn;
import static io.latchkey.testing.Flows.person;
import static io.latchkey.testing.Flows.register;
import static io.latchkey.testing.Flows.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.Balancer;
import io.latchkey.testing.Browser;
import io.latchkey.testing.Flows;
import io.latchkey.testing.PayaraProcess;
import io.latchkey.testing.ServerProcess;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.provider.Login;
import io.latchkey.testing.provider.TestProvider;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Payara Micro instances of the packaged WAR, one database (the ITs' H2 server), sessions
 * replicated through Payara's Hazelcast on loopback ({@code server-config/hazelcast-cluster.xml}),
 * behind a load balancer that knows nothing of sessions ({@link Balancer}): what an enterprise
 * runs, and what happens when one instance dies.
 */
@ExtendWith(TestDatabase.class)
class ClusterIT {

  private static final String CLIENT_ID = "latchkey-cluster";
  private static final String SECRET = "cluster-client-secret-not-used-anywhere-else";
  private static final String ADMIN = "cluster-admin@example.test";

  private static Balancer balancer;
  private static TestProvider provider;
  private static PayaraProcess a;
  private static PayaraProcess b;

  @RegisterExtension Browser browser = new Browser();

  @BeforeAll
  static void startTwoInstances() {
    balancer = Balancer.start();
    String base = "http://localhost:" + balancer.port();
    provider = TestProvider.start(CLIENT_ID, SECRET, base + "/auth/callback");
    Map<String, String> environment = new HashMap<>();
    environment.put("LATCHKEY_BASE_URL", base);
    environment.put("LATCHKEY_DB_URL", System.getProperty("latchkey.it.dbUrl"));
    environment.put("OIDC_PROVIDER_ID", "testid");
    environment.put("OIDC_PROVIDER_NAME", "TestID");
    environment.put("OIDC_ISSUER", provider.issuer());
    environment.put("OIDC_CLIENT_ID", CLIENT_ID);
    environment.put("OIDC_CLIENT_SECRET", SECRET);
    // Sessions replicated through Payara's data grid (a single instance keeps them in memory).
    environment.put("LATCHKEY_SESSION_STORE", "hazelcast");
    environment.put("LATCHKEY_ADMIN_EMAIL", ADMIN);
    environment.put("LATCHKEY_ATTEMPTS_PER_ADDRESS_PER_MINUTE", "100000");
    environment.put("LATCHKEY_SIGN_IN_STARTS_PER_ADDRESS_PER_MINUTE", "100000");
    int portA = ServerProcess.freePort();
    int portB = ServerProcess.freePort();
    CompletableFuture<PayaraProcess> first =
        CompletableFuture.supplyAsync(() -> PayaraProcess.startInCluster(portA, environment));
    CompletableFuture<PayaraProcess> second =
        CompletableFuture.supplyAsync(() -> PayaraProcess.startInCluster(portB, environment));
    a = first.join();
    b = second.join();
    balancer.sendTo(a.baseUrl().getPort());
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable running : new AutoCloseable[] {a, b, provider, balancer}) {
      try {
        if (running != null) {
          running.close();
        }
      } catch (Exception ignored) {
        // Stopping is all that is left to do.
      }
    }
  }

  @Test
  void sessionsLiveOnEitherInstanceAndSurviveTheLossOfOne() throws Exception {
    browser.at(new URL("http://localhost:" + balancer.port() + "/"));
    String email = Flows.uniqueEmail();
    register(browser, email, "Two Instances");
    Browser laptop = browser;
    Browser phone = browser.another();
    Browser provided = browser.another();
    Login login = person("Provided Twice");

    // Signed in through A: with a password on two devices, and through the provider.
    assertEquals("/account", signIn(laptop, email, PASSWORD).getUrl().getPath());
    assertEquals("/account", signIn(phone, email, PASSWORD).getUrl().getPath());
    assertEquals(
        "/account", Flows.signInWithProvider(provided, provider, login).getUrl().getPath());

    // The same cookies work on B: nothing sticky is needed.
    balancer.sendTo(b.baseUrl().getPort());
    assertTrue(isSignedIn(laptop) && isSignedIn(phone) && isSignedIn(provided));

    // A sign-in started on B and completed on A: it completes (or ends on the friendly page).
    Browser halfway = browser.another().followRedirects(false);
    provider.enqueueLogin(person("Half Way"));
    halfway.get("/auth/testid");
    String authorize = halfway.location();
    halfway.getAbsolute(authorize);
    String callback = halfway.location();
    balancer.sendTo(a.baseUrl().getPort());
    halfway.getAbsolute(callback);
    assertTrue(
        List.of("/account", "/sign-in-problem").stream()
            .anyMatch(path -> halfway.location().contains(path)),
        "a page, not an error: " + halfway.location());

    // Ending a session through A stops it on B (within the 5-second recheck at worst).
    HtmlPage account = laptop.open("/account");
    laptop.submit(account, "endOthers", Map.of(), "submit");
    balancer.sendTo(b.baseUrl().getPort());
    assertTrue(within(Duration.ofSeconds(6), () -> !isSignedIn(phone)), "phone ended on B");
    assertTrue(isSignedIn(laptop));

    // Disabling an account through B stops its session on A, which had just read the account's
    // state: each instance reads it again at most 5 seconds later.
    String leaver = Flows.uniqueEmail();
    Browser leaving = browser.another();
    balancer.sendTo(a.baseUrl().getPort());
    register(leaving, leaver, "Leaving Soon");
    assertEquals("/account", signIn(leaving, leaver, PASSWORD).getUrl().getPath());
    balancer.sendTo(b.baseUrl().getPort());
    Browser admin = browser.another();
    Flows.signInWithProvider(admin, provider, person("Cluster Admin").withEmail(ADMIN));
    Flows.adminAction(admin, Flows.accountId(leaver), "disable", "left the company");
    assertEquals(
        Optional.of("DISABLED"),
        TestDatabase.value("SELECT status FROM account WHERE email = ?", leaver));
    balancer.sendTo(a.baseUrl().getPort());
    assertTrue(within(Duration.ofSeconds(6), () -> !isSignedIn(leaving)), "disabled on A");
    assertTrue(isSignedIn(laptop), "nobody else");

    // A dies without a word: its sessions carry on at B with the same cookies.
    balancer.sendTo(a.baseUrl().getPort());
    HtmlPage renderedByA = laptop.open("/account");
    a.kill();
    balancer.sendTo(b.baseUrl().getPort());
    assertTrue(isSignedIn(laptop), "the password session survives its instance");
    assertTrue(isSignedIn(provided), "the provider session survives its instance");
    assertEquals(1, TestDatabase.auditCount("SIGN_IN_SUCCEEDED", login.email()), "no new sign-in");

    // And a form A rendered posts on B: its view state moved with the session.
    HtmlPage answered =
        laptop.submit(
            renderedByA,
            "password",
            Map.of(
                "currentPassword", "not the password",
                "newPassword", "another long passphrase",
                "newPasswordAgain", "another long passphrase"),
            "submit");
    assertTrue(
        Flows.messagesOf(answered).contains("The current password is incorrect"),
        Flows.messagesOf(answered));
    assertEquals(email, answered.getElementById("email").getTextContent());
  }

  private static boolean within(Duration limit, BooleanSupplier condition) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(250);
    }
    return condition.getAsBoolean();
  }
}
