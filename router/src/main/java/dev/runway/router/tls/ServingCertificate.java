package dev.runway.router.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A certificate the router can serve: its chain (leaf first), its private key, and what it was
 * made for, read from the leaf: the DNS names of its subjectAltName (lower-case; {@code *.x} is a
 * wildcard of one label) and when it expires.
 */
public record ServingCertificate(List<X509Certificate> chain, PrivateKey key, Set<String> names, Instant notAfter) {

    public ServingCertificate {
        chain = List.copyOf(chain);
        names = Set.copyOf(names);
    }

    /**
     * The certificate of a chain and key, checked: the chain is not empty, the leaf names at least
     * one DNS name, and the key is the leaf's (it signs what the leaf's public key verifies).
     *
     * @throws InvalidCertificate with the reason an operator will read
     */
    public static ServingCertificate of(List<X509Certificate> chain, PrivateKey key) {
        if (chain.isEmpty()) {
            throw new InvalidCertificate("no certificate in the chain");
        }
        if (key == null) {
            throw new InvalidCertificate("no private key");
        }
        X509Certificate leaf = chain.get(0);
        Set<String> names = dnsNames(leaf);
        if (names.isEmpty()) {
            throw new InvalidCertificate("the certificate names no DNS name (subjectAltName): "
                    + leaf.getSubjectX500Principal().getName());
        }
        if (!keyMatches(leaf, key)) {
            throw new InvalidCertificate("the private key is not the certificate's ("
                    + leaf.getSubjectX500Principal().getName() + ")");
        }
        return new ServingCertificate(chain, key, names, leaf.getNotAfter().toInstant());
    }

    /** The key algorithm as TLS asks for it: {@code EC} or {@code RSA}. */
    public String keyType() {
        return key.getAlgorithm();
    }

    /** Whether this certificate is valid for {@code host} (lower-case, no trailing dot). */
    public boolean covers(String host) {
        if (names.contains(host)) {
            return true;
        }
        // a wildcard stands for one label, and only above two labels: *.example.com, never
        // *.localhost (OpenSSL and browsers refuse it, as they refuse *.com)
        int dot = host.indexOf('.');
        return dot > 0 && host.indexOf('.', dot + 1) > 0 && names.contains("*" + host.substring(dot));
    }

    private static Set<String> dnsNames(X509Certificate leaf) {
        Collection<List<?>> alternatives;
        try {
            alternatives = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new InvalidCertificate("its subjectAltName cannot be read: " + e.getMessage());
        }
        Set<String> names = new LinkedHashSet<>();
        if (alternatives != null) {
            for (List<?> alternative : alternatives) {
                // type 2: dNSName
                if (alternative.size() >= 2 && Integer.valueOf(2).equals(alternative.get(0))) {
                    String name = alternative.get(1).toString().toLowerCase(Locale.ROOT);
                    names.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
                }
            }
        }
        return names;
    }

    private static boolean keyMatches(X509Certificate leaf, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new InvalidCertificate("unsupported key algorithm " + key.getAlgorithm());
        };
        if (!leaf.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Names for a log line. */
    @Override
    public String toString() {
        return "certificate for " + new ArrayList<>(names) + " until " + notAfter;
    }

    /** A chain and key that cannot be served; the message says why. */
    public static final class InvalidCertificate extends RuntimeException {
        public InvalidCertificate(String reason) {
            super(reason);
        }
    }
}
