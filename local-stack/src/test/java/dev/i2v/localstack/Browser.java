package dev.i2v.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (both from apt; nothing is downloaded), with the
 * waits the page tests need. Starts with an empty profile and no background networking: this machine has no
 * internet, and Chromium's own connections would only be refused.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("i2v.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("i2v.chromedriver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path screenshots;
    private final Path profile;

    private Browser(ChromeDriver driver, Path screenshots, Path profile) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.profile = profile;
    }

    static Browser start(Path screenshots) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        Files.createDirectories(screenshots);
        Path profile = Files.createTempDirectory("i2v-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--lang=en-US", "--window-size=1280,1400",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), screenshots, profile);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.cssSelector(css)));
    }

    /**
     * Clicks the element, finding it again if the page re-rendered it between the find and the click (a list the
     * page fills again after a tab switch, say).
     */
    void click(String css) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).withMessage("click " + css)
                .until(d -> {
                    d.findElement(By.cssSelector(css)).click();
                    return true;
                });
    }

    String text(String css) {
        return find(css).getText();
    }

    void choose(String fileInputCss, Path file) {
        find(fileInputCss).sendKeys(file.toAbsolutePath().toString());
    }

    void select(String css, String value) {
        new WebDriverWait(driver, WAIT).until(d -> !new Select(find(css)).getOptions().isEmpty());
        new Select(find(css)).selectByValue(value);
    }

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void awaitVisible(String css) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).withMessage(css + " visible")
                .until(d -> find(css).isDisplayed());
    }

    void awaitText(String css, String part) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> css + " to contain '" + part + "', was '" + find(css).getText() + "'")
                .until(d -> find(css).getText().contains(part));
    }

    void awaitAttribute(String css, String attribute, String value, Duration timeout) {
        awaitAttributeIn(css, attribute, List.of(value), timeout);
    }

    void awaitAttributeIn(String css, String attribute, List<String> values, Duration timeout) {
        new WebDriverWait(driver, timeout)
                .withMessage(() -> css + " " + attribute + " in " + values + ", was " + find(css).getDomAttribute(attribute))
                .until(d -> values.contains(find(css).getDomAttribute(attribute)));
    }

    void awaitTrue(String what, String js, Duration timeout) {
        new WebDriverWait(driver, timeout).withMessage(what).until(d -> Boolean.TRUE.equals(script(js)));
    }

    /** Saves the page as it looks now: {@code <screenshots>/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the whole page, however long: the window grows to the page's height for the shot. */
    void screenshotWholePage(String name) {
        Dimension before = driver.manage().window().getSize();
        Number height = (Number) script("return document.documentElement.scrollHeight;");
        resize(before.getWidth(), height.intValue() + 140); // + the window's own frame
        screenshot(name);
        driver.manage().window().setSize(before);
    }

    @Override
    public void close() {
        driver.quit();
        try (var paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temp profile left behind is harmless
        }
    }
}
