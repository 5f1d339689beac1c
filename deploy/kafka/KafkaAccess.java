import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the platform's Kafka (docs/security.md, "Kafka"), applied by the launcher
 * with the admin principal's client settings; run as a single-file program on the broker's jars:
 *
 * <pre>
 *   java -cp 'libs/*' KafkaAccess.java sync     admin.properties acls.txt credentials-dir
 *   java -cp 'libs/*' KafkaAccess.java password admin.properties credentials-dir user...
 * </pre>
 *
 * {@code sync} gives every principal named in acls.txt its SCRAM-SHA-512 password (the file of that
 * name in credentials-dir), adds the ACLs acls.txt lists and deletes every other ACL, so the broker
 * holds exactly the list. {@code password} sets the named users' passwords (rotation, and the
 * broker's and the admin's in a storage formatted without them). Passwords are read
 * from files, never taken from the command line.
 */
public class KafkaAccess {

    static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
    static final int ITERATIONS = 4096;

    public static void main(String[] args) throws Exception {
        boolean sync = args.length == 4 && args[0].equals("sync");
        if (!sync && !(args.length >= 4 && args[0].equals("password"))) {
            System.err.println("usage: KafkaAccess sync <admin.properties> <acls.txt> <credentials dir>\n"
                    + "       KafkaAccess password <admin.properties> <credentials dir> <user>...");
            System.exit(2);
        }
        Properties settings = new Properties();
        try (var in = Files.newInputStream(Path.of(args[1]))) {
            settings.load(in);
        }
        settings.putIfAbsent("request.timeout.ms", "15000");
        settings.putIfAbsent("default.api.timeout.ms", "30000");
        try (Admin admin = Admin.create(settings)) {
            if (!sync) {
                List<String[]> users = new ArrayList<>();
                for (int i = 3; i < args.length; i++) {
                    users.add(new String[] {args[i], read(Path.of(args[2]).resolve(args[i]))});
                }
                setPasswords(admin, users);
                System.out.println("password set: " + String.join(", ", List.of(args).subList(3, args.length)));
            } else {
                sync(admin, Path.of(args[2]), Path.of(args[3]));
            }
        }
    }

    static String read(Path file) throws Exception {
        String s = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) {
            throw new IllegalStateException(file + " is empty");
        }
        return s;
    }

    static void setPasswords(Admin admin, List<String[]> users) throws Exception {
        List<UserScramCredentialAlteration> changes = new ArrayList<>();
        for (String[] u : users) {
            changes.add(new UserScramCredentialUpsertion(u[0], new ScramCredentialInfo(MECHANISM, ITERATIONS), u[1]));
        }
        admin.alterUserScramCredentials(changes).all().get(60, TimeUnit.SECONDS);
    }

    static void sync(Admin admin, Path spec, Path credentials) throws Exception {
        Set<String> principals = new LinkedHashSet<>();
        Set<AclBinding> wanted = new LinkedHashSet<>();
        int n = 0;
        for (String line : Files.readAllLines(spec, StandardCharsets.UTF_8)) {
            n++;
            line = line.replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException(spec + ":" + n + ": want <principal> write|read|group <name>");
            }
            principals.add(f[0]);
            String principal = "User:" + f[0];
            switch (f[1]) {
                case "write" -> wanted.add(allow(principal, AclOperation.WRITE, ResourceType.TOPIC, f[2]));
                case "read" -> wanted.add(allow(principal, AclOperation.READ, ResourceType.TOPIC, f[2]));
                case "group" -> wanted.add(allow(principal, AclOperation.READ, ResourceType.GROUP, f[2]));
                default -> throw new IllegalArgumentException(spec + ":" + n + ": unknown permission " + f[1]);
            }
        }
        List<String[]> users = new ArrayList<>();
        for (String p : principals) {
            users.add(new String[] {p, read(credentials.resolve(p))});
        }
        setPasswords(admin, users);

        Set<AclBinding> present = new LinkedHashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(60, TimeUnit.SECONDS));
        List<AclBinding> add = wanted.stream().filter(b -> !present.contains(b)).toList();
        List<AclBindingFilter> remove = present.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter).toList();
        if (!add.isEmpty()) {
            admin.createAcls(add).all().get(60, TimeUnit.SECONDS);
        }
        if (!remove.isEmpty()) {
            admin.deleteAcls(remove).all().get(60, TimeUnit.SECONDS);
        }
        System.out.printf("%d principals, %d ACLs (%d added, %d removed)%n", principals.size(), wanted.size(), add.size(),
                remove.size());
    }

    static AclBinding allow(String principal, AclOperation op, ResourceType type, String name) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }
}
