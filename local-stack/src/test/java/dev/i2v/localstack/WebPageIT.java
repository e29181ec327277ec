package dev.i2v.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import dev.i2v.fixtures.TestImages;

/**
 * The web page driven in a real headless Chromium against the whole running stack: sign in with the
 * pre-filled demo key, upload, submit, watch progress reach 100, play the MP4 (the {@code <video>}
 * element reports its 6 s), cancel, see the plan's parallel limit as a 429 message, the checks the page
 * makes before sending, points history, phone width. Screenshots go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {

    @TempDir
    static Path data;
    @TempDir
    static Path files;
    static LocalStack stack;
    static StackClient api;
    static Browser browser;
    static Path photo;

    @BeforeAll
    static void startStackAndBrowser() throws Exception {
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(StackConfig.ephemeral(home, data).with(Map.of()));
        api = new StackClient(stack);
        browser = Browser.start(home.resolve("local-stack/target/screenshots"));
        photo = files.resolve("cat.png");
        Files.write(photo, TestImages.gradient("png", 640, 480));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aWrongKeyIsRefusedAndTheDemoKeyIsFilledInAndSignsIn() {
        browser.open(stack.config().gatewayUrl() + "/");
        assertThat(browser.find("#account").isDisplayed()).as("no account header before sign-in").isFalse();
        WebElement key = browser.find("#api-key");
        assertThat(key.getDomProperty("value")).as("the local stack's demo key is filled in").isEqualTo(stack.demoApiKey());
        assertThat(browser.find("#demo-hint").isDisplayed()).isTrue();

        key.clear();
        key.sendKeys("i2v_not_a_key");
        browser.find("#sign-in-form button[type=submit]").click();
        browser.awaitText("#sign-in-message", "not accepted");
        assertThat(browser.find("#app").isDisplayed()).isFalse();

        browser.open(stack.config().gatewayUrl() + "/");
        browser.find("#sign-in-form button[type=submit]").click();
        browser.awaitVisible("#app");
        browser.awaitText("#plan", "free");
        assertThat(browser.text("#balance").replaceAll("\\D", "")).isEqualTo("1000");
        assertThat(browser.text("#concurrency")).isEqualTo("0 / 3");
        assertThat(browser.text("#next-grant")).isNotBlank().isNotEqualTo("–");
        browser.awaitText("#quote", "Costs 30 points");
        browser.screenshot("01-signed-in");
    }

    @Test
    @Order(2)
    void anUploadedImageBecomesAVideoThatPlaysForSixSecondsAndDownloads() {
        browser.choose("#image", photo);
        browser.awaitText("#image-message", "640 × 480");
        assertThat(browser.find("#preview").isDisplayed()).isTrue();
        browser.find("#prompt").sendKeys("a slow zoom in on the cat");
        browser.select("#model", "local");
        browser.awaitText("#quote", "Costs 30 points");
        browser.find("#submit").click();
        browser.awaitText("#create-message", "Submitted");

        String card = "#job-list li.job:first-child";
        browser.awaitAttribute(card, "data-status", "succeeded", Duration.ofSeconds(120));
        assertThat(browser.find(card + " progress").getDomProperty("value")).isEqualTo("100");
        browser.script("document.querySelector('" + card + "').scrollIntoView();"); // the video loads once seen
        browser.awaitTrue("the video's metadata is loaded",
                "const v = document.querySelector('" + card + " video'); return v.readyState >= 1 && v.duration > 0;",
                Duration.ofSeconds(30));
        Number duration = (Number) browser.script("return document.querySelector('" + card + " video').duration;");
        assertThat(duration.doubleValue()).as("the <video> element's duration").isBetween(5.9, 6.1);
        WebElement download = browser.find(card + " a.download");
        assertThat(download.getDomAttribute("download")).endsWith(".mp4");
        assertThat(download.getDomProperty("href")).startsWith("blob:");
        assertThat(browser.text(card + " .job-detail")).contains("watermarked");
        browser.screenshotWholePage("02-video-done");

        String id = browser.find(card).getDomAttribute("data-id");
        JsonNode job = api.get(stack.demoApiKey(), "/v1/videos/" + id).body();
        assertThat(job.get("status").asString()).isEqualTo("succeeded");
        assertThat(job.get("prompt").asString()).isEqualTo("a slow zoom in on the cat");
    }

    @Test
    @Order(3)
    void theHistoryShowsTheHoldAndTheCharge() {
        browser.awaitTrue("the capture is listed", "return [...document.querySelectorAll('#history-rows td')]"
                + ".some(td => td.textContent.startsWith('Charged for a video'));", Duration.ofSeconds(30));
        assertThat(browser.text("#history-rows")).contains("Held for a video").contains("Points granted").contains("-30");
    }

    @Test
    @Order(4)
    void aRunningJobIsCancelledAndItsPointsGoBack() {
        submitThroughThePage("instant", "sleep:60 a cat that waits");
        String card = "#job-list li.job:first-child";
        browser.awaitAttributeIn(card, "data-status", List.of("queued", "running"), Duration.ofSeconds(30));
        browser.find(card + " button.cancel").click();
        browser.awaitAttribute(card, "data-status", "cancelled", Duration.ofSeconds(30));
        assertThat(browser.text(card + " .job-detail")).contains("points went back");
        assertThat(browser.find(card + " button.cancel").isDisplayed()).isFalse();
        browser.awaitText("#concurrency", "0 / 3");
        browser.screenshot("03-cancelled");

        String id = browser.find(card).getDomAttribute("data-id");
        browser.find(card + " button.delete").click();
        browser.awaitText(card + " button.delete", "Click again");
        browser.find(card + " button.delete").click();
        browser.awaitTrue("the deleted video's card is gone",
                "return !document.querySelector('li.job[data-id=\"" + id + "\"]');", Duration.ofSeconds(30));
        assertThat(api.get(stack.demoApiKey(), "/v1/videos/" + id).status()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void aFullParallelLimitIsExplainedAsTheServer429Says() {
        for (int i = 1; i <= 3; i++) {
            submitThroughThePage("instant", "sleep:60 job " + i);
            browser.awaitText("#create-message", "Submitted");
        }
        browser.find("#prompt").clear();
        browser.find("#prompt").sendKeys("one too many");
        browser.script("document.getElementById('create-message').textContent = '';");
        browser.find("#submit").click();
        browser.awaitText("#create-message", "Your plan runs 3 videos at a time and 3 are in progress");
        browser.screenshot("04-parallel-limit");
        long open = api.get(stack.demoApiKey(), "/v1/videos?status=queued").body().get("data").size()
                + api.get(stack.demoApiKey(), "/v1/videos?status=running").body().get("data").size();
        assertThat(open).as("the refused submit queued nothing").isEqualTo(3);

        for (int i = 0; i < 3; i++) {
            browser.find("#job-list li.job:nth-child(" + (i + 1) + ") button.cancel").click();
        }
        for (int i = 0; i < 3; i++) {
            browser.awaitAttribute("#job-list li.job:nth-child(" + (i + 1) + ")", "data-status", "cancelled",
                    Duration.ofSeconds(30));
        }
    }

    @Test
    @Order(6)
    void thePageChecksAnImageBeforeSendingIt() throws Exception {
        Path small = files.resolve("small.png");
        Files.write(small, TestImages.gradient("png", 200, 200));
        browser.choose("#image", small);
        browser.awaitText("#image-message", "shorter side must be at least 300 px");
        Path text = files.resolve("notes.png");
        Files.writeString(text, "not an image at all");
        browser.choose("#image", text);
        browser.awaitText("#image-message", "not a JPEG, PNG or WebP");
        assertThat(browser.find("#preview").isDisplayed()).as("no preview of a refused file").isFalse();
        int before = api.get(stack.demoApiKey(), "/v1/videos?limit=100").body().get("data").size();
        browser.find("#submit").click();
        browser.awaitText("#create-message", "Choose an image first");
        assertThat(api.get(stack.demoApiKey(), "/v1/videos?limit=100").body().get("data").size()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void everyControlHasALabelAndThePageFitsAPhone() {
        Object unlabelled = browser.script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(c => c.type !== 'hidden' && c.labels.length === 0).map(c => c.id);");
        assertThat((List<?>) unlabelled).as("controls without a label").isEmpty();
        browser.resize(390, 844);
        browser.awaitTrue("no sideways scrolling at phone width",
                "return document.documentElement.scrollWidth <= window.innerWidth;", Duration.ofSeconds(5));
        browser.screenshot("05-phone");
        browser.resize(1280, 1400);
    }

    private static void submitThroughThePage(String model, String prompt) {
        browser.choose("#image", photo);
        browser.awaitText("#image-message", "640 × 480");
        browser.select("#model", model);
        browser.find("#prompt").clear();
        browser.find("#prompt").sendKeys(prompt);
        browser.script("document.getElementById('create-message').textContent = '';");
        browser.find("#submit").click();
        browser.awaitText("#create-message", "Submitted");
    }
}
