package dev.runway.gateway.console;

import io.quarkus.qute.TemplateExtension;

/** How templates show an App Runner status: {@code {status.statusLabel}} and its badge colour {@code {status.statusClass}}. */
@TemplateExtension
final class StatusText {

    static String statusLabel(String status) {
        return status == null ? "" : status.replace('_', ' ');
    }

    static String statusClass(String status) {
        if (status == null) {
            return "status-other";
        }
        return switch (status) {
            case "RUNNING", "SUCCEEDED", "AVAILABLE", "ACTIVE" -> "status-ok";
            case "OPERATION_IN_PROGRESS", "IN_PROGRESS", "PENDING", "PENDING_HANDSHAKE" -> "status-busy";
            case "CREATE_FAILED", "FAILED", "DELETE_FAILED", "ROLLBACK_FAILED", "ERROR" -> "status-failed";
            default -> "status-other";
        };
    }

    private StatusText() {
    }
}
