package dev.runway.router.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A throw-away CA made with openssl (as deploy/lib/tls.sh makes the platform's), issuing
 * certificates for the names a test needs.
 */
public final class TestPki {

    private final Path dir;

    public TestPki(Path dir) {
        this.dir = dir;
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-noenc",
                "-keyout", dir.resolve("ca.key").toString(), "-out", ca().toString(), "-days", "30",
                "-subj", "/CN=Runway test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    /** The root to trust. */
    public Path ca() {
        return dir.resolve("ca.crt");
    }

    /** Issues {@code <file>.crt} (leaf, then the CA) and {@code <file>.key} for DNS names; {@code rsa} or {@code ec}. */
    public Path[] issue(String file, String keyType, String... names) {
        Path key = dir.resolve(file + ".key");
        Path csr = dir.resolve(file + ".csr");
        Path leaf = dir.resolve(file + ".leaf");
        Path chain = dir.resolve(file + ".crt");
        Path ext = dir.resolve(file + ".ext");
        List<String> newKey = keyType.equals("rsa") ? List.of("-newkey", "rsa:2048")
                : List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        List<String> req = new ArrayList<>(List.of("req", "-new"));
        req.addAll(newKey);
        req.addAll(List.of("-noenc", "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + names[0]));
        openssl(req.toArray(String[]::new));
        try {
            Files.writeString(ext, "subjectAltName=" + Arrays.stream(names).map(n -> "DNS:" + n)
                    .collect(Collectors.joining(",")) + "\nbasicConstraints=CA:FALSE\n"
                    + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
            openssl("x509", "-req", "-in", csr.toString(), "-CA", ca().toString(), "-CAkey",
                    dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "10", "-extfile", ext.toString(),
                    "-out", leaf.toString());
            Files.writeString(chain, Files.readString(leaf) + Files.readString(ca()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Path[] {chain, key};
    }

    /** An intermediate CA for {@link HostIssuer}: {@code <file>.crt} and {@code <file>.key}. */
    public Path[] intermediate(String file) {
        Path key = dir.resolve(file + ".key");
        Path csr = dir.resolve(file + ".csr");
        Path cert = dir.resolve(file + ".crt");
        Path ext = dir.resolve(file + ".ext");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-noenc", "-keyout",
                key.toString(), "-out", csr.toString(), "-subj", "/CN=Runway test issuing CA");
        try {
            Files.writeString(ext, "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca().toString(), "-CAkey", dir.resolve("ca.key").toString(),
                "-CAcreateserial", "-days", "20", "-extfile", ext.toString(), "-out", cert.toString());
        return new Path[] {cert, key};
    }

    /** Issues and reads one. */
    public ServingCertificate serving(String file, String keyType, String... names) throws IOException {
        Path[] pair = issue(file, keyType, names);
        return PemFiles.read(pair[0], pair[1]);
    }

    /** Runs openssl; fails the test with its output when it fails. */
    public static String openssl(String... args) {
        return run(true, args);
    }

    /** Runs openssl with stdin closed and returns its output whatever its exit code (prefixed "exit N:" on failure). */
    public static String opensslAnyExit(String... args) {
        return run(false, args);
    }

    private static String run(boolean mustSucceed, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                if (mustSucceed) {
                    throw new IllegalStateException(command + " exited " + p.exitValue() + ":\n" + out);
                }
                return "exit " + p.exitValue() + ":\n" + out;
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
