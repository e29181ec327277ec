package dev.i2v.kit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicOnlyDnsResolverTest {

    /** A name that resolves outside on its first lookup and inside on the next ones (DNS rebinding). */
    private static final class Rebinding implements DnsResolver {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String address = lookups.getAndIncrement() == 0 ? "93.184.215.14" : "10.0.0.7";
            return new InetAddress[] {InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress())};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    @Test
    void aNameThatResolvesInsideOnALaterLookupIsRefusedThen() throws Exception {
        PublicOnlyDnsResolver resolver = new PublicOnlyDnsResolver(new Rebinding(), PublicAddresses::isPublic);

        assertThat(resolver.resolve("hooks.example.com")[0].getHostAddress()).isEqualTo("93.184.215.14");
        assertThatThrownBy(() -> resolver.resolve("hooks.example.com")).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining(PublicOnlyDnsResolver.FORBIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "[::1]", "localhost",
            "api.localhost"})
    void literalInsideAddressesAreRecognisedWithoutALookup(String host) {
        assertThat(PublicAddresses.isInsideLiteral(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "hooks.example.com",
            "10.example.com"})
    void publicAddressesAndNamesAreNotInsideLiterals(String host) {
        assertThat(PublicAddresses.isInsideLiteral(host)).isFalse();
    }
}
