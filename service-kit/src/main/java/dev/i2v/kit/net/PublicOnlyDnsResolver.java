package dev.i2v.kit.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * An HTTP client's resolver that refuses a host when any of its addresses is not allowed. Because the check
 * sits where the client resolves before it connects, the address checked is the one connected to: a name that
 * resolved outside at submit and inside later (DNS rebinding) is refused at connect time.
 */
public final class PublicOnlyDnsResolver implements DnsResolver {

    /** The message of the {@link UnknownHostException} thrown for a refused host. */
    public static final String FORBIDDEN = "resolves to a forbidden address";

    private final DnsResolver delegate;
    private final Predicate<InetAddress> allowed;

    /**
     * @param delegate how names are resolved (the system's resolver in production)
     * @param allowed  which addresses may be connected to ({@link PublicAddresses#isPublic} in production)
     */
    public PublicOnlyDnsResolver(DnsResolver delegate, Predicate<InetAddress> allowed) {
        this.delegate = delegate;
        this.allowed = allowed;
    }

    /** The system's resolver, public addresses only. */
    public static PublicOnlyDnsResolver system() {
        return new PublicOnlyDnsResolver(SystemDefaultDnsResolver.INSTANCE, PublicAddresses::isPublic);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = delegate.resolve(host);
        for (InetAddress address : addresses) {
            if (!allowed.test(address)) {
                throw new UnknownHostException(host + " " + FORBIDDEN);
            }
        }
        return addresses;
    }

    /** Whether a lookup failed because this resolver refused the host (not because the name does not resolve). */
    public static boolean refused(UnknownHostException e) {
        return e.getMessage() != null && e.getMessage().contains(FORBIDDEN);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }
}
