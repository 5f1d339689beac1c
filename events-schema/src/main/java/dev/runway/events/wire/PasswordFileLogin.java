package dev.runway.events.wire;

import dev.runway.events.credential.SecretFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.sasl.RealmCallback;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.scram.ScramExtensionsCallback;

/**
 * Gives a Kafka client its SCRAM name and password at each login, that is for each connection it
 * opens, reading the password from its file then. So {@code ./runway credentials rotate} changes a
 * component's Kafka password without restarting it: the connections it has stay authenticated,
 * the next one uses the new password (docs/security.md, "Rotating"). The file is named by the JAAS
 * option {@value #FILE_OPTION} ({@link KafkaSettings} sets it); when it cannot be read, the last
 * password read (at first the JAAS {@code password}) is used.
 */
public final class PasswordFileLogin implements AuthenticateCallbackHandler {

    /** The JAAS option naming the password file. */
    public static final String FILE_OPTION = "runwayPasswordFile";

    private String username;
    private String configured;
    private SecretFile file;

    @Override
    public void configure(Map<String, ?> configs, String mechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        if (jaasConfigEntries.size() != 1) {
            throw new IllegalArgumentException("expected one JAAS login module, not " + jaasConfigEntries.size());
        }
        Map<String, ?> options = jaasConfigEntries.get(0).getOptions();
        username = (String) options.get("username");
        configured = (String) options.get("password");
        Object named = options.get(FILE_OPTION);
        file = named == null ? null : SecretFile.keepingLast(Path.of((String) named), configured);
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(username);
            } else if (callback instanceof PasswordCallback password) {
                password.setPassword(password().toCharArray());
            } else if (callback instanceof RealmCallback realm) {
                realm.setText(realm.getDefaultText());
            } else if (!(callback instanceof ScramExtensionsCallback)) {
                // no SCRAM extensions: the callback's default (none) stands
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    String password() {
        // unreadable for a moment: the last one read; the broker says if it is no longer valid
        return file == null ? configured : file.read().orElse(null);
    }

    @Override
    public void close() {
    }
}
