package org.cordon.server.intake;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.cordon.core.exchange.ExchangeSyntax;
import org.cordon.core.exchange.RecordKind;
import org.cordon.server.security.Role;
import org.cordon.server.security.WithCaller;
import org.cordon.server.support.H2TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@SpringBootTest
@WithCaller(role = Role.COMMAND_CENTRE, jurisdiction = "1401")
class IntakeControllerIT {

  static final H2TestDatabase H2 = new H2TestDatabase();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2.register(registry);
  }

  @Autowired
  WebApplicationContext context;
  @Autowired
  IntakeManagement intake;

  MockMvc mvc;

  private static final String PERSONS = """
      person_id,household_id,home_division,id_number,name,phone,lat,lon
      1,1,140105001001,11010519491231002X,"Zhang, San",13800001234,37.85,112.55
      2,1,140105001001,110105194912310038,Li Si,,37.85,112.55
      """;
  private static final String VENUES = """
      venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
      V1,"Market \"\"East\"\"",market,140105001,37.86,112.56,,
      """;

  /** A Datong (1402) resident and venue. */
  private static final String DATONG_PERSON = """
      person_id,household_id,home_division,id_number,name,phone,lat,lon
      90,90,140202001001,140105194912310017,Wang Wu,,40.08,113.29
      """;
  private static final String DATONG_VENUE = """
      venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
      VD1,Datong Station,station,140202001,40.11,113.30,,
      """;

  @BeforeEach
  void city() throws Exception {
    // stored through the Java API with no jurisdiction limit, so that tests of any caller start alike
    for (String[] upload : new String[][] {{"persons", PERSONS}, {"venues", VENUES},
        {"persons", DATONG_PERSON}, {"venues", DATONG_VENUE}}) {
      IntakeReport r = intake.ingest(RecordKind.of(upload[0]), ExchangeSyntax.CSV,
          new ByteArrayInputStream(upload[1].getBytes(StandardCharsets.UTF_8)), false);
      if (!r.stored()) {
        throw new IllegalStateException(r.toString());
      }
    }
    // built here with the security configurer, so @WithCaller reaches the filter chain
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @Test
  void answersAStoredUploadWithItsReport() throws Exception {
    mvc.perform(post("/api/intake/persons").with(csrf()).contentType("text/csv; charset=utf-8").content(PERSONS))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.kind").value("persons"))
        .andExpect(jsonPath("$.lines").value(2))
        .andExpect(jsonPath("$.accepted").value(0))
        .andExpect(jsonPath("$.duplicates").value(2))
        .andExpect(jsonPath("$.rejected").value(0))
        .andExpect(jsonPath("$.errors").isEmpty())
        .andExpect(jsonPath("$.errorsTruncated").value(false));
  }

  @Test
  void answers422WithLineNumberedErrorsWhenAStrictUploadHasBadRows() throws Exception {
    mvc.perform(post("/api/intake/scans").with(csrf()).contentType("text/csv").content("""
            person_id,venue_id,time
            1,V1,2022-03-01T08:00:00+08:00
            2,V2,2022-03-01T08:00:00+08:00
            """))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.accepted").value(0))
        .andExpect(jsonPath("$.rejected").value(1))
        .andExpect(jsonPath("$.errors[0].line").value(3))
        .andExpect(jsonPath("$.errors[0].reason").value(startsWith("unknown venue 'V2'")));
  }

  @Test
  void keepsTheGoodRowsWithPartial() throws Exception {
    mvc.perform(post("/api/intake/scans?partial=true").with(csrf()).contentType("application/x-ndjson")
            .content("{\"person_id\":2,\"venue_id\":\"V1\",\"time\":\"2022-03-02T08:00:00+08:00\"}\n"
                + "{\"person_id\":3,\"venue_id\":\"V1\",\"time\":\"2022-03-02T08:00:00+08:00\"}\n"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted").value(1))
        .andExpect(jsonPath("$.errors[0].line").value(2));
  }

  @Test
  void answersAProblemForAnUnknownKindAndABadHeader() throws Exception {
    mvc.perform(post("/api/intake/cats").with(csrf()).contentType("text/csv").content("a\n1\n"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(startsWith("unknown record kind 'cats'")));
    mvc.perform(post("/api/intake/scans").with(csrf()).contentType("text/csv").content("person_id,venue_id\n"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.line").value(1))
        .andExpect(jsonPath("$.detail").value(startsWith("line 1: header: missing column 'time'")));
  }

  @Test
  void acknowledgesAResentEventAsDuplicate() throws Exception {
    String event = "{\"clientEventId\":\"pos-7:42\",\"person_id\":1,\"venue_id\":\"V1\","
        + "\"time\":\"2022-03-03T08:00:00+08:00\",\"exit_time\":\"2022-03-03T08:30:00+08:00\"}";
    mvc.perform(post("/api/intake/scans/events").with(csrf()).contentType(MediaType.APPLICATION_JSON).content(event))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.duplicate").value(false))
        .andExpect(jsonPath("$.clientEventId").value("pos-7:42"));
    mvc.perform(post("/api/intake/scans/events").with(csrf()).contentType(MediaType.APPLICATION_JSON).content(event))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.duplicate").value(true));
  }

  @Test
  void answersAProblemForABadEvent() throws Exception {
    mvc.perform(post("/api/intake/scans/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
            .content("{\"person_id\":1,\"venue_id\":\"V1\",\"time\":\"yesterday\"}"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.detail").value(startsWith("time 'yesterday' is not ISO-8601")));
    mvc.perform(post("/api/intake/scans/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
            .content("[1]"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.detail").value(startsWith("not a flat JSON object")));
  }

  @Test
  void rejectsAnUploadWithAPersonOutsideTheCallersJurisdiction() throws Exception {
    String body = """
        person_id,household_id,home_division,id_number,name,phone,lat,lon
        31,31,140105001001,140105194912310041,Zhao Liu,,37.85,112.55
        41,41,140202001001,14010519491231005X,Sun Qi,,40.08,113.29
        """;
    mvc.perform(post("/api/intake/persons").with(csrf()).contentType("text/csv").content(body))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.stored").value(false))
        .andExpect(jsonPath("$.accepted").value(0))
        .andExpect(jsonPath("$.errors[0].line").value(3))
        .andExpect(jsonPath("$.errors[0].reason")
            .value("home_division 140202001001 is outside your jurisdiction 1401"));
    mvc.perform(post("/api/intake/persons?partial=true").with(csrf()).contentType("text/csv").content(body))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted").value(1))
        .andExpect(jsonPath("$.rejected").value(1))
        .andExpect(jsonPath("$.errors[0].line").value(3));
  }

  @Test
  @WithCaller(role = Role.INVESTIGATOR, jurisdiction = "1402")
  void scopesUploadsToTheCallersOwnJurisdiction() throws Exception {
    mvc.perform(post("/api/intake/venues").with(csrf()).contentType("text/csv").content(VENUES))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[0].line").value(2))
        .andExpect(jsonPath("$.errors[0].reason").value("division 140105001 is outside your jurisdiction 1402"));
    mvc.perform(post("/api/intake/venues").with(csrf()).contentType("text/csv").content(DATONG_VENUE))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.duplicates").value(1));
  }

  @Test
  void rejectsASingleEventOutsideTheJurisdictionButTakesVisitorsFromElsewhere() throws Exception {
    mvc.perform(post("/api/intake/scans/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
            .content("{\"person_id\":1,\"venue_id\":\"VD1\",\"time\":\"2022-03-04T08:00:00+08:00\"}"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail")
            .value("venue 'VD1' lies in division 140202001, outside your jurisdiction 1401"));
    mvc.perform(post("/api/intake/persons/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
            .content("{\"person_id\":51,\"household_id\":51,\"home_division\":\"140202001001\","
                + "\"id_number\":\"140105194912310068\",\"name\":\"Zhou Ba\"}"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.detail").value("home_division 140202001001 is outside your jurisdiction 1401"));
    // the Datong resident scanned in at a Taiyuan venue, and rode a train
    mvc.perform(post("/api/intake/scans/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
            .content("{\"person_id\":90,\"venue_id\":\"V1\",\"time\":\"2022-03-04T08:00:00+08:00\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.duplicate").value(false));
    mvc.perform(post("/api/intake/trips/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
            .content("{\"person_id\":90,\"trip_id\":\"K601\",\"board_time\":\"2022-03-04T06:00:00+08:00\","
                + "\"alight_time\":\"2022-03-04T07:30:00+08:00\"}"))
        .andExpect(status().isOk());
  }
}
