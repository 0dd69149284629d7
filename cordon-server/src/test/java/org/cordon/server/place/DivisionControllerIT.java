package org.cordon.server.place;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(DivisionController.class)
@Import(PlaceConfiguration.class)
@WithMockUser
class DivisionControllerIT {

  @Autowired
  private MockMvc mvc;

  @Test
  void showsADivisionWithItsLevelParentAndPath() throws Exception {
    mvc.perform(get("/api/divisions/140105"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.code").value("140105"))
        .andExpect(jsonPath("$.name").value("小店区"))
        .andExpect(jsonPath("$.level").value(3))
        .andExpect(jsonPath("$.parent").value("1401"))
        .andExpect(jsonPath("$.path").value("山西省/太原市/小店区"));
    mvc.perform(get("/api/divisions/14"))
        .andExpect(jsonPath("$.parent").value(nullValue()))
        .andExpect(jsonPath("$.level").value(1));
  }

  @Test
  void acceptsThePaddedGbT2260Form() throws Exception {
    mvc.perform(get("/api/divisions/140100"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.code").value("1401"))
        .andExpect(jsonPath("$.name").value("太原市"));
  }

  @Test
  void listsChildrenSortedByCodeAndAncestorsFromTheProvince() throws Exception {
    mvc.perform(get("/api/divisions/14/children"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(11)))
        .andExpect(jsonPath("$[0].code").value("1401"))
        .andExpect(jsonPath("$[10].name").value("吕梁市"));
    mvc.perform(get("/api/divisions/140105001001/ancestors"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].code").value(org.hamcrest.Matchers.contains("14", "1401", "140105", "140105001")));
  }

  @Test
  void searchesByNameWithExactMatchesFirst() throws Exception {
    mvc.perform(get("/api/divisions").param("q", "小店区").param("limit", "5"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].code").value("140105"));
    mvc.perform(get("/api/divisions").param("q", "城区").param("limit", "3"))
        .andExpect(jsonPath("$", hasSize(3)))
        .andExpect(jsonPath("$[0].name").value("城区"));
  }

  @Test
  void rejectsABadSearch() throws Exception {
    mvc.perform(get("/api/divisions").param("q", " "))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("q must not be blank"));
    mvc.perform(get("/api/divisions").param("q", "太原").param("limit", "0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("limit must be between 1 and 200, got 0"));
    mvc.perform(get("/api/divisions").param("q", "太原").param("limit", "many"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("limit must be an integer, got 'many'"));
    mvc.perform(get("/api/divisions"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400));
  }

  @Test
  void anUnknownCodeIsA404ProblemDetail() throws Exception {
    for (String path : new String[] {"/api/divisions/140199", "/api/divisions/140199/children",
        "/api/divisions/140199/ancestors", "/api/divisions/140199/boundaries"}) {
      mvc.perform(get(path))
          .andExpect(status().isNotFound())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.status").value(404))
          .andExpect(jsonPath("$.title").value("Unknown division"))
          .andExpect(jsonPath("$.detail").value("unknown division 140199"));
    }
  }

  @Test
  void aMalformedCodeIsA400ProblemDetail() throws Exception {
    mvc.perform(get("/api/divisions/14a105"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("division code must be digits only, got '14a105'"));
    mvc.perform(get("/api/divisions/1401051/children"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("division code must have 2, 4, 6, 9 or 12 digits, got '1401051'"));
  }

  @Test
  void servesTheCountyShapesUnderADivisionAsGeoJson() throws Exception {
    mvc.perform(get("/api/divisions/1401/boundaries"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(DivisionController.GEO_JSON))
        .andExpect(header().string("Cache-Control", "max-age=3600"))
        .andExpect(jsonPath("$.type").value("FeatureCollection"))
        .andExpect(jsonPath("$.features", hasSize(10)))
        .andExpect(jsonPath("$.features[0].properties.code").value("140105"))
        .andExpect(jsonPath("$.features[0].properties.name").value("小店区"))
        .andExpect(jsonPath("$.features[0].geometry.type").value("Polygon"));
    mvc.perform(get("/api/divisions/140105001001/boundaries").accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.features", hasSize(1)))
        .andExpect(jsonPath("$.features[0].properties.code").value("140105"));
    mvc.perform(get("/api/divisions/11/boundaries"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("\"features\":[]")));
  }

  @Test
  @WithMockUser(roles = {})
  void anySignedInUserMayRead() throws Exception {
    mvc.perform(get("/api/divisions/14")).andExpect(status().isOk());
  }
}
