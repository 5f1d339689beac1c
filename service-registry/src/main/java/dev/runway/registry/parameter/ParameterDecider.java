package dev.runway.registry.parameter;

import dev.runway.events.model.Tag;
import dev.runway.events.secret.ParameterDeleted;
import dev.runway.events.secret.ParameterEvent;
import dev.runway.events.secret.ParameterPut;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.StreamWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An SSM parameter as a decider: PutParameter and DeleteParameter against its stream, with SSM's
 * rules and error types. Pure: the clock is an argument, and the value arrives already sealed
 * (the sealer takes the version, which is part of the ciphertext's associated data).
 */
final class ParameterDecider implements StreamWriter.Fold<ParameterDecider.State, ParameterEvent> {

    static final ParameterDecider FOLD = new ParameterDecider();

    static final Set<String> TYPES = Set.of("String", "StringList", "SecureString");
    static final int MAX_HIERARCHY_LEVELS = 15;
    static final String DEFAULT_KEY = "alias/aws/ssm";
    static final int MAX_VALUE = 4096;

    /** The parameter's newest version; {@code name == null} when it does not exist (never did, or deleted). */
    record State(String name, String type, long version, String description, String allowedPattern, String keyId) {
        boolean live() {
            return name != null;
        }
    }

    /** PutParameter, checked by the gateway against SSM's model already; {@code type} may be null on an overwrite. */
    record Put(String arn, String name, String type, String value, String description, String allowedPattern,
            String dataType, String keyId, String tier, boolean overwrite, List<Tag> tags, String user) {
        @Override
        public String toString() {
            return "Put[" + name + ", value hidden]";
        }
    }

    @Override
    public State initial() {
        return new State(null, null, 0, null, null, null);
    }

    @Override
    public State evolve(State state, ParameterEvent event) {
        if (event instanceof ParameterPut p) {
            return new State(p.name(), p.type(), p.version(), p.description(), p.allowedPattern(), p.keyId());
        }
        return initial();
    }

    static ParameterPut put(State state, Put put, Instant now, LongFunction<String> sealVersion) throws Rejection {
        checkName(put.name());
        if (state.live() && !state.name().equals(put.name())) {
            throw new Rejection("ValidationException", "Parameter " + put.name() + " has the same ARN as the existing"
                    + " parameter " + state.name() + ": use that name, or a name that differs by more than a leading slash.");
        }
        if (state.live() && !put.overwrite()) {
            throw new Rejection("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set"
                    + " the overwrite option in the request to true.");
        }
        if (state.live() && !put.tags().isEmpty()) {
            throw new Rejection("ValidationException", "Invalid request: tags and overwrite can't be used together. To"
                    + " create a parameter with tags, please remove overwrite flag. To update tags for an existing"
                    + " parameter, please use AddTagsToResource or RemoveTagsFromResource.");
        }
        String type = put.type() != null ? put.type() : state.live() ? state.type() : null;
        if (type == null) {
            throw new Rejection("ValidationException", "A parameter type is required when you create a parameter:"
                    + " give Type String, StringList or SecureString.");
        }
        if (!TYPES.contains(type)) {
            throw new Rejection("UnsupportedParameterType", "Type " + type + " is not a parameter type: use String,"
                    + " StringList or SecureString.");
        }
        if ("Advanced".equals(put.tier())) {
            throw new Rejection("ValidationException", "Runway keeps Standard-tier parameters only (values of up to "
                    + MAX_VALUE + " characters, no policies): give Tier Standard or Intelligent-Tiering, or none.");
        }
        if (put.value().length() > MAX_VALUE) {
            throw new Rejection("ValidationException", "Parameter value of " + put.value().length() + " characters is"
                    + " too long: Standard tier parameters support a maximum parameter value of " + MAX_VALUE
                    + " characters.");
        }
        if (put.dataType() != null && !put.dataType().equals("text")) {
            throw new Rejection("ValidationException", "DataType " + put.dataType() + " is not supported by Runway:"
                    + " parameters hold text (DataType text).");
        }
        String allowed = put.allowedPattern() != null ? put.allowedPattern()
                : state.live() && put.overwrite() ? state.allowedPattern() : null;
        if (allowed != null) {
            boolean matches;
            try {
                matches = Pattern.compile(allowed).matcher(put.value()).matches();
            } catch (PatternSyntaxException e) {
                throw new Rejection("InvalidAllowedPatternException", "AllowedPattern is not a valid regular"
                        + " expression: " + e.getDescription() + ".");
            }
            if (!matches) {
                throw new Rejection("ParameterPatternMismatchException", "Parameter value, cannot be validated"
                        + " against allowedPattern: " + allowed);
            }
        }
        if (put.keyId() != null && !type.equals("SecureString")) {
            throw new Rejection("ValidationException", "KeyId is required for SecureString type parameter only.");
        }
        String keyId = type.equals("SecureString") ? put.keyId() != null ? put.keyId() : DEFAULT_KEY : null;
        String description = put.description() != null ? put.description()
                : state.live() ? state.description() : null;
        long version = state.live() ? state.version() + 1 : 1;
        return new ParameterPut(put.arn(), put.name(), type, version, description, allowed, "text", keyId,
                sealVersion.apply(version), put.tags(), put.user(), now);
    }

    static ParameterDeleted delete(State state, String arn, String name, Instant now) throws Rejection {
        if (!state.live() || !state.name().equals(name)) {
            throw notFound(name);
        }
        return new ParameterDeleted(arn, name, now);
    }

    static Rejection notFound(String name) {
        return new Rejection("ParameterNotFound", "Parameter " + name + " not found.");
    }

    /** SSM's naming rules beyond the model's pattern: fully qualified paths, 15 levels, no reserved prefixes. */
    static void checkName(String name) throws Rejection {
        if (!name.matches("[a-zA-Z0-9_.\\-/]{1,2048}")) {
            throw new Rejection("ValidationException", "Parameter name is not valid: use 1-2048 letters,"
                    + " digits, and _ . - /.");
        }
        String bare = name.startsWith("/") ? name.substring(1) : name;
        String lower = bare.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("aws") || lower.startsWith("ssm")) {
            throw new Rejection("ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\""
                    + " (case-insensitive).");
        }
        if (name.contains("/") && !name.startsWith("/")) {
            throw new Rejection("ValidationException", "Parameter name must be a fully qualified name: a name with a"
                    + " slash starts with one, e.g. /" + name + ".");
        }
        if (name.endsWith("/") || name.contains("//")) {
            throw new Rejection("ValidationException", "Parameter name " + name + " has an empty level: no level of a"
                    + " path may be empty.");
        }
        if (bare.split("/").length > MAX_HIERARCHY_LEVELS) {
            throw new Rejection("HierarchyLevelLimitExceededException", "A hierarchy can have a maximum of "
                    + MAX_HIERARCHY_LEVELS + " levels.");
        }
    }

    private ParameterDecider() {
    }
}
