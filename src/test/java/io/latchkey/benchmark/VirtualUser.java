package io.latchkey.benchmark;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated browser: an HTTP client with its own cookie jar and connections, which follows
 * redirects by hand (so that each hop is a request of its own, as in a browser) and knows the flows
 * of Latchkey's pages. Any unexpected answer throws {@link UnexpectedResponse} with what the server
 * said.
 *
 * <p>Not thread-safe: one virtual user is driven by one thread at a time.
 */
final class VirtualUser {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*?value=\"([^\"]*)\"");
  private static final Pattern FORM_TOKEN =
      Pattern.compile("name=\"latchkey\\.FormToken\"[^>]*?value=\"([^\"]*)\"");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  VirtualUser(URI base) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** An answer, with its body read completely. */
  record Response(int status, URI uri, Optional<URI> location, HttpHeaders headers, byte[] body) {

    String text() {
      return new String(body, UTF_8);
    }

    /** The redirect target, resolved against the request. */
    URI next() {
      return location.orElseThrow(() -> new UnexpectedResponse("no Location header", this));
    }
  }

  /** Thrown when a step of a flow does not answer as a browser would expect. */
  static final class UnexpectedResponse extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnexpectedResponse(String what, Response response) {
      super(
          what
              + ": HTTP "
              + response.status()
              + " from "
              + response.uri()
              + response.location().map(l -> " to " + l).orElse("")
              + (response.status() >= 500 ? " " + response.headers().map() : "")
              + " "
              + abbreviate(response.text()));
    }

    private static String abbreviate(String text) {
      String flat = text.replaceAll("\\s+", " ").trim();
      return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
  }

  URI at(String path) {
    return base.resolve(path);
  }

  /** Forgets every cookie: the next request comes from a new browser session. */
  void forgetCookies() {
    cookies.getCookieStore().removeAll();
  }

  Response get(URI uri) throws IOException, InterruptedException {
    return send(browserRequest(uri).GET().build());
  }

  Response get(String path) throws IOException, InterruptedException {
    return get(at(path));
  }

  /** A page that must answer 200 where it was asked for (no redirect to a login page). */
  Response open(String path) throws IOException, InterruptedException {
    return expect(get(path), 200, path);
  }

  // Flows --------------------------------------------------------------------------------------

  /**
   * "Continue with …" from a new browser session: {@code /auth/{id}} → the provider's authorize
   * endpoint → {@code /auth/callback} → {@code /account}. Returns the account page.
   */
  Response signInWithProvider(String providerId) throws IOException, InterruptedException {
    Response callback = signInWithProviderUntilCallback(providerId);
    Response account = expect(get(callback.next()), 200, "the account page");
    return expectPath(account, account.uri(), "/account");
  }

  /** As {@link #signInWithProvider}, stopping at the callback's redirect (no page shown yet). */
  Response signInWithProviderUntilCallback(String providerId)
      throws IOException, InterruptedException {
    forgetCookies();
    Response start = expect(get("/auth/" + providerId), 302, "the start of a provider sign-in");
    Response authorize = expect(get(start.next()), 302, "the provider's authorization");
    Response callback = expect(get(authorize.next()), 302, "the callback");
    return expectPath(callback, callback.next(), "/account");
  }

  /** The login form from a new browser session; returns the account page it leads to. */
  Response signInWithPassword(String email, String password)
      throws IOException, InterruptedException {
    Response signedIn = expect(postLogin(email, password), 302, "the sign-in");
    expectPath(signedIn, signedIn.next(), "/account");
    return expectPath(
        expect(get(signedIn.next()), 200, "the account page"), signedIn.next(), "/account");
  }

  /**
   * A password sign-in that the server refuses (an unknown email, or a wrong password): the login
   * page again, with its message.
   */
  Response refusedPasswordSignIn(String email, String password)
      throws IOException, InterruptedException {
    Response refused = postLogin(email, password);
    if (refused.status() != 200 || !refused.text().contains("email or password is incorrect")) {
      throw new UnexpectedResponse("a junk sign-in that was not refused as such", refused);
    }
    return refused;
  }

  /** The login form, filled in and sent from a new browser session; whatever the answer. */
  private Response postLogin(String email, String password)
      throws IOException, InterruptedException {
    forgetCookies();
    return submitForm(
        "/login", "login", Map.of("email", email, "password", password), "submit", "sign-in");
  }

  /** Registration through the form; returns the redirect it answers with. */
  Response register(String email, String displayName, String password)
      throws IOException, InterruptedException {
    forgetCookies();
    return submit(
        "/register",
        "register",
        Map.of(
            "email",
            email,
            "displayName",
            displayName,
            "password",
            password,
            "passwordAgain",
            password),
        "submit",
        "registration");
  }

  /**
   * The provider alone, as a relying party uses it: authorization (auto-approved) and the token
   * exchange with client_secret_basic.
   */
  void authorizeAndExchange(String issuer, String clientId, String clientSecret, String redirectUri)
      throws IOException, InterruptedException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("scope", "openid email profile");
    query.put("client_id", clientId);
    query.put("redirect_uri", redirectUri);
    query.put("state", randomToken());
    query.put("nonce", randomToken());
    Response authorize =
        expect(
            get(URI.create(issuer + "/authorize?" + form(query))), 302, "the provider's authorize");
    String code = queryParameter(authorize.next(), "code");
    String credentials =
        URLEncoder.encode(clientId, UTF_8) + ":" + URLEncoder.encode(clientSecret, UTF_8);
    HttpRequest exchange =
        HttpRequest.newBuilder(URI.create(issuer + "/token"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(UTF_8)))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    form(
                        Map.of(
                            "grant_type",
                            "authorization_code",
                            "code",
                            code,
                            "redirect_uri",
                            redirectUri))))
            .build();
    Response token = expect(send(exchange), 200, "the provider's token endpoint");
    if (!token.text().contains("\"id_token\"")) {
      throw new UnexpectedResponse("no id_token", token);
    }
  }

  // HTTP ---------------------------------------------------------------------------------------

  /**
   * Opens {@code path}, fills the Faces form {@code formId} (fields by id, as on the page), and
   * presses {@code button}, with the page's view state (and the form token of a signed-in session).
   */
  private Response submit(
      String path, String formId, Map<String, String> fields, String button, String what)
      throws IOException, InterruptedException {
    return expect(submitForm(path, formId, fields, button, what), 302, "the " + what);
  }

  /** {@link #submit}, whatever the answer. */
  private Response submitForm(
      String path, String formId, Map<String, String> fields, String button, String what)
      throws IOException, InterruptedException {
    Response page = expect(get(path), 200, "the page of the " + what);
    Matcher viewState = VIEW_STATE.matcher(page.text());
    if (!viewState.find()) {
      throw new UnexpectedResponse("no view state on the page of the " + what, page);
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put(formId, formId);
    fields.forEach((id, value) -> body.put(formId + ":" + id, value));
    body.put(formId + ":" + button, button);
    body.put("jakarta.faces.ViewState", viewState.group(1).replace("&amp;", "&"));
    Matcher formToken = FORM_TOKEN.matcher(page.text());
    if (formToken.find()) {
      body.put("latchkey.FormToken", formToken.group(1));
    }
    HttpRequest post =
        browserRequest(page.uri())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", page.uri().resolve("/").toString().replaceAll("/$", ""))
            .POST(HttpRequest.BodyPublishers.ofString(form(body)))
            .build();
    return send(post);
  }

  private HttpRequest.Builder browserRequest(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Accept", "text/html,application/xhtml+xml,application/json")
        .header("Accept-Language", "en");
  }

  private Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    Optional<URI> location =
        response.headers().firstValue("Location").map(l -> request.uri().resolve(l));
    return new Response(
        response.statusCode(), request.uri(), location, response.headers(), response.body());
  }

  private static Response expect(Response response, int status, String what) {
    if (response.status() != status) {
      throw new UnexpectedResponse("unexpected answer of " + what, response);
    }
    return response;
  }

  private static Response expectPath(Response response, URI target, String path) {
    if (!target.getPath().equals(path)) {
      throw new UnexpectedResponse("expected to land on " + path, response);
    }
    return response;
  }

  private static String form(Map<String, String> fields) {
    StringJoiner joined = new StringJoiner("&");
    fields.forEach(
        (name, value) ->
            joined.add(URLEncoder.encode(name, UTF_8) + "=" + URLEncoder.encode(value, UTF_8)));
    return joined.toString();
  }

  private static String queryParameter(URI uri, String name) {
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), UTF_8);
      }
    }
    throw new IllegalStateException("No " + name + " in " + uri);
  }

  private static String randomToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
