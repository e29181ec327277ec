package dev.i2v.gateway.images;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.i2v.fixtures.TestImages;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.kit.net.PublicAddresses;

/**
 * SSRF: every forbidden target is refused — by scheme, by the addresses a host resolves to, after
 * redirects — while a permitted one is fetched, capped in size. A local stub plays the image host and
 * the redirecting server; the production policy refuses it (it is on loopback), so the permitted
 * cases use a policy that lets exactly 127.0.0.1 through over http.
 */
class ImageUrlFetcherTest {

    static final WireMockServer HOST = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final byte[] PNG = TestImages.encoded("png", 640, 480);

    final ImageUrlFetcher production = ImageUrlFetcher.publicHttps(20 * 1024 * 1024);
    final ImageUrlFetcher loopbackOnly = new ImageUrlFetcher(Set.of("http"),
            address -> address.getHostAddress().equals("127.0.0.1"), 100_000);

    @BeforeAll
    static void start() {
        HOST.start();
    }

    @AfterAll
    static void stop() {
        HOST.stop();
    }

    @BeforeEach
    void reset() {
        HOST.resetAll();
        HOST.stubFor(get("/cat.png").willReturn(aResponse().withBody(PNG).withHeader("Content-Type", "image/png")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/cat.png", "https://localhost/cat.png", "https://169.254.169.254/latest/meta-data/",
            "https://10.0.0.7/cat.png", "https://172.16.3.4/cat.png", "https://192.168.1.1/cat.png",
            "https://100.64.0.1/cat.png", "https://0.0.0.0/cat.png", "https://[::1]/cat.png",
            "https://[::ffff:127.0.0.1]/cat.png", "https://[fd00::1]/cat.png", "https://[fe80::1]/cat.png",
            "https://[64:ff9b::a9fe:a9fe]/cat.png", "https://2130706433/cat.png", "https://0x7f000001/cat.png"})
    void privateLoopbackLinkLocalAndMetadataAddressesAreRefused(String url) {
        assertRefused(production, url);
        assertThat(HOST.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/cat.png", "ftp://example.com/cat.png", "file:///etc/passwd",
            "gopher://127.0.0.1:70/", "https://user:secret@example.com/cat.png", "not a url", "https:///nohost"})
    void otherSchemesCredentialsAndMalformedUrlsAreRefused(String url) {
        assertRefused(production, url);
    }

    @Test
    void theStubItselfIsRefusedByTheProductionPolicy() {
        assertRefused(production, HOST.baseUrl().replace("http:", "https:") + "/cat.png");
        assertThat(HOST.getAllServeEvents()).isEmpty();
    }

    @Test
    void aPermittedHostIsFetched() {
        assertThat(loopbackOnly.fetch(HOST.baseUrl() + "/cat.png")).isEqualTo(PNG);
    }

    @Test
    void aRedirectToAForbiddenAddressIsRefusedWithoutFollowingIt() {
        HOST.stubFor(get("/r1").willReturn(aResponse().withStatus(302).withHeader("Location", "/r2")));
        HOST.stubFor(get("/r2").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/")));
        HOST.stubFor(get("/to-localhost").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://[::1]:" + HOST.port() + "/cat.png")));

        assertRefused(loopbackOnly, HOST.baseUrl() + "/r1");
        assertRefused(loopbackOnly, HOST.baseUrl() + "/to-localhost");
    }

    @Test
    void aRedirectChainIsFollowedAtMostThreeHops() {
        HOST.stubFor(get("/ok").willReturn(aResponse().withStatus(302).withHeader("Location", "/cat.png")));
        for (int i = 0; i < 5; i++) {
            HOST.stubFor(get("/loop" + i).willReturn(aResponse().withStatus(302).withHeader("Location", "/loop" + (i + 1))));
        }

        assertThat(loopbackOnly.fetch(HOST.baseUrl() + "/ok")).isEqualTo(PNG);
        assertRefused(loopbackOnly, HOST.baseUrl() + "/loop0");
    }

    @Test
    void aBodyOverTheCapIsRefusedWhileStreamingEvenWithoutALength() {
        HOST.stubFor(get("/big.png").willReturn(aResponse().withBody(new byte[200_000])));
        HOST.stubFor(get("/chunked.png").willReturn(aResponse().withBody(new byte[200_000])
                .withChunkedDribbleDelay(4, 50)));

        assertThatThrownBy(() -> loopbackOnly.fetch(HOST.baseUrl() + "/big.png"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("image_too_large"));
        assertThatThrownBy(() -> loopbackOnly.fetch(HOST.baseUrl() + "/chunked.png"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("image_too_large"));
    }

    @Test
    void errorStatusesAreRefused() {
        HOST.stubFor(get("/gone.png").willReturn(aResponse().withStatus(404)));

        assertRefused(loopbackOnly, HOST.baseUrl() + "/gone.png");
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName("93.184.215.14"))).isTrue();
        assertThat(PublicAddresses.isPublic(InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))).isTrue();
        assertThat(PublicAddresses.isPublic(InetAddress.getByName("172.32.0.1"))).isTrue();
        assertThat(PublicAddresses.isPublic(InetAddress.getByName("172.31.255.255"))).isFalse();
    }

    private static void assertRefused(ImageUrlFetcher fetcher, String url) {
        assertThatThrownBy(() -> fetcher.fetch(url)).as(url).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_image_url"));
    }
}
