package org.cordon.server.security;

import static org.cordon.server.security.Permission.CHECK_ENTRIES;
import static org.cordon.server.security.Permission.ASSIST_REQUESTS;
import static org.cordon.server.security.Permission.COLLECT_SAMPLES;
import static org.cordon.server.security.Permission.CONFIRM_CASES;
import static org.cordon.server.security.Permission.FOLLOW_UP;
import static org.cordon.server.security.Permission.INTAKE;
import static org.cordon.server.security.Permission.MANAGE_TESTING;
import static org.cordon.server.security.Permission.MANAGE_TOKENS;
import static org.cordon.server.security.Permission.READ_AUDIT;
import static org.cordon.server.security.Permission.READ_CASES;
import static org.cordon.server.security.Permission.READ_CASE_CONTACTS;
import static org.cordon.server.security.Permission.READ_DASHBOARD;
import static org.cordon.server.security.Permission.READ_HEALTH_CODES;
import static org.cordon.server.security.Permission.READ_PERSONS;
import static org.cordon.server.security.Permission.RECORD_HEALTH_FACTS;
import static org.cordon.server.security.Permission.RESIDENT_SELF;
import static org.cordon.server.security.Permission.READ_TESTING;
import static org.cordon.server.security.Permission.READ_TESTING_PERSONS;
import static org.cordon.server.security.Permission.REPORT_RESULTS;
import static org.cordon.server.security.Permission.SEE_FULL_IDENTITY_NUMBER;
import static org.cordon.server.security.Permission.SEE_FULL_PHONE;
import static org.cordon.server.security.Permission.SEND_SCAN_EVENTS;
import static org.cordon.server.security.Permission.SWITCH_HEALTH_CODE_POLICY;
import static org.cordon.server.security.Permission.USE_CONSOLE;
import static org.cordon.server.security.Role.COMMAND_CENTRE;
import static org.cordon.server.security.Role.COMMUNITY_WORKER;
import static org.cordon.server.security.Role.FACILITY_MANAGER;
import static org.cordon.server.security.Role.INVESTIGATOR;
import static org.cordon.server.security.Role.LAB;
import static org.cordon.server.security.Role.RESIDENT;
import static org.cordon.server.security.Role.VENUE_DEVICE;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * The access policy as data: which role holds which {@link Permission}, and which permission each API
 * route needs. The security filter chain is built from {@link #routes()}, and controllers ask
 * {@link #allows(Role, Permission)} for data-level decisions such as unmasking identity numbers, so this
 * one table is the whole policy.
 */
public final class AccessPolicy {

  /**
   * A route: requests with {@code method} (null: any method) whose path matches {@code pattern} (Spring
   * path pattern; {@code /x/**} also matches {@code /x}) need {@code permission}, or only to be
   * authenticated when {@code permission} is null. The first matching route wins.
   */
  public record Route(HttpMethod method, String pattern, Permission permission) {
  }

  private static final Set<Role> CONSOLE =
      EnumSet.of(COMMAND_CENTRE, INVESTIGATOR, COMMUNITY_WORKER, FACILITY_MANAGER);

  /** The policy Cordon runs with. */
  public static final AccessPolicy STANDARD = new AccessPolicy(grants(), List.of(
      new Route(HttpMethod.POST, "/api/intake/scans/events", SEND_SCAN_EVENTS),
      new Route(null, "/api/intake/**", INTAKE),
      new Route(null, "/api/auth/**", null),
      new Route(null, "/api/divisions/**", null),
      new Route(null, "/api/persons/**", READ_PERSONS),
      new Route(null, "/api/dashboard/**", READ_DASHBOARD),
      new Route(null, "/api/tokens/**", MANAGE_TOKENS),
      new Route(null, "/api/audit/**", READ_AUDIT),
      new Route(HttpMethod.POST, "/api/cases", CONFIRM_CASES),
      new Route(HttpMethod.GET, "/api/cases/*/contacts", READ_CASE_CONTACTS),
      new Route(HttpMethod.GET, "/api/cases/*/contacts.csv", READ_CASE_CONTACTS),
      new Route(HttpMethod.GET, "/api/cases/*/contacts.xlsx", READ_CASE_CONTACTS),
      new Route(HttpMethod.GET, "/api/cases", READ_CASES),
      // the case page: details, itinerary, transmission graph, evidence of a link
      new Route(HttpMethod.GET, "/api/cases/*", READ_CASES),
      new Route(HttpMethod.GET, "/api/cases/*/itinerary", READ_CASES),
      new Route(HttpMethod.GET, "/api/cases/*/graph", READ_CASES),
      new Route(HttpMethod.GET, "/api/cases/*/contacts/*/evidence", READ_CASES),
      new Route(null, "/api/cases/**", CONFIRM_CASES),
      // health codes and venue checkpoints (issue 4)
      new Route(HttpMethod.POST, "/api/checkpoint/check", CHECK_ENTRIES),
      new Route(HttpMethod.POST, "/api/health-codes/facts", RECORD_HEALTH_FACTS),
      new Route(HttpMethod.GET, "/api/health-codes/stream", READ_HEALTH_CODES),
      new Route(HttpMethod.PUT, "/api/health-codes/policy", SWITCH_HEALTH_CODE_POLICY),
      new Route(HttpMethod.GET, "/api/health-codes/policy", USE_CONSOLE),
      new Route(HttpMethod.GET, "/api/health-codes/*", READ_HEALTH_CODES),
      new Route(null, "/api/resident/**", RESIDENT_SELF),
      new Route(null, "/api/tasks/**", FOLLOW_UP),
      new Route(null, "/api/assist-requests/**", ASSIST_REQUESTS),
      // mass testing (issue 5)
      new Route(HttpMethod.POST, "/api/testing/campaigns", MANAGE_TESTING),
      new Route(HttpMethod.POST, "/api/testing/sites", MANAGE_TESTING),
      new Route(HttpMethod.POST, "/api/testing/campaigns/*/missed/tasks", MANAGE_TESTING),
      new Route(HttpMethod.POST, "/api/testing/samples", COLLECT_SAMPLES),
      new Route(HttpMethod.POST, "/api/testing/tubes", COLLECT_SAMPLES),
      new Route(HttpMethod.POST, "/api/testing/tubes/*/close", COLLECT_SAMPLES),
      new Route(HttpMethod.POST, "/api/testing/tubes/*/received", REPORT_RESULTS),
      new Route(HttpMethod.POST, "/api/testing/results", REPORT_RESULTS),
      new Route(HttpMethod.POST, "/api/fhir/Bundle", REPORT_RESULTS),
      new Route(HttpMethod.GET, "/api/testing/campaigns/*/missed", READ_TESTING_PERSONS),
      new Route(HttpMethod.GET, "/api/testing/campaigns/*/missed.xlsx", READ_TESTING_PERSONS),
      new Route(HttpMethod.GET, "/api/testing/tasks", READ_TESTING_PERSONS),
      new Route(HttpMethod.GET, "/api/testing/key-groups/members", READ_TESTING_PERSONS),
      new Route(HttpMethod.GET, "/api/testing/key-groups/compliance", READ_TESTING_PERSONS),
      new Route(HttpMethod.POST, "/api/testing/antigen-tests", COLLECT_SAMPLES),
      new Route(HttpMethod.GET, "/api/testing/**", READ_TESTING),
      new Route(null, "/api/testing/**", MANAGE_TESTING),
      new Route(null, "/api/fhir/**", REPORT_RESULTS),
      new Route(null, "/api/**", USE_CONSOLE)));

  private static Map<Permission, Set<Role>> grants() {
    Map<Permission, Set<Role>> g = new EnumMap<>(Permission.class);
    g.put(INTAKE, EnumSet.of(COMMAND_CENTRE, INVESTIGATOR));
    g.put(SEND_SCAN_EVENTS, EnumSet.of(VENUE_DEVICE, COMMAND_CENTRE, INVESTIGATOR));
    g.put(READ_PERSONS, CONSOLE);
    // Investigators trace contacts by identity number and call them; community workers call the
    // residents they look after but have no need for identity numbers; the command centre works on
    // aggregates and unmasks nothing.
    g.put(SEE_FULL_IDENTITY_NUMBER, EnumSet.of(INVESTIGATOR));
    g.put(SEE_FULL_PHONE, EnumSet.of(INVESTIGATOR, COMMUNITY_WORKER));
    g.put(READ_DASHBOARD, CONSOLE);
    g.put(USE_CONSOLE, CONSOLE);
    g.put(MANAGE_TOKENS, EnumSet.of(COMMAND_CENTRE));
    g.put(READ_AUDIT, EnumSet.of(COMMAND_CENTRE));
    // Investigators and the command centre confirm cases; community workers follow up the contacts
    // living in their community, so they read contact lists (scoped) but neither confirm nor list cases.
    g.put(CONFIRM_CASES, EnumSet.of(COMMAND_CENTRE, INVESTIGATOR));
    g.put(READ_CASES, EnumSet.of(COMMAND_CENTRE, INVESTIGATOR));
    g.put(READ_CASE_CONTACTS, EnumSet.of(COMMAND_CENTRE, INVESTIGATOR, COMMUNITY_WORKER));
    // Health codes: console roles read codes in their jurisdiction (community workers follow their
    // residents' codes); a resident reads only their own, which the controller enforces (403 + audit).
    // Facts by hand come from the command centre and labs (test results) until their own capabilities
    // (isolation, testing) publish them; only venue devices check codes at a door.
    g.put(READ_HEALTH_CODES, EnumSet.of(COMMAND_CENTRE, INVESTIGATOR, COMMUNITY_WORKER,
        FACILITY_MANAGER, RESIDENT));
    g.put(RECORD_HEALTH_FACTS, EnumSet.of(COMMAND_CENTRE, LAB));
    // Switching the policy re-colours everybody: the command centre only (the strongest role; the
    // controller also wants its jurisdiction to cover the deployment's).
    g.put(SWITCH_HEALTH_CODE_POLICY, EnumSet.of(COMMAND_CENTRE));
    g.put(CHECK_ENTRIES, EnumSet.of(VENUE_DEVICE));
    g.put(RESIDENT_SELF, EnumSet.of(RESIDENT));
    // Communities work their follow-up tasks; investigators and the command centre see and move them
    // too. Assist requests cross to other instances, which is the investigators' and command's call.
    g.put(FOLLOW_UP, EnumSet.of(COMMAND_CENTRE, INVESTIGATOR, COMMUNITY_WORKER));
    g.put(ASSIST_REQUESTS, EnumSet.of(COMMAND_CENTRE, INVESTIGATOR));
    // Mass testing: the command centre sets campaigns and sites up; community workers and the devices
    // of sampling sites (a VENUE_DEVICE token bound to the site id) sample; labs send results. The
    // boards are for every console role; lists naming persons for those who act on them.
    g.put(MANAGE_TESTING, EnumSet.of(COMMAND_CENTRE));
    g.put(COLLECT_SAMPLES, EnumSet.of(COMMAND_CENTRE, COMMUNITY_WORKER, VENUE_DEVICE));
    g.put(REPORT_RESULTS, EnumSet.of(LAB));
    g.put(READ_TESTING, CONSOLE);
    g.put(READ_TESTING_PERSONS, EnumSet.of(COMMAND_CENTRE, INVESTIGATOR, COMMUNITY_WORKER));
    return g;
  }

  private final Map<Permission, Set<Role>> grants;
  private final List<Route> routes;

  /**
   * @param grants for each permission the roles that hold it; every permission must be present
   * @param routes API routes in matching order
   */
  public AccessPolicy(Map<Permission, Set<Role>> grants, List<Route> routes) {
    Map<Permission, Set<Role>> copy = new EnumMap<>(Permission.class);
    for (Permission p : Permission.values()) {
      Set<Role> roles = grants.get(p);
      if (roles == null) {
        throw new IllegalArgumentException("policy says nothing about permission " + p);
      }
      copy.put(p, roles.isEmpty() ? Collections.emptySet()
          : Collections.unmodifiableSet(EnumSet.copyOf(roles)));
    }
    this.grants = Collections.unmodifiableMap(copy);
    this.routes = List.copyOf(routes);
  }

  /** Whether {@code role} holds {@code permission}. */
  public boolean allows(Role role, Permission permission) {
    return grants.get(permission).contains(role);
  }

  /** The roles holding {@code permission}. */
  public Set<Role> roles(Permission permission) {
    return grants.get(permission);
  }

  /** API routes in matching order; the last one catches every other {@code /api/**} path. */
  public List<Route> routes() {
    return routes;
  }
}
