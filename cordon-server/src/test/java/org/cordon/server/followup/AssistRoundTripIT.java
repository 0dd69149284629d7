package org.cordon.server.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.CordonServerApplication;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.Caller;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.FixedClock;
import org.cordon.server.security.Residents;
import org.cordon.server.security.Role;
import org.cordon.server.security.WithCaller;
import org.cordon.server.tracing.CaseConfirmation;
import org.cordon.server.tracing.CaseRequest;
import org.cordon.server.support.Ingest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Two instances: A (this test's context, Taiyuan 1401) confirms a case whose contact lives in Datong;
 * B (a second server on its own database and port, deployment Datong 1402, instance cordon-1402)
 * imports A's export over HTTP and lists the contact as a follow-up task. Persons 8500..8599.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssistRoundTripIT {
  static final String DATONG_HOME = "140202001001";

  @Autowired
  MockMvc mvc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  CaseConfirmation confirmation;

  ConfigurableApplicationContext instanceB;
  String b;

  @BeforeAll
  void twoInstances() {
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    FollowUpApiIT.person(persons, 8501, "140105006001");
    FollowUpApiIT.person(persons, 8502, DATONG_HOME);
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        RTIT-CLOSE,火锅店,restaurant,140105006,37.8,112.5,60,close
        """);
    Ingest.csv(intake, RecordKind.SCANS, """
        person_id,venue_id,time,exit_time
        8501,RTIT-CLOSE,2026-11-20T04:00:00Z,2026-11-20T05:00:00Z
        8502,RTIT-CLOSE,2026-11-20T04:10:00Z,2026-11-20T05:10:00Z
        """);
    confirmation.confirm(new Caller("inv-rt", "inv", Role.INVESTIGATOR, DivisionCode.of("1401"), null),
        new CaseRequest(8501L, "2026-11-21T08:00:00+08:00", null));

    instanceB = new SpringApplicationBuilder(CordonServerApplication.class, FixedClock.class)
        // command-line arguments: they win over application.yml, as they would for a real second server
        .run("--server.port=0", "--server.address=127.0.0.1",
            "--spring.datasource.url=jdbc:h2:mem:instance-b-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "--cordon.deployment.jurisdiction=1402", "--cordon.deployment.instance-id=cordon-1402",
            "--cordon.security.bootstrap-admin.username=datong",
            "--cordon.security.bootstrap-admin.password=datong-chief-passphrase",
            "--cordon.security.bootstrap-admin.jurisdiction=1402");
    b = "http://127.0.0.1:" + instanceB.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  void stopB() {
    if (instanceB != null) {
      instanceB.close();
    }
  }

  private HttpResponse<String> atB(HttpRequest.Builder request) throws Exception {
    String basic = Base64.getEncoder().encodeToString(
        "datong:datong-chief-passphrase".getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(request.header("Authorization", "Basic " + basic).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  @WithCaller(name = "inv-rt", role = Role.INVESTIGATOR, jurisdiction = "1401")
  void aExportsBImportsAndBsTaskListShowsTheContact() throws Exception {
    byte[] file = mvc.perform(get("/api/assist-requests/export"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsByteArray();
    String text = new String(file, StandardCharsets.UTF_8);
    assertThat(text).contains(Residents.idNumber("140202", 8502));
    // other classes sharing A's context may have outgoing requests too: B takes the Datong ones
    long datong = text.lines().filter(l -> l.contains("\"home_division\":\"1402")).count();
    assertThat(datong).isPositive();

    HttpResponse<String> imported = atB(HttpRequest.newBuilder(URI.create(b + "/api/assist-requests/import"))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body()).contains("\"accepted\":" + datong, "\"personsCreated\":" + datong,
        "\"stored\":true");

    HttpResponse<String> tasks = atB(HttpRequest.newBuilder(URI.create(b + "/api/tasks?status=open")).GET());
    assertThat(tasks.statusCode()).isEqualTo(200);
    assertThat(tasks.body()).contains("\"total\":" + datong, "\"name\":\"居民8502\"",
        "\"division\":\"" + DATONG_HOME + "\"", "\"category\":\"close\"", "\"assistRequestId\":");

    HttpResponse<String> again = atB(HttpRequest.newBuilder(URI.create(b + "/api/assist-requests/import"))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
    assertThat(again.body()).contains("\"accepted\":0", "\"duplicates\":" + datong);
    HttpResponse<String> incoming = atB(HttpRequest.newBuilder(
        URI.create(b + "/api/assist-requests?direction=incoming")).GET());
    assertThat(incoming.body()).contains("\"total\":" + datong, "\"sourceInstance\":\"cordon-1401\"");
  }
}
