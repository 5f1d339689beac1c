package dev.runway.events.model;

/** App Runner's OperationType enum, exactly as the API model has it. */
public enum OperationType {
    START_DEPLOYMENT, CREATE_SERVICE, PAUSE_SERVICE, RESUME_SERVICE, DELETE_SERVICE, UPDATE_SERVICE
}
