package org.cordon.server.place;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(DivisionController.class)
@Import(PlaceConfiguration.class)
class DivisionControllerAnonymousIT {

  @Autowired
  private MockMvc mvc;

  @Test
  void refusesAnAnonymousCaller() throws Exception {
    mvc.perform(get("/api/divisions/14")).andExpect(status().isUnauthorized());
  }
}
