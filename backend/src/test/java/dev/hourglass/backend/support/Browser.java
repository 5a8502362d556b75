package dev.hourglass.backend.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven over WebDriver by Debian's chromedriver: the browser tests' user. It fails
 * (never skips) when it cannot start, and keeps the screenshots it takes under {@code build-artifacts/screenshots}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("hourglass.screenshots",
            "target/screenshots"));

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** @param base the control plane's address, e.g. {@code http://127.0.0.1:8080} */
    public static Browser start(String base) {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                throw new AssertionError(program + " is missing: the browser tests drive Debian's chromium and"
                        + " chromium-driver; install them with scripts/install/chromium.sh (./hourglass test runs it)");
            }
        }
        Path profile = temporaryProfile();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // As root, without a display, and on a machine that reaches nothing outside: no sandbox, no GPU, and none
        // of Chromium's own calls home (component updates, sync, background networking).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1440,1100", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        try {
            return new Browser(new ChromeDriver(service, options), profile, base);
        } catch (WebDriverException e) {
            delete(profile);
            throw new AssertionError("headless Chromium did not start (" + CHROMIUM + " via " + CHROMEDRIVER
                    + "); run scripts/install/chromium.sh, and check that chromium and chromium-driver are the same"
                    + " version: " + e.getMessage(), e);
        }
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public void logIn(String username, String password) {
        open("/login");
        type("#username", username);
        type("#password", password);
        click("#log-in");
        waitUntil("the login of " + username + " to land off the login page",
                d -> !d.getCurrentUrl().contains("/login"));
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public WebElement find(String css) {
        return waitUntil("an element " + css, d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return waitUntil("the text of " + css, d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** Replaces what the field holds, keystroke by keystroke, as a person would. */
    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Retried while the element is missing or replaced (pages of live state reload themselves). */
    public void click(String css) {
        waitUntil("a click on " + css, d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    public void select(String css, String value) {
        new Select(find(css)).selectByValue(value);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    public void acceptConfirmation() {
        waitUntil("a confirmation dialog", d -> d.switchTo().alert()).accept();
    }

    /** Waits until {@code condition} returns something other than null or false; fails with a screenshot. */
    public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).ignoring(WebDriverException.class).until(condition::apply);
        } catch (TimeoutException e) {
            Path shot = screenshot("timeout");
            throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + " at " + driver.getCurrentUrl()
                    + "; screenshot: " + shot, e);
        }
    }

    /** Waits until the element's text contains {@code expected}; returns that text. */
    public String waitForText(String css, String expected) {
        return waitUntil("'" + expected + "' in " + css, d -> {
            String text = d.findElement(By.cssSelector(css)).getText();
            return text.contains(expected) ? text : null;
        });
    }

    public Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    /** Saves the page as it looks now to build-artifacts/screenshots/NAME.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("hourglass-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
