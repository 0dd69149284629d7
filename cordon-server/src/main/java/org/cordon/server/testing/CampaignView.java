package org.cordon.server.testing;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A campaign as the API shows it. Targets: everyone living in {@code divisions}, the current members of
 * the key {@code groups}, and the explicit {@code persons}.
 *
 * @param scopeDivision the creator's jurisdiction: who sees a campaign without target divisions
 */
public record CampaignView(String campaignId, String name, String kind, int poolSize,
    OffsetDateTime startsAt, OffsetDateTime endsAt, List<String> divisions, List<String> groups,
    List<Long> persons, String scopeDivision, String createdBy) {
}
