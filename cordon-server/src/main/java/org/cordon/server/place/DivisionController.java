package org.cordon.server.place;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.cordon.core.place.CountyBoundaries;
import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The administrative division tree: one division, its children and ancestors, search by name, and the
 * county boundaries under a division as GeoJSON. Codes are accepted in their significant length
 * ({@code 1401}) or GB/T 2260's padded form ({@code 140100}); a malformed code is a 400, an unknown one a 404,
 * both as problem details.
 */
@RestController
@RequestMapping("/api/divisions")
public class DivisionController {

  /** GeoJSON's registered media type (RFC 7946). */
  public static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
  static final int MAX_LIMIT = 200;

  private final DivisionTree tree;
  private final CountyBoundaries boundaries;

  public DivisionController(DivisionTree tree, CountyBoundaries boundaries) {
    this.tree = tree;
    this.boundaries = boundaries;
  }

  /** One division with its level, parent and display path. */
  @GetMapping("/{code}")
  public DivisionView division(@PathVariable String code) {
    return view(known(code));
  }

  /** The divisions directly under one, sorted by code. */
  @GetMapping("/{code}/children")
  public List<DivisionView> children(@PathVariable String code) {
    return views(tree.children(known(code).code()));
  }

  /** The divisions containing one, province first. */
  @GetMapping("/{code}/ancestors")
  public List<DivisionView> ancestors(@PathVariable String code) {
    return views(tree.ancestors(known(code).code()));
  }

  /** Divisions whose name contains {@code q}: exact names first, then prefixes, then the rest. */
  @GetMapping
  public List<DivisionView> search(@RequestParam String q, @RequestParam(defaultValue = "20") int limit) {
    if (q.isBlank()) {
      throw new BadRequest("q must not be blank");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    return views(tree.search(q, limit));
  }

  /**
   * A GeoJSON FeatureCollection of the county shapes under a division (properties code, name, areaKm2);
   * for a township or village, the shape of its county, the finest the data has. Empty where no shapes
   * are shipped (outside Shanxi).
   */
  @GetMapping(value = "/{code}/boundaries", produces = {"application/geo+json", "application/json"})
  public ResponseEntity<String> boundaries(@PathVariable String code) {
    DivisionCode c = known(code).code();
    while (c.level() > 3) {
      c = c.parent();
    }
    // shapes change only with a new release of the shipped data
    return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1))).body(boundaries.geoJson(c));
  }

  private Division known(String text) {
    DivisionCode code;
    try {
      code = DivisionCode.of(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    return tree.find(code).orElseThrow(() -> new UnknownDivision(code));
  }

  private DivisionView view(Division d) {
    return DivisionView.of(d, tree);
  }

  private List<DivisionView> views(List<Division> ds) {
    return ds.stream().map(this::view).toList();
  }

  @ExceptionHandler(UnknownDivision.class)
  ResponseEntity<ProblemDetail> unknown(UnknownDivision e) {
    return problem(HttpStatus.NOT_FOUND, "Unknown division", e.getMessage());
  }

  @ExceptionHandler(BadRequest.class)
  ResponseEntity<ProblemDetail> badRequest(BadRequest e) {
    return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
  }

  @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
  ResponseEntity<ProblemDetail> badParameter(Exception e) {
    String detail = e instanceof MethodArgumentTypeMismatchException m
        ? m.getName() + " must be an integer, got '" + m.getValue() + "'"
        : e.getMessage();
    return problem(HttpStatus.BAD_REQUEST, "Bad request", detail);
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    p.setType(URI.create("about:blank"));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  /** A division code that is well-formed but not in the tree. */
  static final class UnknownDivision extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownDivision(DivisionCode code) {
      super("unknown division " + code);
    }
  }

  /** A malformed request, with what is wrong in its message. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
