package org.cordon.server.testing;

import java.time.OffsetDateTime;

/** A key-group member as the register lists it; identity number and phone masked per role. */
public record KeyGroupMemberView(long personId, String name, String homeDivision, String idNumber,
    String phone, String group, String workplaceId, String workplaceName, OffsetDateTime since,
    String registeredBy) {
}
