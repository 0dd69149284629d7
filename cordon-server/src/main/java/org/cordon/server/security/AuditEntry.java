package org.cordon.server.security;

import java.time.OffsetDateTime;

/** One audited access: who ({@code username}, {@code role}), when, what, to whom and from where. */
public record AuditEntry(long id, OffsetDateTime at, String username, Role role, String jurisdiction,
    String action, Long personId, String outcome, String endpoint, String clientIp) {
}
