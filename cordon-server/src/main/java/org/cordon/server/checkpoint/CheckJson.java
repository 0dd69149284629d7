package org.cordon.server.checkpoint;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.cordon.core.exchange.FlatJson;
import org.springframework.http.HttpStatus;

/**
 * The check's request and answer bodies, read and written directly. They are flat JSON objects of a
 * few fields, and on the hot path the general machinery (message-converter negotiation, Jackson data
 * binding into a record, a chunked answer) cost more CPU than the check itself; here the request is
 * read with the core's {@link FlatJson} and the answer is written as bytes with a Content-Length.
 * Unknown fields are ignored, as Jackson does by default; a body that is not a flat JSON object, or a
 * field of the wrong type, is a {@link CheckRefused} 400 {@code bad_request} saying which.
 */
final class CheckJson {

  /** A check body is a token of ~80 characters and three small fields; this is far above it. */
  static final int MAX_BODY_BYTES = 8 * 1024;

  private CheckJson() {
  }

  /** Reads the body; null for an empty body (the check then names what is missing). */
  static CheckRequest read(byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      throw bad("the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return null;
    }
    Map<String, String> f;
    try {
      f = FlatJson.parseObject(text);
    } catch (IllegalArgumentException e) {
      throw bad("the body is not a flat JSON object: " + e.getMessage());
    }
    return new CheckRequest(f.get("token"), decimal(f, "temperature"), bool(f, "masked"), bool(f, "staff"),
        f.get("venueId"));
  }

  private static BigDecimal decimal(Map<String, String> f, String name) {
    String v = f.get(name);
    if (v == null) {
      return null;
    }
    try {
      return new BigDecimal(v.strip());
    } catch (NumberFormatException e) {
      throw bad(name + " must be a number, got '" + clip(v) + "'");
    }
  }

  private static Boolean bool(Map<String, String> f, String name) {
    String v = f.get(name);
    if (v == null) {
      return null;
    }
    return switch (v) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw bad(name + " must be true or false, got '" + clip(v) + "'");
    };
  }

  private static String clip(String v) {
    return v.length() > 40 ? v.substring(0, 40) + "..." : v;
  }

  private static CheckRefused bad(String detail) {
    return new CheckRefused(HttpStatus.BAD_REQUEST, "bad_request", detail, null);
  }

  /** The answer as UTF-8 JSON, the fields of {@link CheckAnswer} in order. */
  static byte[] write(CheckAnswer a) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"allowed\":").append(a.allowed());
    field(sb, "reason", a.reason());
    field(sb, "messageZh", a.messageZh());
    field(sb, "messageEn", a.messageEn());
    field(sb, "colour", a.colour());
    field(sb, "tokenColour", a.tokenColour());
    field(sb, "checkedAt", a.checkedAt());
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A problem detail (RFC 9457) with the fields Spring writes for {@code ProblemDetail}, and a reason. */
  static byte[] problem(HttpStatus status, String detail, String instance, String reason) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"type\":\"about:blank\"");
    field(sb, "title", status.getReasonPhrase());
    sb.append(",\"status\":").append(status.value());
    field(sb, "detail", detail);
    field(sb, "instance", instance);
    field(sb, "reason", reason);
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void field(StringBuilder sb, String name, String value) {
    sb.append(",\"").append(name).append("\":");
    if (value == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
