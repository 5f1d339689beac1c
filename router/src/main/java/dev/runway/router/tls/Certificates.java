package dev.runway.router.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jboss.logging.Logger;

/**
 * The router's certificates, live: the one place they are added, replaced and removed while the
 * router serves, and the key manager every TLS handshake asks. A change takes effect with the
 * next handshake; connections already open keep the certificate they were made with, so nothing
 * is dropped and no server is rebound or reconfigured.
 *
 * <p>Sources: the files of the platform CA at start ({@link CertificateFiles}, reloaded when they
 * change); a {@link HostIssuer} for service hosts no certificate names (under a one-label domain
 * such as {@code localhost}, where no wildcard works); later, custom domains' certificates from
 * the registry call {@link #put} and {@link #remove} with an id of their own
 * ({@code domain:<name>}).
 *
 * <p>Any thread may change it; handshakes read it without locks.
 */
public final class Certificates {

    private static final Logger LOG = Logger.getLogger(Certificates.class);

    private final AtomicLong aliases = new AtomicLong();
    private final Object writes = new Object();
    private volatile CertificateSet current = CertificateSet.EMPTY;
    /** The set before the last change: a handshake that chose from it may still ask for its key. */
    private volatile CertificateSet previous = CertificateSet.EMPTY;
    private final KeyManager keyManager = new KeyManager();
    private volatile HostIssuer issuer;

    /** Issues certificates with {@code issuer} from now on (null: none); drops those the previous one made. */
    public void issueWith(HostIssuer issuer) {
        if (issuer != null) {
            // the first issue loads the EC and BouncyCastle classes (seconds on a busy machine):
            // pay for it here, not in the first handshake, which must finish within its timeout
            issuer.issue("warm-up.invalid");
        }
        this.issuer = issuer;
        for (CertificateSet.Entry e : current.entries()) {
            if (e.id().startsWith(ISSUED)) {
                remove(e.id());
            }
        }
    }

    static final String ISSUED = "issued:";

    /** Serves {@code certificate} from the next handshake on, in place of the one {@code id} had. */
    public void put(String id, ServingCertificate certificate) {
        synchronized (writes) {
            previous = current;
            current = current.with(id, "runway-" + aliases.incrementAndGet(), certificate);
        }
        LOG.infof("TLS: serving %s (%s)", certificate, id);
    }

    /** Stops serving the certificate of {@code id} from the next handshake on; false when there was none. */
    public boolean remove(String id) {
        synchronized (writes) {
            CertificateSet next = current.without(id);
            if (next == current) {
                return false;
            }
            previous = current;
            current = next;
        }
        LOG.infof("TLS: no longer serving the certificate of %s", id);
        return true;
    }

    /** What is served now. */
    public CertificateSet current() {
        return current;
    }

    /** Whether a certificate names {@code host}: such hosts are redirected from HTTP to HTTPS. */
    public boolean covers(String host) {
        HostIssuer i = issuer;
        return current.covers(host) || (i != null && host != null && i.accepts(normalize(host)));
    }

    /**
     * The certificate for a handshake: from the set, or one the issuer makes for a host that no
     * certificate names (or whose issued certificate is due for renewal).
     */
    Optional<CertificateSet.Entry> choose(String serverName, String keyType) {
        CertificateSet set = current;
        Optional<CertificateSet.Entry> chosen = set.choose(serverName, keyType);
        HostIssuer i = issuer;
        if (i == null || serverName == null || !"EC".equalsIgnoreCase(keyType)) {
            return chosen;
        }
        String host = normalize(serverName);
        boolean named = chosen.isPresent() && chosen.get().certificate().covers(host);
        boolean renew = named && chosen.get().id().startsWith(ISSUED) && i.due(chosen.get().certificate());
        if ((named && !renew) || !i.accepts(host)) {
            return chosen;
        }
        synchronized (writes) {
            Optional<CertificateSet.Entry> again = current.choose(serverName, keyType);
            if (again.isPresent() && again.get().id().equals(ISSUED + host) && !i.due(again.get().certificate())) {
                return again;
            }
            try {
                put(ISSUED + host, i.issue(host));
            } catch (RuntimeException e) {
                LOG.warnf("TLS: %s", e.getMessage());
                return chosen;
            }
            return current.choose(serverName, keyType);
        }
    }

    private static String normalize(String host) {
        return dev.runway.router.route.Hosts.normalize(host).orElse(null);
    }

    /** The key manager of the TLS listener: chooses by SNI from what is served at the handshake. */
    public X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    private final class KeyManager extends X509ExtendedKeyManager {

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return choose(keyType, engine == null ? null : engine.getHandshakeSession());
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            SSLSession session = socket instanceof javax.net.ssl.SSLSocket ssl ? ssl.getHandshakeSession() : null;
            return choose(keyType, session);
        }

        private String choose(String keyType, SSLSession handshake) {
            return Certificates.this.choose(requestedName(handshake), keyType).map(CertificateSet.Entry::alias)
                    .orElse(null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return current.entries().stream().filter(e -> e.certificate().keyType().equalsIgnoreCase(keyType))
                    .map(CertificateSet.Entry::alias).toArray(String[]::new);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            CertificateSet.Entry e = entry(alias);
            return e == null ? null : e.certificate().chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            CertificateSet.Entry e = entry(alias);
            return e == null ? null : e.certificate().key();
        }

        private CertificateSet.Entry entry(String alias) {
            CertificateSet.Entry e = current.byAlias(alias);
            return e != null ? e : previous.byAlias(alias);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** The host name a client asked for in its ClientHello (SNI), or null. */
    static String requestedName(SSLSession handshake) {
        if (handshake instanceof ExtendedSSLSession extended) {
            List<SNIServerName> names = extended.getRequestedServerNames();
            for (SNIServerName name : names) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME) {
                    return name instanceof SNIHostName host ? host.getAsciiName() : null;
                }
            }
        }
        return null;
    }
}
