package dev.runway.registry.credentials;

import dev.runway.events.event.AccessKeyCreated;
import dev.runway.events.event.AccessKeyDeleted;
import dev.runway.events.event.AccountEvent;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.StreamWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The account's credentials as a decider: which access keys exist, and whether a create or a
 * delete may happen. Pure: no I/O, the clock is an argument.
 */
final class AccessKeyDecider implements StreamWriter.Fold<AccessKeyDecider.State, AccountEvent> {

    static final AccessKeyDecider FOLD = new AccessKeyDecider();

    /** IAM's user name rule: 1-64 of letters, digits and {@code +=,.@_-}. */
    static final Pattern USER_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    /** At most this many active keys: enough for any machine, small enough to stay a bounded list. */
    static final int MAX_ACTIVE_KEYS = 100;

    sealed interface Command permits CreateAccessKey, DeleteAccessKey {
    }

    record CreateAccessKey(String accountArn, String accessKeyId, String userName) implements Command {
    }

    record DeleteAccessKey(String accountArn, String accessKeyId) implements Command {
    }

    /** Active keys (id → user) and every id ever issued (a deleted id is never issued again). */
    record State(Map<String, String> active, Set<String> issued) {
    }

    @Override
    public State initial() {
        return new State(Map.of(), Set.of());
    }

    static AccountEvent decide(Command command, State state, Instant now) throws Rejection {
        if (command instanceof CreateAccessKey c) {
            if (!USER_NAME.matcher(c.userName()).matches()) {
                throw new Rejection(Rejection.INVALID_REQUEST, "User name '" + c.userName()
                        + "' is not valid: use 1-64 letters, digits or +=,.@_- characters.");
            }
            if (state.issued().contains(c.accessKeyId())) {
                throw new Rejection(Rejection.INVALID_STATE, "Access key " + c.accessKeyId() + " was issued before.");
            }
            if (state.active().size() >= MAX_ACTIVE_KEYS) {
                throw new Rejection("ServiceQuotaExceededException", "The account already has " + MAX_ACTIVE_KEYS
                        + " active access keys; delete one first (./runway credentials delete <id>).");
            }
            return new AccessKeyCreated(c.accountArn(), c.accessKeyId(), c.userName(), now);
        }
        DeleteAccessKey d = (DeleteAccessKey) command;
        if (!state.active().containsKey(d.accessKeyId())) {
            throw new Rejection(Rejection.NOT_FOUND, "No active access key " + d.accessKeyId() + ".");
        }
        return new AccessKeyDeleted(d.accountArn(), d.accessKeyId(), now);
    }

    @Override
    public State evolve(State state, AccountEvent event) {
        Map<String, String> active = new HashMap<>(state.active());
        Set<String> issued = new HashSet<>(state.issued());
        if (event instanceof AccessKeyCreated c) {
            active.put(c.accessKeyId(), c.userName());
            issued.add(c.accessKeyId());
        } else if (event instanceof AccessKeyDeleted d) {
            active.remove(d.accessKeyId());
        }
        return new State(Map.copyOf(active), Set.copyOf(issued));
    }

    private AccessKeyDecider() {
    }
}
