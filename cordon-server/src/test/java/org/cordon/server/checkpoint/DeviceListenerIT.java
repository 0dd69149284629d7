package org.cordon.server.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.cordon.core.exchange.FlatJson;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.healthcode.CodeTokens;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.security.ApiTokens;
import org.cordon.server.security.CordonWebTest;
import org.cordon.server.security.Residents;
import org.cordon.server.security.Role;
import org.cordon.server.support.Ingest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The venue devices' own listener over real HTTP: a check answered as on the main port (byte for byte
 * for a refusal), durable and a venue scan when allowed; refusals audited; no, unknown or wrong-role
 * tokens, other paths and methods, and oversized bodies refused with nothing recorded; many checks on
 * one kept-alive connection, pipelined checks answered in order. Persons 8751..8769 and venues DLIT-* belong to this test.
 */
@CordonWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceListenerIT {

  static final String STREET = "140105006001";

  @Autowired
  DeviceListener listener;
  @Autowired
  MockMvc mvc;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IntakeManagement intake;
  @Autowired
  CodeTokens tokens;
  @Autowired
  ApiTokens apiTokens;

  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  String gate;
  String lab;

  @BeforeAll
  void venuesPersonsAndDevices() {
    StringBuilder persons = new StringBuilder("person_id,household_id,home_division,id_number,name,"
        + "phone,lat,lon\n");
    for (long id = 8751; id <= 8769; id++) {
      persons.append(id).append(',').append(id).append(',').append(STREET).append(',')
          .append(Residents.idNumber("140105", id)).append(",居民").append(id).append(",13800001234,37.8,112.5\n");
    }
    Ingest.csv(intake, RecordKind.PERSONS, persons.toString());
    Ingest.csv(intake, RecordKind.VENUES, """
        venue_id,name,kind,division,lat,lon,dwell_minutes,contact_class
        DLIT-GATE,小店菜市场,market,140105006,37.8,112.5,30,key
        """);
    DivisionCode taiyuan = DivisionCode.of("1401");
    gate = apiTokens.issue("dlit gate", Role.VENUE_DEVICE, taiyuan, "DLIT-GATE", "test").secret();
    lab = apiTokens.issue("dlit lab", Role.LAB, taiyuan, null, "test").secret();
  }

  private HttpResponse<String> send(String method, String path, String device, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (device != null) {
      b.header("Authorization", "Bearer " + device);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> check(String device, String token) throws Exception {
    return send("POST", "/api/checkpoint/check", device, body(token));
  }

  private static String body(String token) {
    return "{\"token\":\"" + token + "\",\"temperature\":36.5,\"masked\":true}";
  }

  private static Map<String, String> json(HttpResponse<String> r) {
    return FlatJson.parseObject(r.body());
  }

  private int count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Integer.class, args);
  }

  @Test
  void theListenerIsOnAFreePortOfTheServersAddress() {
    assertThat(listener.isRunning()).isTrue();
    assertThat(listener.port()).isPositive();
  }

  @Autowired
  CheckResponder responder;
  @Autowired
  Checkpoint checkpoint;

  @Test
  void aTakenPortIsAClearErrorAndLeavesNoThreadBehind() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      CheckpointProperties onTaken = new CheckpointProperties(null, null, null, null, null, null, null,
          taken.getLocalPort(), 1, null, null, null, null, null);
      DeviceListener second = new DeviceListener(responder, checkpoint, apiTokens, onTaken, "127.0.0.1");
      long loopsBefore = loopThreads();
      assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("could not bind 127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("cordon.checkpoint.device-port");
      assertThat(second.isRunning()).isFalse();
      // the failed start's event loops are gone (they are not daemons: they would hold the JVM)
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (loopThreads() > loopsBefore && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(loopThreads()).isLessThanOrEqualTo(loopsBefore);
    }
  }

  private static long loopThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()
        && t.getName().startsWith("multiThreadIoEventLoopGroup")).count();
  }

  @Test
  void aGreenCodeEntersDurablyAsAVenueScanAndTheSameTokenIsThenAReplay() throws Exception {
    String token = tokens.issue(8751, CodeColour.GREEN).text();
    HttpResponse<String> r = check(gate, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(r)).containsEntry("allowed", "true").containsEntry("reason", "green")
        .containsEntry("messageZh", "绿码，请通行").containsEntry("colour", "green");
    // acknowledged means stored: the row and its venue scan are there when the answer arrives
    assertThat(count("select count(*) from checkpoint_check where person_id = 8751 and venue_id = "
        + "'DLIT-GATE' and allowed")).isEqualTo(1);
    assertThat(count("select count(*) from venue_scan where person_id = 8751 and venue_id = 'DLIT-GATE'"))
        .isEqualTo(1);
    String audited = "select count(*) from audit_log where action = 'checkpoint.refused' and person_id = 8751 "
        + "and outcome = 'replayed' and endpoint = 'POST /api/checkpoint/check' and client_ip = '127.0.0.1'";
    assertThat(count(audited)).isZero();
    HttpResponse<String> again = check(gate, token);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(again)).containsEntry("reason", "replayed").containsEntry("status", "409");
    assertThat(count("select count(*) from checkpoint_check where person_id = 8751")).isEqualTo(1);
    assertThat(count(audited)).isEqualTo(1);
  }

  @Test
  void aRefusalReadsByteForByteAsOnTheMainPort() throws Exception {
    String forged = forge(tokens.issue(8752, CodeColour.GREEN).text());
    HttpResponse<String> device = check(gate, forged);
    MvcResult main = mvc.perform(post("/api/checkpoint/check").header("Authorization", "Bearer " + gate)
        .contentType(MediaType.APPLICATION_JSON).content(body(forged))).andReturn();
    assertThat(device.statusCode()).isEqualTo(422).isEqualTo(main.getResponse().getStatus());
    assertThat(device.body()).isEqualTo(main.getResponse().getContentAsString(StandardCharsets.UTF_8));
    assertThat(json(device)).containsEntry("reason", "forged");
    assertThat(count("select count(*) from checkpoint_check where person_id = 8752")).isZero();
  }

  @Test
  void withoutAValidDeviceTokenNothingIsChecked() throws Exception {
    String token = tokens.issue(8753, CodeColour.GREEN).text();
    HttpResponse<String> none = check(null, token);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(check("cdn_not_a_token", token).statusCode()).isEqualTo(401);
    HttpResponse<String> wrongRole = check(lab, token);
    assertThat(wrongRole.statusCode()).isEqualTo(403);
    assertThat(json(wrongRole)).containsEntry("reason", "forbidden");
    assertThat(count("select count(*) from checkpoint_check where person_id = 8753")).isZero();
    // the token was not spent by the refused calls: the device itself may still check it
    assertThat(check(gate, token).statusCode()).isEqualTo(200);
  }

  @Test
  void otherPathsMethodsAndOversizedOrMalformedBodiesAreRefused() throws Exception {
    assertThat(send("POST", "/api/cases", gate, "{}").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/checkpoint/check", gate, null).statusCode()).isEqualTo(405);
    HttpResponse<String> malformed = send("POST", "/api/checkpoint/check", gate, "{\"token\":");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed)).containsEntry("reason", "bad_request");
    String huge = "{\"token\":\"" + "A".repeat(CheckJson.MAX_BODY_BYTES + 10) + "\"}";
    assertThat(send("POST", "/api/checkpoint/check", gate, huge).statusCode()).isEqualTo(413);
  }

  @Test
  void manyChecksTravelOnOneKeptAliveConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", listener.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (long person = 8760; person <= 8769; person++) {
        byte[] body = body(tokens.issue(person, CodeColour.GREEN).text()).getBytes(StandardCharsets.UTF_8);
        out.write(("POST /api/checkpoint/check HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + gate
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200");
        int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
        assertThat(new String(in.readNBytes(length), StandardCharsets.UTF_8)).contains("\"allowed\":true");
      }
    }
    assertThat(count("select count(*) from venue_scan where venue_id = 'DLIT-GATE' and person_id between "
        + "8760 and 8769")).isEqualTo(10);
  }

  @Test
  void pipelinedChecksAreAnsweredInTheOrderTheyWereSent() throws Exception {
    // a device token not seen yet is looked up off the event loop and the check then waits for its
    // commit; the 405 and 404 behind it are ready at once, and must still come after its answer
    String fresh = apiTokens.issue("dlit pipelined", Role.VENUE_DEVICE, DivisionCode.of("1401"), "DLIT-GATE",
        "test").secret();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(request("POST", "/api/checkpoint/check", fresh, body(tokens.issue(8754, CodeColour.GREEN).text())));
    all.write(request("GET", "/api/checkpoint/check", fresh, ""));
    all.write(request("POST", "/api/checkpoint/check", fresh, body(tokens.issue(8755, CodeColour.GREEN).text())));
    all.write(request("POST", "/api/elsewhere", fresh, "{}"));
    try (Socket socket = new Socket("127.0.0.1", listener.port())) {
      socket.getOutputStream().write(all.toByteArray());
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      for (String expected : new String[] {"HTTP/1.1 200", "HTTP/1.1 405", "HTTP/1.1 200", "HTTP/1.1 404"}) {
        String head = readHead(in);
        assertThat(head).startsWith(expected);
        in.readNBytes(Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1")));
      }
    }
  }

  @Test
  void anAnswerReadyAtOnceNeverOvertakesACheckCommittedJustBefore() throws Exception {
    // a check's answer is completed by a journal thread while the next request, refused at once, is
    // read on the event loop: sent in separate packets at varying offsets, the refusal must still follow
    java.util.Random random = new java.util.Random(8756);
    try (Socket socket = new Socket("127.0.0.1", listener.port())) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < 150; i++) {
        out.write(request("POST", "/api/checkpoint/check", gate, body(tokens.issue(8756, CodeColour.GREEN).text())));
        out.flush();
        java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(3_000_000));
        out.write(request("POST", "/api/elsewhere", gate, "{}"));
        out.flush();
      }
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 300; i++) {
        String head = readHead(in);
        assertThat(head.startsWith("HTTP/1.1 404")).as("answer %d: %s", i, head).isEqualTo(i % 2 == 1);
        in.readNBytes(Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1")));
      }
    }
  }

  private static byte[] request(String method, String path, String device, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + device
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  private static String forge(String good) {
    char c = good.charAt(20);
    return good.substring(0, 20) + (c == 'A' ? 'B' : 'A') + good.substring(21);
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IllegalStateException("connection closed after: " + sb);
      }
      sb.append((char) b);
    }
    return sb.toString();
  }
}
