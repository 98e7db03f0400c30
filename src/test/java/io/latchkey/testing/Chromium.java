package io.latchkey.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real browsers for the page tests: Debian's headless Chromium through its chromedriver (both given
 * by path, so Selenium never downloads anything). Each test may open several (two people, or one
 * person on two devices); every page they reach is saved as a screenshot under {@code
 * target/screenshots/<test>/}, and all of them quit after the test.
 *
 * <p>Usage: {@code @RegisterExtension Chromium chromium = new Chromium();} then {@code var alice =
 * chromium.open(baseUrl + "/login"); alice.type("login:email", …); alice.click("login:submit");}
 */
public final class Chromium implements BeforeEachCallback, AfterEachCallback {

  private static final String BINARY = "/usr/bin/chromium";
  private static final String DRIVER = "/usr/bin/chromedriver";

  private final List<Window> windows = new ArrayList<>();
  private Path screenshots;
  private int shot;

  @Override
  public void beforeEach(ExtensionContext context) {
    screenshots =
        Path.of(System.getProperty("latchkey.screenshots", "target/screenshots"))
            .resolve(context.getRequiredTestClass().getSimpleName())
            .resolve(context.getRequiredTestMethod().getName());
    try (var old =
        Files.exists(screenshots)
            ? Files.list(screenshots)
            : java.util.stream.Stream.<Path>empty()) {
      old.forEach(
          file -> {
            try {
              Files.delete(file);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (Window window : windows) {
      if (context.getExecutionException().isPresent()) {
        window.screenshot("failed");
        System.err.printf("%n--- Last page: %s ---%n%s%n---%n", window.url(), window.text());
      }
      window.driver.quit();
    }
    windows.clear();
  }

  /** A new browser with an empty profile, at {@code url}. */
  public Window open(String url) {
    try {
      Path profile = Files.createTempDirectory("chromium-profile");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BINARY);
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--window-size=1280,1000",
          "--user-data-dir=" + profile);
      ChromeDriverService service =
          new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
      Window window = new Window(new ChromeDriver(service, options));
      windows.add(window);
      window.go(url);
      return window;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One browser window, driven by element ids, with a screenshot after every navigation. */
  public final class Window {

    private final ChromeDriver driver;

    private Window(ChromeDriver driver) {
      this.driver = driver;
    }

    public Window go(String url) {
      driver.get(url);
      screenshot(title());
      return this;
    }

    public Window type(String id, String text) {
      WebElement field = driver.findElement(By.id(id));
      field.clear();
      field.sendKeys(text);
      return this;
    }

    /** Clicks and waits for the next page to load (the old one to go stale). */
    public Window click(String id) {
      WebElement element = driver.findElement(By.id(id));
      WebElement html = driver.findElement(By.tagName("html"));
      element.click();
      new WebDriverWait(driver, Duration.ofSeconds(30))
          .until(
              d ->
                  isStale(html)
                      && "complete".equals(driver.executeScript("return document.readyState")));
      screenshot(title());
      return this;
    }

    public boolean has(String id) {
      return !driver.findElements(By.id(id)).isEmpty();
    }

    public String text(String id) {
      return driver.findElement(By.id(id)).getText();
    }

    public String text() {
      return driver.findElement(By.tagName("body")).getText();
    }

    public String url() {
      return driver.getCurrentUrl();
    }

    public String path() {
      return java.net.URI.create(url()).getPath();
    }

    public List<WebElement> all(By by) {
      return driver.findElements(by);
    }

    public String title() {
      return driver.getTitle();
    }

    /** Runs a script in the page (WebDriver scripts are not subject to the page's CSP). */
    public Object script(String script, Object... arguments) {
      return driver.executeScript(script, arguments);
    }

    /** Runs a script that ends by calling its last argument, and returns what it passed. */
    public Object asyncScript(String script, Object... arguments) {
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
      return driver.executeAsyncScript(script, arguments);
    }

    /** Saves a screenshot of the page as it is now, under a name of the test's choosing. */
    public void screenshot(String name) {
      try {
        Files.createDirectories(screenshots);
        File file = driver.getScreenshotAs(OutputType.FILE);
        String safe = name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
        Files.copy(
            file.toPath(),
            screenshots.resolve(String.format("%02d-%s.png", ++shot, safe)),
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private boolean isStale(WebElement element) {
      try {
        element.isEnabled();
        return false;
      } catch (org.openqa.selenium.WebDriverException gone) {
        // Stale, or (while the old document is torn down) "does not belong to the document".
        return true;
      }
    }
  }
}
