package org.cordon.server.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for the command centre: reads by users within its jurisdiction. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit", description = "Who read whose personal data (COMMAND_CENTRE)")
public class AuditController {

  private final AuditLog audit;

  public AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @GetMapping
  @Operation(summary = "Audit entries, newest first, optionally by person and by user")
  public List<AuditEntry> search(@RequestParam(required = false) Long personId,
      @RequestParam(required = false) String user, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size, Caller caller) {
    Paging paging = new Paging(page, size);
    return audit.search(caller.scope(), personId, user, paging.offset(), paging.size());
  }
}
