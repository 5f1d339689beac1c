package dev.runway.registry.secrets;

import dev.runway.events.model.Tag;
import dev.runway.events.secret.SecretCreated;
import dev.runway.events.secret.SecretDeleted;
import dev.runway.events.secret.SecretDeletionScheduled;
import dev.runway.events.secret.SecretDescribed;
import dev.runway.events.secret.SecretEvent;
import dev.runway.events.secret.SecretRestored;
import dev.runway.events.secret.SecretTagged;
import dev.runway.events.secret.SecretUntagged;
import dev.runway.events.secret.SecretValuePut;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.StreamWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Secrets Manager secret as a decider: its versions and their staging labels, its deletion
 * state and its tags, with Secrets Manager's rules and error types. Pure: the clock is an argument
 * and values arrive sealed.
 */
final class SecretDecider implements StreamWriter.Fold<SecretDecider.State, SecretEvent> {

    static final SecretDecider FOLD = new SecretDecider();
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";
    static final int MAX_TAGS = 50;
    static final int MAX_STAGES = 20;

    /** {@code created == false}: no such secret; {@code deleted}: gone for good. */
    record State(boolean created, boolean deleted, Instant deletionDate, Map<String, List<String>> stagesByVersion,
            Map<String, String> tags) {
        boolean scheduled() {
            return deletionDate != null;
        }
    }

    /** A new version: its id, sealed value, kind, and the stages it takes. */
    record NewValue(String versionId, String sealed, boolean binary, List<String> stages) {
        @Override
        public String toString() {
            return "NewValue[" + versionId + ", value sealed]";
        }
    }

    @Override
    public State initial() {
        return new State(false, false, null, Map.of(), Map.of());
    }

    @Override
    public State evolve(State s, SecretEvent event) {
        if (event instanceof SecretCreated c) {
            Map<String, String> tags = new LinkedHashMap<>();
            c.tags().forEach(t -> tags.put(t.key(), t.value()));
            return new State(true, false, null, Map.of(), Map.copyOf(tags));
        }
        if (event instanceof SecretValuePut v) {
            return new State(s.created(), s.deleted(), s.deletionDate(), restage(s.stagesByVersion(), v.versionId(),
                    v.stages()), s.tags());
        }
        if (event instanceof SecretDeletionScheduled d) {
            return new State(s.created(), false, d.deletionDate(), s.stagesByVersion(), s.tags());
        }
        if (event instanceof SecretRestored) {
            return new State(s.created(), false, null, s.stagesByVersion(), s.tags());
        }
        if (event instanceof SecretDeleted) {
            return new State(s.created(), true, null, Map.of(), Map.of());
        }
        if (event instanceof SecretTagged t) {
            Map<String, String> tags = new LinkedHashMap<>(s.tags());
            t.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
            return new State(s.created(), s.deleted(), s.deletionDate(), s.stagesByVersion(), Map.copyOf(tags));
        }
        if (event instanceof SecretUntagged u) {
            Map<String, String> tags = new LinkedHashMap<>(s.tags());
            u.tagKeys().forEach(tags::remove);
            return new State(s.created(), s.deleted(), s.deletionDate(), s.stagesByVersion(), Map.copyOf(tags));
        }
        return s; // SecretDescribed changes nothing decisions depend on
    }

    /**
     * Staging labels after a new version takes {@code stages}: each moves to it from the version
     * that had it; when it takes AWSCURRENT, the version that had that label gets AWSPREVIOUS.
     */
    static Map<String, List<String>> restage(Map<String, List<String>> before, String versionId, List<String> stages) {
        Map<String, List<String>> after = new LinkedHashMap<>();
        before.forEach((id, labels) -> after.put(id, new ArrayList<>(labels)));
        if (stages.contains(CURRENT)) {
            String oldCurrent = after.entrySet().stream().filter(e -> e.getValue().contains(CURRENT))
                    .map(Map.Entry::getKey).filter(id -> !id.equals(versionId)).findFirst().orElse(null);
            if (oldCurrent != null) {
                after.values().forEach(labels -> labels.remove(PREVIOUS));
                after.get(oldCurrent).add(PREVIOUS);
            }
        }
        after.values().forEach(labels -> labels.removeAll(stages));
        List<String> mine = after.computeIfAbsent(versionId, id -> new ArrayList<>());
        stages.stream().filter(st -> !mine.contains(st)).forEach(mine::add);
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        after.forEach((id, labels) -> frozen.put(id, List.copyOf(labels)));
        return frozen;
    }

    static List<SecretEvent> create(State state, String arn, String name, String description, String keyId,
            List<Tag> tags, NewValue value, Instant now) throws Rejection {
        checkName(name);
        if (state.created()) {
            throw new Rejection("ResourceExistsException", "The operation failed because the secret " + name
                    + " already exists.");
        }
        checkTags(tags, 0);
        List<SecretEvent> events = new ArrayList<>();
        events.add(new SecretCreated(arn, name, description, keyId, tags, now));
        if (value != null) {
            events.add(new SecretValuePut(arn, value.versionId(), value.sealed(), value.binary(), List.of(CURRENT), now));
        }
        return events;
    }

    /**
     * PutSecretValue (and UpdateSecret's value). A version id already used with the same value is a
     * retry and changes nothing ({@code sameValueAsExisting}); with another value it is refused.
     */
    static List<SecretEvent> putValue(State state, String arn, NewValue value, boolean sameValueAsExisting, Instant now)
            throws Rejection {
        usable(state, arn);
        if (value.stages().size() > MAX_STAGES) {
            throw new Rejection("InvalidParameterException", "A version can have at most " + MAX_STAGES
                    + " staging labels.");
        }
        if (state.stagesByVersion().containsKey(value.versionId())) {
            if (sameValueAsExisting) {
                return List.of();
            }
            throw new Rejection("ResourceExistsException", "You can't modify an existing version, you can only create"
                    + " a new version: version " + value.versionId() + " exists with another value.");
        }
        return List.of(new SecretValuePut(arn, value.versionId(), value.sealed(), value.binary(), value.stages(), now));
    }

    static List<SecretEvent> describe(State state, String arn, String description, String keyId, Instant now)
            throws Rejection {
        usable(state, arn);
        return description == null && keyId == null ? List.of()
                : List.of(new SecretDescribed(arn, description, keyId, now));
    }

    static List<SecretEvent> delete(State state, String arn, Long recoveryDays, boolean force, Instant now)
            throws Rejection {
        exists(state, arn);
        if (force && recoveryDays != null) {
            throw new Rejection("InvalidParameterException", "You can't use ForceDeleteWithoutRecovery in conjunction"
                    + " with RecoveryWindowInDays.");
        }
        if (force) {
            return List.of(new SecretDeleted(arn, now));
        }
        long days = recoveryDays == null ? 30 : recoveryDays;
        if (days < 7 || days > 30) {
            throw new Rejection("InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30"
                    + " days (inclusive).");
        }
        if (state.scheduled()) {
            throw new Rejection("InvalidRequestException", "You can't perform this operation on the secret because it"
                    + " was marked for deletion.");
        }
        return List.of(new SecretDeletionScheduled(arn, now.plus(Duration.ofDays(days)), now));
    }

    /** The end of a recovery window, as its own event when the secret is next looked at. */
    static List<SecretEvent> expire(State state, String arn, Instant now) {
        return state.created() && !state.deleted() && state.scheduled() && !now.isBefore(state.deletionDate())
                ? List.of(new SecretDeleted(arn, now)) : List.of();
    }

    static List<SecretEvent> restore(State state, String arn, Instant now) throws Rejection {
        exists(state, arn);
        return state.scheduled() ? List.of(new SecretRestored(arn, now)) : List.of();
    }

    static List<SecretEvent> tag(State state, String arn, List<Tag> tags, Instant now) throws Rejection {
        usable(state, arn);
        checkTags(tags, (int) state.tags().keySet().stream()
                .filter(k -> tags.stream().noneMatch(t -> t.key().equals(k))).count());
        return List.of(new SecretTagged(arn, tags, now));
    }

    static List<SecretEvent> untag(State state, String arn, List<String> keys, Instant now) throws Rejection {
        usable(state, arn);
        return List.of(new SecretUntagged(arn, keys, now));
    }

    static Rejection notFound() {
        return new Rejection("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    static Rejection markedForDeletion() {
        return new Rejection("InvalidRequestException", "You can't perform this operation on the secret because it"
                + " was marked for deletion.");
    }

    /** Secrets Manager's name rule beyond the model's length. */
    static void checkName(String name) throws Rejection {
        if (!name.matches("[A-Za-z0-9/_+=.@!-]{1,512}")) {
            throw new Rejection("InvalidParameterException", "Invalid name. Must be a valid name containing"
                    + " alphanumeric characters, or any of the following: -/_+=.@!");
        }
    }

    private static void checkTags(List<Tag> tags, int kept) throws Rejection {
        if (kept + tags.size() > MAX_TAGS) {
            throw new Rejection("InvalidParameterException", "A secret can have at most " + MAX_TAGS + " tags.");
        }
        for (Tag t : tags) {
            if (t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw new Rejection("InvalidParameterException", "Tag keys starting with aws: are reserved.");
            }
        }
    }

    private static void exists(State state, String arn) throws Rejection {
        if (!state.created() || state.deleted()) {
            throw notFound();
        }
    }

    private static void usable(State state, String arn) throws Rejection {
        exists(state, arn);
        if (state.scheduled()) {
            throw markedForDeletion();
        }
    }

    private SecretDecider() {
    }
}
