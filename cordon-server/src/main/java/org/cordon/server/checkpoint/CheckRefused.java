package org.cordon.server.checkpoint;

import org.springframework.http.HttpStatus;

/**
 * A check refused for bad input (nothing recorded as an entry): the HTTP status, a short reason code for
 * the device and the audit log ({@code malformed}, {@code truncated}, {@code forged}, {@code wrong_key},
 * {@code expired}, {@code not_yet_valid}, {@code replayed}, {@code unknown_venue}, {@code wrong_venue},
 * {@code unknown_person}, {@code bad_request}) and the detail.
 */
class CheckRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String reason;
  private final Long personId;

  CheckRefused(HttpStatus status, String reason, String detail, Long personId) {
    super(detail);
    this.status = status;
    this.reason = reason;
    this.personId = personId;
  }

  HttpStatus status() {
    return status;
  }

  String reason() {
    return reason;
  }

  Long personId() {
    return personId;
  }
}
