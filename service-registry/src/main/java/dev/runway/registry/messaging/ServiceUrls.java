package dev.runway.registry.messaging;

import dev.runway.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** Generates service URLs: {@code <name>-<first 8 of the id>.<domain>[:<router port>]}, no scheme, as App Runner's ServiceUrl. */
@ApplicationScoped
public class ServiceUrls {

    private final RegistryConfig config;

    public ServiceUrls(RegistryConfig config) {
        this.config = config;
    }

    public String urlFor(String serviceName, String serviceId) {
        return hostFor(serviceName, serviceId, config.domain()) + portSuffix(config.router().publicPort());
    }

    /** Host names allow no underscores and are case-insensitive; service names allow both. */
    static String hostFor(String serviceName, String serviceId, String domain) {
        String label = serviceName.toLowerCase(Locale.ROOT).replace('_', '-');
        return label + "-" + serviceId.substring(0, 8) + "." + domain;
    }

    static String portSuffix(int port) {
        return port == 80 ? "" : ":" + port;
    }
}
