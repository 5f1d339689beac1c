package dev.runway.events.query;

/**
 * What the api-gateway needs to verify a signature made with an access key. Served only on the
 * registry's internal port (loopback); never logged.
 */
public record AccessKeySecret(String accessKeyId, String secretAccessKey) {

    @Override
    public String toString() {
        return "AccessKeySecret[" + accessKeyId + ", secret hidden]";
    }
}
