package dev.runway.events.metrics;

/**
 * App Runner's CloudWatch dimensions of a service, {@code ServiceName} and {@code ServiceID}, read
 * from its ARN ({@code arn:aws:apprunner:<region>:<account>:service/<name>/<id>}). Every producer
 * and reader of {@code runway.metrics} (and of {@code runway.logs}: the log group names) names a
 * service the same way with it.
 */
public record ServiceDimensions(String serviceName, String serviceId) {

    private static final String MARK = ":service/";

    /** The name and id of a service's ARN; empty for any other ARN (or none). */
    public static java.util.Optional<ServiceDimensions> ofService(String arn) {
        if (arn == null || !arn.contains(MARK)) {
            return java.util.Optional.empty();
        }
        ServiceDimensions dims = of(arn);
        return dims.serviceName().isEmpty() || dims.serviceId().isEmpty() || dims.serviceId().contains("/")
                ? java.util.Optional.empty() : java.util.Optional.of(dims);
    }

    public static ServiceDimensions of(String serviceArn) {
        int at = serviceArn.indexOf(MARK);
        String resource = at < 0 ? serviceArn : serviceArn.substring(at + MARK.length());
        int slash = resource.indexOf('/');
        return slash < 0 ? new ServiceDimensions(resource, "")
                : new ServiceDimensions(resource.substring(0, slash), resource.substring(slash + 1));
    }
}
