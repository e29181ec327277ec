package dev.i2v.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SignedLinksTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef";
    final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    final SignedLinks links = new SignedLinks(URI.create("https://api.example.com/"), SECRET, Duration.ofHours(1), clock);

    @Test
    void aLinkCarriesItsExpiryAndAVerifiableSignature() {
        String link = links.link("inputs/j1/image.png");

        assertThat(link).startsWith("https://api.example.com/v1/inputs/inputs/j1/image.png?expires=1795604400&signature=");
        assertThat(links.verify("inputs/j1/image.png", 1795604400L, signature(link))).isTrue();
    }

    @Test
    void anotherKeyAnotherExpiryOrAnotherSecretDoesNotVerify() {
        String signature = signature(links.link("inputs/j1/image.png"));
        SignedLinks stranger = new SignedLinks(URI.create("https://api.example.com"), SECRET.replace('0', 'x'),
                Duration.ofHours(1), clock);

        assertThat(links.verify("inputs/j2/image.png", 1795604400L, signature)).isFalse();
        assertThat(links.verify("inputs/j1/image.png", 1795604401L, signature)).isFalse();
        assertThat(stranger.verify("inputs/j1/image.png", 1795604400L, signature)).isFalse();
        assertThat(links.verify("inputs/j1/image.png", 1795604400L, null)).isFalse();
    }

    @Test
    void anExpiredLinkDoesNotVerify() {
        String signature = signature(links.link("inputs/j1/image.png"));
        SignedLinks later = new SignedLinks(URI.create("https://api.example.com"), SECRET, Duration.ofHours(1),
                Clock.offset(clock, Duration.ofMinutes(61)));

        assertThat(later.verify("inputs/j1/image.png", 1795604400L, signature)).isFalse();
    }

    @Test
    void unsafeKeysGetNoLink() {
        assertThatThrownBy(() -> links.link("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String signature(String link) {
        return link.substring(link.indexOf("signature=") + "signature=".length());
    }
}
