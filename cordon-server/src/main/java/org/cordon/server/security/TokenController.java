package org.cordon.server.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.cordon.core.place.DivisionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API tokens of devices and labs, managed by the command centre within its jurisdiction. */
@RestController
@RequestMapping("/api/tokens")
@Tag(name = "tokens", description = "API tokens of venue devices and labs (COMMAND_CENTRE)")
public class TokenController {

  /**
   * Body of {@code POST /api/tokens}: {@code jurisdiction} defaults to the creator's; {@code venueId} is
   * required for {@code VENUE_DEVICE} and not allowed for {@code LAB}.
   */
  public record NewToken(String label, String role, String jurisdiction, String venueId) {
  }

  /** A created token: {@code token} is the secret, shown this once. */
  public record Created(ApiToken info, String token) {
  }

  private final ApiTokens tokens;

  public TokenController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a token; the secret is in the answer and never shown again")
  public Created create(@RequestBody NewToken body, Caller caller) {
    if (body == null || body.role() == null) {
      throw new IllegalArgumentException("role is required (VENUE_DEVICE or LAB)");
    }
    DivisionCode jurisdiction = body.jurisdiction() == null ? caller.jurisdiction()
        : caller.scope().require(DivisionCode.of(body.jurisdiction()));
    String venue = body.venueId() == null || body.venueId().isBlank() ? null : body.venueId().strip();
    ApiTokens.Issued issued = tokens.issue(body.label(), Role.parse(body.role()), jurisdiction, venue,
        caller.name());
    return new Created(issued.token(), issued.secret());
  }

  @GetMapping
  @Operation(summary = "Tokens in the caller's jurisdiction, newest first (without secrets)")
  public List<ApiToken> list(Caller caller) {
    return tokens.list(caller.scope());
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke a token; 404 if unknown, outside the jurisdiction or already revoked")
  public ResponseEntity<Void> revoke(@PathVariable String id, Caller caller) {
    boolean inScope = tokens.find(id).filter(t -> caller.scope().contains(t.jurisdiction()))
        .isPresent();
    if (!inScope || !tokens.revoke(id)) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.noContent().build();
  }
}
