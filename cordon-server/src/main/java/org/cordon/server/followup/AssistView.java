package org.cordon.server.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * An assist request as shown to one caller, masked as in the persons API. Outgoing: {@code caseId} is
 * the local case. Incoming: {@code taskId} is the follow-up task created for it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssistView(long requestId, String direction, String sourceInstance, String sourceCase,
    Long caseId, long personId, String name, String idNumber, boolean idNumberMasked, String phone,
    boolean phoneMasked, String homeDivision, String category, String via, String place,
    OffsetDateTime firstExposure, OffsetDateTime lastExposure, OffsetDateTime createdAt, Long taskId) {
}
