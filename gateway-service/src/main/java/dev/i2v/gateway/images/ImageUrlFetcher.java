package dev.i2v.gateway.images;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;

import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.kit.net.ClientGivenUrls;
import dev.i2v.kit.net.PublicAddresses;
import dev.i2v.kit.net.PublicOnlyDnsResolver;

/**
 * Fetches an {@code image_url} without letting it reach inside our network (SSRF). Only https; every
 * address the host resolves to must be public, and the check sits in the HTTP client's DNS resolver,
 * so the addresses checked are the ones connected to (no DNS-rebinding gap); redirects are followed by
 * hand, at most three, each hop checked the same way; short connect and read timeouts and an overall
 * deadline; the body is capped at the image byte limit while it streams.
 */
public final class ImageUrlFetcher implements AutoCloseable {

    private static final int MAX_REDIRECTS = 3;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final Set<String> schemes;
    private final Predicate<InetAddress> allowed;
    private final long maxBytes;
    private final CloseableHttpClient http;
    private final DnsResolver resolver;

    /**
     * @param schemes  accepted URL schemes; {@code https} in production
     * @param allowed  which resolved addresses may be contacted; {@link PublicAddresses#isPublic} in production
     */
    ImageUrlFetcher(Set<String> schemes, Predicate<InetAddress> allowed, long maxBytes) {
        this.schemes = schemes;
        this.allowed = allowed;
        this.maxBytes = maxBytes;
        DnsResolver checked = new PublicOnlyDnsResolver(SystemDefaultDnsResolver.INSTANCE, allowed);
        this.resolver = checked;
        this.http = ClientGivenUrls.httpClient("i2v-image-fetch/1", checked, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    /** The production fetcher: https to public addresses only. */
    public static ImageUrlFetcher publicHttps(long maxBytes) {
        return new ImageUrlFetcher(Set.of("https"), PublicAddresses::isPublic, maxBytes);
    }

    /** The image's bytes. @throws GatewayException {@code invalid_image_url} or {@code image_too_large} */
    public byte[] fetch(String url) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        URI uri = parse(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            check(uri);
            try {
                Hop result = get(uri, deadline);
                if (result.body() != null) {
                    return result.body();
                }
                uri = result.redirect();
            } catch (UnknownHostException e) {
                throw unresolvable(e);
            } catch (IOException e) {
                throw refused("could not fetch the image: " + e.getMessage());
            }
        }
        throw refused("more than " + MAX_REDIRECTS + " redirects");
    }

    /** One request's result: where it redirects, or the body. */
    private record Hop(URI redirect, byte[] body) {
    }

    private Hop get(URI uri, long deadline) throws IOException {
        return http.execute(new HttpGet(uri), response -> {
            int status = response.getCode();
            if (status >= 300 && status < 400) {
                Header location = response.getFirstHeader("Location");
                if (location == null) {
                    throw refused("redirect without a Location");
                }
                return new Hop(uri.resolve(location.getValue()), null);
            }
            if (status != 200) {
                throw refused("the image URL answered " + status);
            }
            if (response.getEntity() == null) {
                throw refused("the image URL sent no body");
            }
            if (response.getEntity().getContentLength() > maxBytes) {
                throw GatewayException.imageTooLarge("the image is larger than " + maxBytes + " bytes");
            }
            try (InputStream in = response.getEntity().getContent()) {
                return new Hop(null, read(in, deadline));
            }
        });
    }

    private byte[] read(InputStream in, long deadline) throws IOException {
        byte[] buffer = new byte[(int) Math.min(maxBytes + 1, 64 * 1024)];
        int length = 0;
        int n;
        while ((n = in.read(buffer, length, buffer.length - length)) != -1) {
            length += n;
            if (length > maxBytes) {
                throw GatewayException.imageTooLarge("the image is larger than " + maxBytes + " bytes");
            }
            if (System.nanoTime() > deadline) {
                throw refused("the image URL was too slow");
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes + 1, buffer.length * 2L));
            }
        }
        return Arrays.copyOf(buffer, length);
    }

    private void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw refused("image_url must use " + String.join(" or ", schemes));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refused("image_url must name a host and carry no credentials");
        }
        try {
            // refused here with a clear reason; the client's resolver checks again at connect time
            resolver.resolve(uri.getHost().replaceAll("^\\[|]$", ""));
        } catch (UnknownHostException e) {
            throw unresolvable(e);
        }
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (url.length() > 2048) {
                throw refused("image_url is longer than 2048 characters");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw refused("image_url is not a valid URL");
        }
    }

    private static GatewayException unresolvable(UnknownHostException e) {
        return refused(PublicOnlyDnsResolver.refused(e) ? "image_url's host " + PublicOnlyDnsResolver.FORBIDDEN
                : "image_url's host does not resolve");
    }

    private static GatewayException refused(String why) {
        return GatewayException.invalid("invalid_image_url", why);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
