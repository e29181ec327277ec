package dev.i2v.kit.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which addresses a URL given by a client ({@code image_url}, {@code webhook_url}) may reach: public unicast only. Refused: loopback, unspecified,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — where cloud metadata
 * lives — and fe80::/10), carrier-grade NAT (100.64/10), multicast, benchmarking (198.18/15), the
 * IETF and documentation ranges, 0/8 and 240/4, and IPv4 hidden in IPv6 (mapped, NAT64) when the
 * IPv4 inside is refused.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /** Whether {@code address} is public unicast (see the class comment for what is refused). */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xFF;
            if ((first & 0xFE) == 0xFC) {
                return false; // unique local fc00::/7
            }
            if (embedsV4(b, 0, 10, new byte[] {(byte) 0xFF, (byte) 0xFF}) // ::ffff:a.b.c.d
                    || isNat64(b)) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            return true;
        }
        return false;
    }

    /**
     * Whether {@code host} is an IP literal (IPv4, or IPv6 with or without brackets) or {@code localhost} that
     * is not public: such a URL can be refused when it is given, without any name lookup.
     */
    public static boolean isInsideLiteral(String host) {
        String bare = host.replaceAll("^\\[|]$", "");
        if (bare.equalsIgnoreCase("localhost") || bare.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return !isPublic(InetAddress.getByName(bare)); // a literal: no lookup is made
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224
                || a0 == 100 && a1 >= 64 && a1 < 128
                || a0 == 169 && a1 == 254
                || a0 == 172 && a1 >= 16 && a1 < 32
                || a0 == 192 && a1 == 168
                || a0 == 192 && a1 == 0 && (b[2] & 0xFF) == 0
                || a0 == 192 && a1 == 0 && (b[2] & 0xFF) == 2
                || a0 == 198 && (a1 == 18 || a1 == 19)
                || a0 == 198 && a1 == 51 && (b[2] & 0xFF) == 100
                || a0 == 203 && a1 == 0 && (b[2] & 0xFF) == 113);
    }

    /** Bytes 0..zeros-1 are zero and the next two are {@code marker}: an IPv4-mapped address. */
    private static boolean embedsV4(byte[] b, int from, int zeros, byte[] marker) {
        for (int i = from; i < zeros; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[zeros] == marker[0] && b[zeros + 1] == marker[1];
    }

    /** 64:ff9b::/96, the well-known NAT64 prefix. */
    private static boolean isNat64(byte[] b) {
        if (b[0] != 0 || b[1] != 0x64 || (b[2] & 0xFF) != 0xFF || (b[3] & 0xFF) != 0x9B) {
            return false;
        }
        for (int i = 4; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
