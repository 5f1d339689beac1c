package dev.runway.events.resource;

/** A DNS record that proves ownership of a custom domain, in App Runner's shape. */
public record CertificateValidationRecord(String name, String type, String value, String status) {
}
