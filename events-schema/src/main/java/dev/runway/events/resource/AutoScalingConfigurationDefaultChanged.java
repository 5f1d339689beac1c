package dev.runway.events.resource;

/** The revision became (or stopped being) the account's default for services created without one. */
public record AutoScalingConfigurationDefaultChanged(String arn, boolean isDefault) implements ResourceEvent {

    @Override
    public String resourceArn() {
        return arn;
    }
}
