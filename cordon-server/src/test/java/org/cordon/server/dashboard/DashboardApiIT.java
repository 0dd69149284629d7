package org.cordon.server.dashboard;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.server.security.AccountSetup;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.FixedClock;
import org.cordon.server.security.Residents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Counts under 万柏林区 (140109) and 晋源区 (140110), which no other test writes to. */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiIT {

  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcClient jdbc;

  @BeforeAll
  void aSmallCity() {
    Residents.insert(jdbc, 8001, "140109001001");
    Residents.insert(jdbc, 8002, "140109001001");
    Residents.insert(jdbc, 8003, "140109001002");
    Residents.insert(jdbc, 8004, "140109002");
    Residents.insert(jdbc, 8005, "140110001001");
    Residents.insert(jdbc, 8006, "140110001001");
    Residents.insert(jdbc, 8007, "140109"); // known only to county level
    venue("D-V1", "140109001");
    venue("D-V2", "140109002");
    venue("D-V3", "140110001");
    // "today" is 2026-11-23 in Asia/Shanghai (FixedClock: 10:00 there)
    scan(8001, "D-V1", "2026-11-23T08:00:00+08:00");
    scan(8002, "D-V1", "2026-11-22T16:30:00Z"); // 00:30 on the 23rd in Shanghai: today
    scan(8004, "D-V2", "2026-11-23T09:00:00+08:00");
    scan(8005, "D-V3", "2026-11-23T09:30:00+08:00");
    scan(8003, "D-V1", "2026-11-22T23:59:59+08:00"); // yesterday
    scan(8003, "D-V2", "2026-11-24T00:00:00+08:00"); // tomorrow
  }

  private void venue(String id, String division) {
    jdbc.sql("insert into venue (venue_id, name, kind, division, lat, lon, dwell_minutes, "
        + "contact_class) values (?, ?, 'restaurant', ?, 37.8, 112.5, 60, 'close')")
        .params(id, "餐馆 " + id, division).update();
  }

  private void scan(long person, String venue, String time) {
    jdbc.sql("insert into venue_scan (person_id, venue_id, scan_time) values (?, ?, ?)")
        .params(person, venue, OffsetDateTime.parse(time)).update();
  }

  private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder r) {
    return r.with(httpBasic(user, AccountSetup.DEMO_PASSWORD));
  }

  @Test
  void theFixedClockIsWhereTheTestThinksItIs() {
    org.assertj.core.api.Assertions.assertThat(FixedClock.NOW.toLocalDate())
        .isEqualTo(java.time.LocalDate.of(2026, 11, 23));
  }

  @Test
  void countsACountyAndEachOfItsStreets() throws Exception {
    int streets = DivisionTree.shipped().children(new DivisionCode("140109")).size();
    mvc.perform(as("command", get("/api/dashboard/summary").param("division", "140109")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.division").value("140109"))
        .andExpect(jsonPath("$.name").value("万柏林区"))
        .andExpect(jsonPath("$.persons").value(5))
        .andExpect(jsonPath("$.venues").value(2))
        .andExpect(jsonPath("$.scansToday").value(3))
        // every street of the district, with zeros where nothing happens
        .andExpect(jsonPath("$.children", hasSize(streets)))
        .andExpect(jsonPath("$.children[0].code").value("140109001"))
        .andExpect(jsonPath("$.children[0].persons").value(3))
        .andExpect(jsonPath("$.children[0].venues").value(1))
        .andExpect(jsonPath("$.children[0].scansToday").value(2))
        .andExpect(jsonPath("$.children[1].code").value("140109002"))
        .andExpect(jsonPath("$.children[1].persons").value(1))
        .andExpect(jsonPath("$.children[1].venues").value(1))
        .andExpect(jsonPath("$.children[1].scansToday").value(1))
        .andExpect(jsonPath("$.children[2].persons").value(0))
        .andExpect(jsonPath("$.children[2].scansToday").value(0));
  }

  @Test
  void groupsTheCityByCounty() throws Exception {
    mvc.perform(as("investigator", get("/api/dashboard/summary")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.division").value("1401"))
        .andExpect(jsonPath("$.name").value("太原市"))
        .andExpect(jsonPath("$.children[?(@.code == '140109')].name").value("万柏林区"))
        .andExpect(jsonPath("$.children[?(@.code == '140109')].persons").value(5))
        .andExpect(jsonPath("$.children[?(@.code == '140109')].scansToday").value(3))
        .andExpect(jsonPath("$.children[?(@.code == '140110')].persons").value(2))
        .andExpect(jsonPath("$.children[?(@.code == '140110')].venues").value(1))
        .andExpect(jsonPath("$.children[?(@.code == '140110')].scansToday").value(1));
  }

  @Test
  void aCommunityHasNoChildren() throws Exception {
    mvc.perform(as("command", get("/api/dashboard/summary").param("division", "140109001001")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.persons").value(2))
        .andExpect(jsonPath("$.venues").value(0))
        .andExpect(jsonPath("$.children", hasSize(0)));
  }

  @Test
  void defaultsToTheCallersJurisdictionAndRefusesOthers() throws Exception {
    mvc.perform(as("community", get("/api/dashboard/summary")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.division").value("140105006"));
    mvc.perform(as("community", get("/api/dashboard/summary").param("division", "140109")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(
            "division 140109 is outside your jurisdiction 140105006"));
    mvc.perform(as("command", get("/api/dashboard/summary").param("division", "1402")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("division 1402 is outside your jurisdiction 1401"));
  }
}
