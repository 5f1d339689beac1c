package dev.runway.events.query;

/**
 * A connection's credentials in the clear: the Git host token (for the build-worker's clones) and
 * the secret its push webhook is signed with (for the api-gateway's HMAC check). Served only on the
 * registry's internal port (loopback), like access key secrets; never logged.
 */
public record ConnectionSecrets(String connectionArn, String token, String webhookSecret) {

    @Override
    public String toString() {
        return "ConnectionSecrets[" + connectionArn + ", secrets hidden]";
    }
}
