package dev.runway.events.model;

/** App Runner's OperationStatus enum, exactly as the API model has it. */
public enum OperationStatus {
    PENDING, IN_PROGRESS, FAILED, SUCCEEDED, ROLLBACK_IN_PROGRESS, ROLLBACK_FAILED, ROLLBACK_SUCCEEDED
}
