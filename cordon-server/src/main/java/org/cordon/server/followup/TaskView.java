package org.cordon.server.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * A follow-up task as shown to one caller. {@code idNumber} and {@code phone} are masked as in the
 * persons API unless the caller's role may see them in full; {@code idNumberMasked} and
 * {@code phoneMasked} say which. {@code caseId} is set for a contact traced here,
 * {@code assistRequestId} for one received in an assist request.
 *
 * @param division the community the task is assigned to (the person's home division)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(long taskId, Long caseId, Long assistRequestId, long personId, String name,
    String division, String idNumber, boolean idNumberMasked, String phone, boolean phoneMasked,
    String category, String status, String note, OffsetDateTime createdAt, OffsetDateTime updatedAt,
    String updatedBy) {
}
