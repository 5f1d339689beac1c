package dev.runway.events.resource;

/** The connection's VPC and endpoint changed. */
public record VpcIngressConnectionUpdated(String arn, String vpcId, String vpcEndpointId) implements ResourceEvent {

    @Override
    public String resourceArn() {
        return arn;
    }
}
