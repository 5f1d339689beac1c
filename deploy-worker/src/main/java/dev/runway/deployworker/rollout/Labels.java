package dev.runway.deployworker.rollout;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels that tie a container to its platform, service, revision and instance. */
public final class Labels {

    public static final String PLATFORM = "dev.runway.platform";
    public static final String SERVICE_ARN = "dev.runway.service-arn";
    static final String SERVICE_NAME = "dev.runway.service-name";
    static final String REVISION = "dev.runway.revision";
    public static final String INSTANCE = "dev.runway.instance";
    static final String PORT = "dev.runway.port";
    static final String OPERATION = "dev.runway.operation";

    /** Selects every container of a service on this platform. */
    public static Map<String, String> ofService(String platformId, String serviceArn) {
        var labels = new LinkedHashMap<String, String>();
        labels.put(PLATFORM, platformId);
        labels.put(SERVICE_ARN, serviceArn);
        return labels;
    }

    /** Selects the containers of one revision of a service on this platform. */
    static Map<String, String> ofRevision(String platformId, String serviceArn, int revision) {
        var labels = ofService(platformId, serviceArn);
        labels.put(REVISION, Integer.toString(revision));
        return labels;
    }

    private Labels() {
    }
}
