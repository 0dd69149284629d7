package org.cordon.server.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** {@link WithCaller} gives controllers the caller they expect, and the route table still applies. */
@CordonWebTest
class WithCallerIT {

  @Autowired
  MockMvc mvc;

  @Test
  @WithCaller(name = "zhang", role = Role.COMMUNITY_WORKER, jurisdiction = "140105001")
  void actsAsTheGivenCaller() throws Exception {
    mvc.perform(get("/api/auth/me"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.username").value("zhang"))
        .andExpect(jsonPath("$.role").value("COMMUNITY_WORKER"))
        .andExpect(jsonPath("$.jurisdiction").value("140105001"));
    mvc.perform(get("/api/dashboard/summary").param("division", "140106"))
        .andExpect(status().isForbidden());
  }

  @Test
  @WithCaller(role = Role.VENUE_DEVICE, venueId = "V1")
  void devicesStillMeetTheRouteTable() throws Exception {
    mvc.perform(get("/api/persons")).andExpect(status().isForbidden());
  }
}
