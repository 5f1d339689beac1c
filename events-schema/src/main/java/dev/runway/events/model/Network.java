package dev.runway.events.model;

/** App Runner's NetworkConfiguration, stored as given. */
public record Network(String egressType, String vpcConnectorArn, boolean publiclyAccessible, String ipAddressType) {

    public static Network defaults() {
        return new Network("DEFAULT", null, true, "IPV4");
    }
}
