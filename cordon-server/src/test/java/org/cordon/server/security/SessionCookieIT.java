package org.cordon.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.cordon.server.CordonServerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Sign-in over real HTTP, where the session cookie's attributes are visible. */
@SpringBootTest(classes = CordonServerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:cookie-${random.uuid};MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "server.address=127.0.0.1",
        "cordon.security.demo-users=true"})
class SessionCookieIT {

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
    HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"username\":\"command\",\"password\":\"cordon-demo\"}")));
    assertThat(login.statusCode()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Strict");

    String session = cookie.substring(0, cookie.indexOf(';'));
    HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/api/auth/me")).header("Cookie", session));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"username\":\"command\"");
  }

  @Test
  void basicAuthenticationCreatesNoSession() throws Exception {
    String basic = Base64.getEncoder().encodeToString("lab:cordon-demo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/api/auth/me"))
        .header("Authorization", "Basic " + basic));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"role\":\"LAB\"");
    assertThat(me.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void bearerTokensCreateNoSession() throws Exception {
    HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/api/auth/me"))
        .header("Authorization", "Bearer " + AccountSetup.DEMO_DEVICE_TOKEN));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"role\":\"VENUE_DEVICE\"");
    assertThat(me.headers().firstValue("Set-Cookie")).isEmpty();
  }
}
