package org.cordon.server.healthcode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.HealthCode;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The resident's side: sign in with an identity number and a one-time code, then read one's own code
 * with a fresh QR token. The page is {@code /resident/} (static, mobile-first).
 */
@RestController
@RequestMapping("/api/resident")
@Tag(name = "resident", description = "A resident's own health code and QR token")
public class ResidentController {

  /** Body of {@code POST /api/resident/login/code}. */
  public record CodeRequest(String idNumber) {
  }

  /** Body of {@code POST /api/resident/login}. */
  public record Login(String idNumber, String code) {
  }

  /** Body of {@code POST /api/resident/antigen-tests}: one's own rapid antigen test. */
  public record AntigenReport(String testedAt, String result) {
  }

  private final ResidentLogins logins;
  private final HealthCodeManagement codes;
  private final CodeTokens tokens;
  private final HttpSessionSecurityContextRepository sessions;
  private final org.cordon.server.testing.AntigenTests antigen;

  ResidentController(ResidentLogins logins, HealthCodeManagement codes, CodeTokens tokens,
      HttpSessionSecurityContextRepository sessions, org.cordon.server.testing.AntigenTests antigen) {
    this.antigen = antigen;
    this.logins = logins;
    this.codes = codes;
    this.tokens = tokens;
    this.sessions = sessions;
  }

  @PostMapping("/login/code")
  @Operation(summary = "Send a one-time sign-in code to the phone on record",
      description = "202 whether or not the identity number is registered (the answer does not tell). "
          + "In the demo the code is also in the answer (demoCode) and the server log. 400 for an "
          + "identity number that is not valid.")
  public ResponseEntity<Map<String, Object>> requestCode(@RequestBody(required = false) CodeRequest body) {
    if (body == null || body.idNumber() == null) {
      throw new HealthCodeProblem(HttpStatus.BAD_REQUEST, "idNumber is required");
    }
    Optional<String> code = logins.requestCode(body.idNumber());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sent", true);
    answer.put("validSeconds", ResidentLogins.LIFETIME.toSeconds());
    code.ifPresent(c -> answer.put("demoCode", c));
    return ResponseEntity.accepted().body(answer);
  }

  @PostMapping("/login")
  @Operation(summary = "Sign in as a resident; the answer sets the session cookie",
      description = "401 when the identity number and code do not match (codes live 5 minutes, one use, "
          + "5 tries).")
  public Map<String, Object> login(@RequestBody(required = false) Login body, HttpServletRequest request,
      HttpServletResponse response) {
    if (body == null || body.idNumber() == null || body.code() == null) {
      throw new HealthCodeProblem(HttpStatus.BAD_REQUEST, "idNumber and code are required");
    }
    ResidentLogins.Resident r = logins.signIn(body.idNumber(), body.code()).orElseThrow(() ->
        new HealthCodeProblem(HttpStatus.UNAUTHORIZED, "identity number and code do not match, or the "
            + "code has expired; ask for a new code"));
    Caller caller = new Caller(Residents.PREFIX + r.personId(), mask(r.name()), Role.RESIDENT,
        new DivisionCode(r.homeDivision()), null);
    HttpSession existing = request.getSession(false);
    if (existing != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        caller.authorities()));
    SecurityContextHolder.setContext(context);
    sessions.saveContext(context, request, response);
    return Map.of("personId", r.personId(), "name", caller.displayName());
  }

  @GetMapping("/code")
  @Operation(summary = "My code with a fresh signed QR token (and the QR drawn as SVG)",
      description = "The token is valid for the policy's token-validity-seconds; the page fetches a new "
          + "one before it expires.")
  public Map<String, Object> code(Caller caller) {
    long personId = Residents.personOf(caller);
    HealthCode code = codes.code(personId);
    CodeTokens.Issued token = tokens.issue(personId, code.colour());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", caller.displayName());
    answer.put("code", CodeView.of(code));
    answer.put("token", token.text());
    answer.put("tokenExpiresAt", IsoTime.format(token.token().expiresAt()));
    answer.put("qrSvg", QrSvg.of(token.text(), css(code.colour())));
    return answer;
  }

  @PostMapping("/antigen-tests")
  @Operation(summary = "Report my own rapid antigen test (自测抗原)",
      description = "testedAt ISO-8601 with offset, not in the future; result positive|negative|invalid (or "
          + "阳性/阴性/无效). Stored as self-reported (recorded by resident:<id>); it counts for key-group "
          + "schedules that accept antigen tests and reaches the health code at once. 201 with the code after "
          + "it, 400 for a bad field.")
  public ResponseEntity<Map<String, Object>> reportAntigen(@RequestBody(required = false) AntigenReport body,
      Caller caller) {
    long personId = Residents.personOf(caller);
    if (body == null) {
      throw new HealthCodeProblem(HttpStatus.BAD_REQUEST, "the body must be {testedAt, result}");
    }
    int recorded;
    try {
      recorded = antigen.record(caller, List.of(new org.cordon.server.testing.AntigenTestRequest(personId,
          body.testedAt(), body.result())));
    } catch (org.cordon.server.testing.TestingProblem e) {
      throw new HealthCodeProblem(e.status(), e.getMessage().replaceFirst("^tests\\[0\\]: ", ""));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("recorded", recorded);
    answer.put("code", CodeView.of(codes.code(personId)));
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  static String css(CodeColour colour) {
    return switch (colour) {
      case GREEN -> "#1a7f37";
      case YELLOW -> "#b58100";
      case RED -> "#c62828";
    };
  }

  /** 张三 → 张*, 欧阳娜娜 → 欧***: shown on the page, which a bystander may see. */
  private static String mask(String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
  }
}
