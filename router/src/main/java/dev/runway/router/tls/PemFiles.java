package dev.runway.router.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files as openssl writes them: a chain of {@code CERTIFICATE} blocks (leaf first) and a
 * PKCS#8 {@code PRIVATE KEY} (EC, RSA or Ed25519; what {@code openssl genpkey} and OpenSSL 3 write).
 */
public final class PemFiles {

    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

    /** The certificate of a chain file and a key file, checked ({@link ServingCertificate#of}). */
    public static ServingCertificate read(Path chainFile, Path keyFile) throws IOException {
        return ServingCertificate.of(chain(Files.readAllBytes(chainFile)), key(Files.readString(keyFile,
                StandardCharsets.US_ASCII)));
    }

    /** The certificates of a PEM text, in order. */
    public static List<X509Certificate> chain(byte[] pem) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                chain.add((X509Certificate) c);
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new ServingCertificate.InvalidCertificate("not a PEM certificate chain: " + e.getMessage());
        }
    }

    /** The private key of a PEM text. */
    public static PrivateKey key(String pem) {
        Matcher m = KEY.matcher(pem);
        if (!m.find()) {
            throw new ServingCertificate.InvalidCertificate("no PEM private key");
        }
        if (!m.group(1).isEmpty()) {
            throw new ServingCertificate.InvalidCertificate("the key is '" + m.group(1)
                    + "PRIVATE KEY'; the router reads PKCS#8 ('PRIVATE KEY'): convert it with "
                    + "openssl pkcs8 -topk8 -nocrypt -in <key> -out <key>.pk8");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // next
            }
        }
        throw new ServingCertificate.InvalidCertificate("the private key is neither EC, RSA nor Ed25519");
    }

    private PemFiles() {
    }
}
