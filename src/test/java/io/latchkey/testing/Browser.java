package io.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.htmlunit.CookieManager;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A user's browser for form flows that need no JavaScript (HtmlUnit): its own cookie jar, pages
 * addressed by path, forms filled by field id. When a test fails it prints the last page it saw.
 *
 * <p>Usage: {@code @RegisterExtension Browser browser = new Browser();} then {@code
 * browser.at(baseUrl)} and {@code browser.submit("/login", "login", Map.of("email", …), "submit")}.
 */
public final class Browser implements TestWatcher, AutoCloseable {

  private final WebClient client = new WebClient();
  private final List<Browser> others = new ArrayList<>();
  private final List<String> setCookieHeaders = new CopyOnWriteArrayList<>();
  private URL baseUrl;
  private Page lastPage;

  public Browser() {
    client.setWebConnection(
        new WebConnectionWrapper(client) {
          @Override
          public WebResponse getResponse(WebRequest request) throws IOException {
            WebResponse response = super.getResponse(request);
            response.getResponseHeaders().stream()
                .filter(header -> header.getName().equalsIgnoreCase("Set-Cookie"))
                .forEach(header -> setCookieHeaders.add(header.getValue()));
            return response;
          }
        });
    client.getOptions().setJavaScriptEnabled(false);
    client.getOptions().setCssEnabled(false);
    client.getOptions().setThrowExceptionOnFailingStatusCode(false);
    client.getOptions().setRedirectEnabled(true);
  }

  /**
   * Where the application under test is; paths are resolved against it. The Arquillian-managed
   * server is reached at its configured base URL ({@link ItServer}), as users reach theirs:
   * WildFly's Arquillian adapter names it 127.0.0.1, and forms count only from the configured
   * origin.
   */
  public Browser at(URL baseUrl) {
    this.baseUrl = ItServer.asConfigured(baseUrl);
    return this;
  }

  /**
   * A second browser (another person, or the same person elsewhere) with an empty cookie jar. It
   * belongs to this one: its last page is printed when the test fails, and it is closed with it.
   */
  public Browser another() {
    Browser other = new Browser().at(baseUrl);
    others.add(other);
    return other;
  }

  public HtmlPage open(String path) {
    Page page = get(path);
    if (!(page instanceof HtmlPage html)) {
      throw new AssertionError(
          "Not an HTML page at " + path + ": " + page.getWebResponse().getContentAsString());
    }
    return html;
  }

  public Page get(String path) {
    try {
      lastPage = client.getPage(url(path));
      return lastPage;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens {@code path}, fills the form's fields (by id without the form prefix), clicks a button.
   */
  public HtmlPage submit(String path, String formId, Map<String, String> fields, String button) {
    return submit(open(path), formId, fields, button);
  }

  public HtmlPage submit(HtmlPage page, String formId, Map<String, String> fields, String button) {
    HtmlForm form = (HtmlForm) page.getElementById(formId);
    if (form == null) {
      throw new AssertionError("No form " + formId + " on " + page.getUrl());
    }
    fields.forEach(
        (field, value) -> {
          HtmlInput input = (HtmlInput) page.getElementById(formId + ":" + field);
          if (input == null) {
            throw new AssertionError("No field " + field + " in form " + formId);
          }
          input.setValue(value);
        });
    try {
      lastPage = ((HtmlInput) page.getElementById(formId + ":" + button)).click();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!(lastPage instanceof HtmlPage html)) {
      throw new AssertionError(
          "Not an HTML page after submit: " + lastPage.getWebResponse().getContentAsString());
    }
    return html;
  }

  /** Clicks a link or button by id and returns the page it leads to, after any redirects. */
  public Page click(HtmlPage page, String id) {
    var element = page.getElementById(id);
    if (element == null) {
      throw new AssertionError("No element " + id + " on " + page.getUrl());
    }
    try {
      lastPage = element.click();
      return lastPage;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a hand-made request with this browser's cookies (for replaying another's form). */
  public Page send(WebRequest request) {
    try {
      lastPage = client.getPage(request);
      return lastPage;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether redirects are followed (they are, unless a test steps through a flow by hand). */
  public Browser followRedirects(boolean follow) {
    client.getOptions().setRedirectEnabled(follow);
    return this;
  }

  /** The Location header of the last response (when redirects are not followed). */
  public String location() {
    return lastPage.getWebResponse().getResponseHeaderValue("Location");
  }

  /** Requests an absolute URL (for example a provider's), as the browser would. */
  public Page getAbsolute(String url) {
    try {
      lastPage = client.getPage(url);
      return lastPage;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public CookieManager cookies() {
    return client.getCookieManager();
  }

  public Optional<Cookie> cookie(String name) {
    return Optional.ofNullable(client.getCookieManager().getCookie(name));
  }

  /** Every Set-Cookie header this browser received, redirects included, oldest first. */
  public List<String> setCookieHeaders() {
    return List.copyOf(setCookieHeaders);
  }

  /** Accepts the server's self-signed certificate (a test server's https listener). */
  public Browser trustingAnyCertificate() {
    client.getOptions().setUseInsecureSSL(true);
    return this;
  }

  /** Sends this header with every further request (for example Accept-Language). */
  public Browser addHeader(String name, String value) {
    client.addRequestHeader(name, value);
    return this;
  }

  public Page lastPage() {
    return lastPage;
  }

  private URL url(String path) {
    try {
      return new URL(baseUrl, path.startsWith("/") ? path.substring(1) : path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    printLastPage(context);
    close();
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    close();
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    printLastPage(context);
    close();
  }

  private void printLastPage(ExtensionContext context) {
    others.forEach(other -> other.printLastPage(context));
    if (lastPage != null) {
      System.err.printf(
          "%n--- Last page of %s: %s (HTTP %d) ---%n%s%n---%n",
          context.getDisplayName(),
          lastPage.getUrl(),
          lastPage.getWebResponse().getStatusCode(),
          lastPage instanceof HtmlPage html
              ? html.asNormalizedText()
              : lastPage.getWebResponse().getContentAsString());
    }
  }

  @Override
  public void close() {
    others.forEach(Browser::close);
    others.clear();
    client.close();
  }
}
