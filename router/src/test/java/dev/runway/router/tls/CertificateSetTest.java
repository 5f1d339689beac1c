package dev.runway.router.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a certificate for a handshake: exact name, then wildcard, then the default. */
class CertificateSetTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static ServingCertificate platform;
    static ServingCertificate shop;
    static ServingCertificate shopRsa;

    @BeforeAll
    static void certificates() throws Exception {
        pki = new TestPki(dir);
        platform = pki.serving("platform", "ec", "*.apps.test", "apps.test");
        shop = pki.serving("shop", "ec", "shop.example.test", "www.shop.example.test");
        shopRsa = pki.serving("shop-rsa", "rsa", "shop.example.test");
    }

    private static Certificates given(String... ids) {
        Certificates certificates = new Certificates();
        for (String id : ids) {
            certificates.put(id, switch (id) {
                case "platform" -> platform;
                case "shop" -> shop;
                default -> shopRsa;
            });
        }
        return certificates;
    }

    private static Optional<ServingCertificate> chosen(Certificates c, String sni, String keyType) {
        return c.current().choose(sni, keyType).map(CertificateSet.Entry::certificate);
    }

    @Test
    void shouldChooseTheExactNameThenTheWildcardThenTheDefault() {
        Certificates c = given("platform", "shop");

        assertEquals(shop, chosen(c, "shop.example.test", "EC").orElseThrow());
        assertEquals(shop, chosen(c, "WWW.Shop.Example.Test.", "EC").orElseThrow(), "case and trailing dot");
        assertEquals(platform, chosen(c, "hello-0123abcd.apps.test", "EC").orElseThrow());
        assertEquals(platform, chosen(c, "apps.test", "EC").orElseThrow());
        assertEquals(platform, chosen(c, "a.b.apps.test", "EC").orElseThrow(), "unknown name: the default");
        assertEquals(platform, chosen(c, null, "EC").orElseThrow(), "no SNI: the default");
    }

    @Test
    void shouldPreferACertificateFromTheAcmeCaToThePlatformCasForTheSameName() throws Exception {
        // the platform CA's wildcard lives longer (397 days) than an ACME CA's (90): trust wins over age
        ServingCertificate acme = pki.serving("acme-platform", "ec", "*.apps.test");
        Thread.sleep(1_100);
        ServingCertificate own = pki.serving("own-platform", "ec", "*.apps.test", "apps.test");
        assertTrue(own.notAfter().isAfter(acme.notAfter()));
        Certificates c = new Certificates();
        c.put("file:/state/tls/platform.crt", own);
        c.put("platform:acme", acme);

        assertEquals(acme, chosen(c, "hello-0123abcd.apps.test", "EC").orElseThrow());
        assertEquals(own, chosen(c, null, "EC").orElseThrow(), "no SNI: still the first put, the default");
        c.remove("platform:acme");
        assertEquals(own, chosen(c, "hello-0123abcd.apps.test", "EC").orElseThrow());
    }

    @Test
    void shouldChooseOnlyAmongKeysTheHandshakeCanUse() {
        Certificates c = given("platform", "shop-rsa");

        assertEquals(shopRsa, chosen(c, "shop.example.test", "RSA").orElseThrow());
        assertEquals(platform, chosen(c, "shop.example.test", "EC").orElseThrow());
        assertTrue(chosen(c, "apps.test", "RSA").isPresent(), "an RSA handshake still gets the RSA certificate");
        assertTrue(given("platform").current().choose("apps.test", "RSA").isEmpty());
    }

    @Test
    void shouldReplaceACertificateInItsPlaceAndForgetARemovedOne() throws Exception {
        Certificates c = given("platform", "shop");
        ServingCertificate renewed = pki.serving("shop-2", "ec", "shop.example.test");

        c.put("shop", renewed);
        assertEquals(renewed, chosen(c, "shop.example.test", "EC").orElseThrow());
        assertEquals(2, c.current().size());
        assertEquals(platform, chosen(c, null, "EC").orElseThrow(), "the first put stays the default");

        assertTrue(c.remove("shop"));
        assertFalse(c.remove("shop"));
        assertEquals(platform, chosen(c, "shop.example.test", "EC").orElseThrow());
    }

    @Test
    void shouldCoverOnlyNamedHosts() {
        Certificates c = given("platform");

        assertTrue(c.covers("hello-0123abcd.apps.test"));
        assertTrue(c.covers("apps.test"));
        assertFalse(c.covers("a.b.apps.test"), "a wildcard is one label");
        assertFalse(c.covers("other.test"));
        assertFalse(c.covers(null));
    }

    @Test
    void shouldNotTakeAWildcardOverOneLabelAsClientsRefuseIt() throws Exception {
        Certificates c = new Certificates();
        c.put("local", pki.serving("local", "ec", "*.localhost", "localhost"));

        assertFalse(c.covers("hello-0123abcd.localhost"));
        assertTrue(c.covers("localhost"));
    }

    @Test
    void shouldIssueForRoutedHostsOneLabelUnderTheDomainOnly() throws Exception {
        Path[] ca = pki.intermediate("issuing");
        HostIssuer issuer = HostIssuer.read(ca[0], ca[1], "localhost", "hello-0123abcd.localhost"::equals);
        Certificates c = given("platform");
        c.issueWith(issuer);

        assertTrue(c.covers("hello-0123abcd.localhost"), "redirected: a certificate will be made for it");
        assertFalse(c.covers("other-0123abcd.localhost"), "not routed");
        assertFalse(issuer.accepts("a.hello-0123abcd.localhost"));
        var issued = c.choose("hello-0123abcd.localhost", "EC").orElseThrow();
        assertEquals(java.util.Set.of("hello-0123abcd.localhost"), issued.certificate().names());
        assertEquals(2, issued.certificate().chain().size(), "leaf, then the issuing CA");
        issued.certificate().chain().get(0).verify(issued.certificate().chain().get(1).getPublicKey());
        assertEquals(issued, c.choose("hello-0123abcd.localhost", "EC").orElseThrow(), "made once");
        assertEquals(platform, c.choose("other-0123abcd.localhost", "EC").orElseThrow().certificate());
    }

    @Test
    void shouldSendWhatTheIssuersFileHasAfterItAlong() throws Exception {
        // given an issuing CA file followed by a certificate above it (a cross-signed root, after a
        // root rotation: clients that trust only the old root build their path through it)
        Path[] ca = pki.intermediate("issuing");
        java.nio.file.Files.writeString(ca[0], java.nio.file.Files.readString(ca[0])
                + java.nio.file.Files.readString(pki.ca()));
        HostIssuer issuer = HostIssuer.read(ca[0], ca[1], "localhost", host -> true);
        // when it issues, then the leaf comes with the issuer and, after it, the rest of the file
        var chain = issuer.issue("hello-0123abcd.localhost").chain();
        assertEquals(3, chain.size(), "leaf, issuing CA, the certificate after it");
        chain.get(0).verify(chain.get(1).getPublicKey());
        chain.get(1).verify(chain.get(2).getPublicKey());
    }

    @Test
    void shouldRefuseAKeyThatIsNotTheCertificates() throws Exception {
        Path[] a = pki.issue("a", "ec", "a.test");
        Path[] b = pki.issue("b", "ec", "b.test");

        var refused = assertThrows(ServingCertificate.InvalidCertificate.class, () -> PemFiles.read(a[0], b[1]));
        assertTrue(refused.getMessage().contains("not the certificate's"), refused.getMessage());
    }

    @Test
    void shouldReadTheFilesAgainWhenTheyChange() throws Exception {
        Path[] pair = pki.issue("files", "ec", "files.test");
        Certificates c = new Certificates();
        CertificateFiles files = new CertificateFiles(c, Optional.of(pair[0]), Optional.of(pair[1]), Optional.empty());

        assertEquals(1, files.refresh());
        assertEquals(0, files.refresh(), "nothing changed");
        var first = c.current().entries().get(0).certificate();

        Path[] renewed = pki.issue("files-renewed", "ec", "files.test", "more.test");
        Files.move(renewed[0], pair[0], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(renewed[1], pair[1], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, files.refresh());
        assertTrue(c.covers("more.test"));
        assertFalse(first.equals(c.current().entries().get(0).certificate()));

        Files.writeString(pair[1], "garbage");
        Files.setLastModifiedTime(pair[1], java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(0, files.refresh(), "an unreadable renewal keeps the served one");
        assertTrue(c.covers("more.test"));
    }

    @Test
    void shouldServeEveryPairOfADirectoryButTheCa() throws Exception {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        Path[] one = pki.issue("one", "ec", "one.test");
        Files.copy(one[0], certs.resolve("one.crt"));
        Files.copy(one[1], certs.resolve("one.key"));
        Files.copy(pki.ca(), certs.resolve("ca.crt"));
        Files.copy(dir.resolve("ca.key"), certs.resolve("ca.key"));
        Certificates c = new Certificates();
        CertificateFiles files = new CertificateFiles(c, Optional.empty(), Optional.empty(), Optional.of(certs));

        assertEquals(1, files.refresh());
        assertTrue(c.covers("one.test"));

        Files.delete(certs.resolve("one.crt"));
        assertEquals(1, files.refresh());
        assertEquals(0, c.current().size());
    }
}
