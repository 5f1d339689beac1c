package dev.runway.events.event;

import dev.runway.events.Message;

/**
 * A fact about the account's credentials, appended by the service-registry to the account's stream
 * (key: the account ARN) and published on {@code runway.events}. Never carries a secret.
 */
public sealed interface AccountEvent extends Message permits AccessKeyCreated, AccessKeyDeleted {

    /** {@code arn:<partition>:iam::<account id>:root}: the stream every credential change is appended to. */
    String accountArn();

    @Override
    default String resourceArn() {
        return accountArn();
    }
}
