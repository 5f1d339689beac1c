package dev.runway.events.model;

/** App Runner's ServiceStatus enum, exactly as the API model has it. */
public enum ServiceStatus {
    CREATE_FAILED, RUNNING, DELETED, DELETE_FAILED, PAUSED, OPERATION_IN_PROGRESS
}
