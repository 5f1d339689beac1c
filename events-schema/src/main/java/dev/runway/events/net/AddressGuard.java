package dev.runway.events.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps outbound requests the platform makes for its users off the platform itself (server-side
 * request forgery): webhook targets (the gateway) and repository URLs (the build-worker). A URL on
 * a loopback, link-local, private or otherwise internal address is refused unless the operator's
 * allow-list names it, and one on the platform's own ports on such an address always, allow-list
 * or not. Otherwise, say, a rule whose target is the registry's internal port, with an
 * InputTransformer to shape the body, could mint an admin key.
 *
 * <p>{@link #refusalAsWritten} checks what the URL says (a literal address); {@link
 * #refusalResolved} checks again after resolving the name, since a name can be pointed anywhere
 * after it was first accepted. (The caller resolves the name once more when it connects; a name
 * that changes between the two lookups is the window left open.)
 *
 * <p>Allow-list entries, comma-separated: an address ({@code 127.0.0.1}, {@code ::1}), a network
 * ({@code 127.0.0.0/8}), a host name as written in URLs ({@code hooks.internal}), each optionally
 * with {@code :port} (IPv6 in brackets: {@code [::1]:8080}).
 */
public final class AddressGuard {

    /** One allow-list entry: a network or a host name, on one port or any (-1). */
    private record Allowed(byte[] network, int prefix, String host, int port) {

        boolean covers(String name, InetAddress address, int targetPort) {
            if (port >= 0 && port != targetPort) {
                return false;
            }
            if (host != null) {
                return host.equalsIgnoreCase(name);
            }
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((a[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** How a name is turned into addresses (the system resolver; a table in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Instances of one component {@code ./runway scale} can run. */
    private static final int REPLICAS = 5;

    private final String allowVariable;
    private final List<Allowed> allowed;
    private final Set<Integer> platformPorts;
    private final Resolver resolver;

    /**
     * @param allowVariable the setting that holds the allow-list, named in refusals
     * @param allowList     the operator's allow-list
     * @param platformPorts every port a platform component listens on
     * @param resolver      how names are resolved
     * @throws IllegalArgumentException when an entry cannot be read
     */
    public AddressGuard(String allowVariable, String allowList, Set<Integer> platformPorts, Resolver resolver) {
        this.allowVariable = allowVariable;
        this.allowed = parse(allowVariable, allowList);
        this.platformPorts = Set.copyOf(platformPorts);
        this.resolver = resolver;
    }

    /**
     * A guard with the system's resolver.
     *
     * @param allowVariable the setting that holds the allow-list, named in refusals
     * @param allowList     its value
     * @param platformPorts the ports of the platform's components; each replica's (+10 per replica) are added
     */
    public static AddressGuard of(String allowVariable, String allowList, java.util.Collection<Integer> platformPorts) {
        Set<Integer> ports = new java.util.HashSet<>();
        for (int port : platformPorts) {
            for (int replica = 0; replica < REPLICAS; replica++) {
                ports.add(port + 10 * replica); // ./runway scale: replica k listens on port + 10 * (k - 1)
            }
        }
        return new AddressGuard(allowVariable, allowList, ports, InetAddress::getAllByName);
    }

    /**
     * The reason the URL is refused as written (a literal address), or empty. Names are not
     * resolved here: where a name points is checked by {@link #refusalResolved} before each use.
     */
    public Optional<String> refusalAsWritten(String url) {
        URI uri = URI.create(url);
        String host = hostOf(uri);
        int port = portOf(uri);
        if (isLiteral(host)) {
            try {
                return refusal(host, InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                return Optional.of("its host " + host + " is not an address");
            }
        }
        return Optional.empty();
    }

    /** The reason the URL is refused once its name is resolved, or empty (also when it does not resolve). */
    public Optional<String> refusalResolved(String url) {
        URI uri = URI.create(url);
        String host = hostOf(uri);
        int port = portOf(uri);
        InetAddress[] addresses;
        try {
            addresses = isLiteral(host) ? new InetAddress[] {InetAddress.getByName(host)} : resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.empty(); // the request itself fails, and says so
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(host, address, port);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusal(String host, InetAddress address, int port) {
        if (!isInternal(address)) {
            return Optional.empty();
        }
        String where = host + ":" + port + (host.equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")");
        if (platformPorts.contains(port)) {
            return Optional.of(where + " is one of Runway's own endpoints");
        }
        for (Allowed a : allowed) {
            if (a.covers(host, address, port)) {
                return Optional.empty();
            }
        }
        return Optional.of(where + " is a loopback, link-local or private address; an operator can allow it with "
                + allowVariable);
    }

    /** Loopback, link-local, private (RFC 1918, fc00::/7, 100.64/10), unspecified or multicast. */
    static boolean isInternal(InetAddress address) {
        if (address instanceof Inet6Address v6 && v6.getAddress()[0] == 0 && isMappedV4(v6.getAddress())) {
            byte[] b = v6.getAddress();
            try {
                return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // shared address space 100.64.0.0/10
                    || (b[0] & 0xff) == 0; // "this network"
        }
        return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int portOf(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** An IPv4 or IPv6 literal: never looked up. */
    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9]+(\\.[0-9]+){0,3}") || host.matches("0x[0-9a-fA-F.x]+");
    }

    private static List<Allowed> parse(String variable, String allowList) {
        List<Allowed> out = new ArrayList<>();
        if (allowList == null || allowList.isBlank()) {
            return out;
        }
        for (String raw : allowList.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String hostPart = entry;
            int port = -1;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException(variable + ": '" + entry + "' has no closing ]");
                }
                hostPart = entry.substring(1, close);
                if (entry.length() > close + 1) {
                    port = port(variable, entry, entry.substring(close + 1));
                }
            } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
                hostPart = entry.substring(0, entry.indexOf(':'));
                port = port(variable, entry, entry.substring(entry.indexOf(':')));
            }
            int slash = hostPart.indexOf('/');
            String address = slash < 0 ? hostPart : hostPart.substring(0, slash);
            if (!isLiteral(address)) {
                if (slash >= 0) {
                    throw new IllegalArgumentException(variable + ": '" + entry + "': a network needs an address");
                }
                out.add(new Allowed(null, 0, address, port));
                continue;
            }
            byte[] network;
            try {
                network = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(variable + ": '" + entry + "' is not an address");
            }
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(hostPart.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException(variable + ": '" + entry + "' has a bad prefix length");
                }
            }
            out.add(new Allowed(network, prefix, null, port));
        }
        return out;
    }

    private static int port(String variable, String entry, String colonAndPort) {
        try {
            int port = Integer.parseInt(colonAndPort.substring(1));
            if (port >= 1 && port <= 65535 && colonAndPort.startsWith(":")) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + ": '" + entry + "' has a bad port");
    }
}
