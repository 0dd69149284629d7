package org.cordon.server.testing;

import java.time.OffsetDateTime;
import java.util.List;

/** A campaign as the API shows it. */
public record CampaignView(String campaignId, String name, String kind, int poolSize,
    OffsetDateTime startsAt, OffsetDateTime endsAt, List<String> divisions, String createdBy) {
}
