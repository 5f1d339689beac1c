package dev.runway.router.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The platform's issuing CA inside the router: a certificate for one service host, made at the
 * first handshake that asks for it. A wildcard over one label ({@code *.localhost}, the default
 * domain) is refused by OpenSSL and browsers alike, so under such a domain every host needs a
 * certificate of its own. Only hosts one label under the domain that the router routes are
 * issued for, so nobody can make it mint certificates for names of their choosing. Leaves are EC
 * P-256, valid for {@link #LIFETIME} (never beyond the issuer), and renewed by the next handshake
 * once less than a third of that is left.
 */
public final class HostIssuer {

    static final Duration LIFETIME = Duration.ofDays(90);

    private final X509Certificate issuer;
    /** What the issuer's file has after it (a cross-signed root, after a root rotation): sent along. */
    private final List<X509Certificate> above;
    private final PrivateKey issuerKey;
    private final String domain;
    private final Predicate<String> routed;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** An issuer whose certificate is {@code chain}'s first, the rest sent after it in each handshake. */
    public HostIssuer(List<X509Certificate> chain, PrivateKey issuerKey, String domain, Predicate<String> routed,
            Clock clock) {
        X509Certificate issuer = chain.get(0);
        if (issuer.getBasicConstraints() < 0) {
            throw new ServingCertificate.InvalidCertificate("the issuer certificate is no CA: "
                    + issuer.getSubjectX500Principal().getName());
        }
        this.issuer = issuer;
        this.above = List.copyOf(chain.subList(1, chain.size()));
        this.issuerKey = issuerKey;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.routed = routed;
        this.clock = clock;
    }

    /** The issuer of a PEM certificate and PKCS#8 key file. */
    public static HostIssuer read(Path certificate, Path key, String domain, Predicate<String> routed)
            throws IOException {
        List<X509Certificate> chain = PemFiles.chain(Files.readAllBytes(certificate));
        if (chain.isEmpty()) {
            throw new ServingCertificate.InvalidCertificate("no certificate in " + certificate);
        }
        HostIssuer issuer = new HostIssuer(chain, PemFiles.key(Files.readString(key,
                StandardCharsets.US_ASCII)), domain, routed, Clock.systemUTC());
        // once here, off the event loop: the first real one then costs a key pair and a signature
        // (about a millisecond), not the loading of the X.509 classes during a handshake
        issuer.issue("warm-up." + issuer.domain);
        return issuer;
    }

    /** Whether it issues for {@code host}: one label under the domain, and routed. */
    public boolean accepts(String host) {
        if (host == null || !host.endsWith("." + domain)) {
            return false;
        }
        String label = host.substring(0, host.length() - domain.length() - 1);
        return !label.isEmpty() && label.indexOf('.') < 0 && routed.test(host);
    }

    /** Whether a certificate it made should be made again (a third of its lifetime left). */
    boolean due(ServingCertificate certificate) {
        Instant notBefore = certificate.chain().get(0).getNotBefore().toInstant();
        Duration lifetime = Duration.between(notBefore, certificate.notAfter());
        return Duration.between(clock.instant(), certificate.notAfter()).compareTo(lifetime.dividedBy(3)) < 0;
    }

    /** A new certificate for {@code host} alone, with the issuer's certificate (and what is above it) after it. */
    public ServingCertificate issue(String host) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant();
            Instant notAfter = now.plus(LIFETIME);
            if (notAfter.isAfter(issuer.getNotAfter().toInstant())) {
                notAfter = issuer.getNotAfter().toInstant();
            }
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(notAfter),
                    new X500Principal("O=Runway, CN=" + host), pair.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, host)))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer));
            String signature = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate leaf = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(issuerKey)));
            var chain = new java.util.ArrayList<X509Certificate>(List.of(leaf, issuer));
            chain.addAll(above);
            return ServingCertificate.of(chain, pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new ServingCertificate.InvalidCertificate("cannot issue a certificate for " + host + ": " + e);
        }
    }
}
