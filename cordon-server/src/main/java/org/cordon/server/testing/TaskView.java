package org.cordon.server.testing;

import java.time.OffsetDateTime;

/**
 * A testing task for a community: a recall (retest at {@code siteId}) or a missed person to bring to
 * sampling. Identity number and phone are masked unless the caller's role may see them.
 */
public record TaskView(long taskId, String campaignId, String kind, long personId, String name,
    String community, String idNumber, String phone, String siteId, String siteName, String tube,
    String status, String outcome, OffsetDateTime createdAt, OffsetDateTime closedAt) {
}
