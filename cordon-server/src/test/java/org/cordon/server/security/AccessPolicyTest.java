package org.cordon.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessPolicyTest {

  /**
   * The expected policy, written out role by role (not derived from the implementation): C command
   * centre, I investigator, W community worker, F facility manager, L lab, D venue device, R resident.
   */
  static Stream<Arguments> grants() {
    return Stream.of(
        Arguments.of(Permission.INTAKE, "CI"),
        Arguments.of(Permission.SEND_SCAN_EVENTS, "CID"),
        Arguments.of(Permission.READ_PERSONS, "CIWF"),
        Arguments.of(Permission.SEE_FULL_IDENTITY_NUMBER, "I"),
        Arguments.of(Permission.SEE_FULL_PHONE, "IW"),
        Arguments.of(Permission.READ_DASHBOARD, "CIWF"),
        Arguments.of(Permission.USE_CONSOLE, "CIWF"),
        Arguments.of(Permission.MANAGE_TOKENS, "C"),
        Arguments.of(Permission.READ_AUDIT, "C"),
        Arguments.of(Permission.CONFIRM_CASES, "CI"),
        Arguments.of(Permission.READ_CASES, "CI"),
        Arguments.of(Permission.READ_CASE_CONTACTS, "CIW"),
        Arguments.of(Permission.READ_HEALTH_CODES, "CIWFR"),
        Arguments.of(Permission.RECORD_HEALTH_FACTS, "CL"),
        Arguments.of(Permission.SWITCH_HEALTH_CODE_POLICY, "C"),
        Arguments.of(Permission.CHECK_ENTRIES, "D"),
        Arguments.of(Permission.RESIDENT_SELF, "R"),
        Arguments.of(Permission.FOLLOW_UP, "CIW"),
        Arguments.of(Permission.ASSIST_REQUESTS, "CI"),
        Arguments.of(Permission.MANAGE_TESTING, "C"),
        Arguments.of(Permission.COLLECT_SAMPLES, "CWD"),
        Arguments.of(Permission.REPORT_RESULTS, "L"),
        Arguments.of(Permission.READ_TESTING, "CIWF"),
        Arguments.of(Permission.READ_TESTING_PERSONS, "CIW"));
  }

  private static final Map<Character, Role> LETTERS = Map.of('C', Role.COMMAND_CENTRE,
      'I', Role.INVESTIGATOR, 'W', Role.COMMUNITY_WORKER, 'F', Role.FACILITY_MANAGER,
      'L', Role.LAB, 'D', Role.VENUE_DEVICE, 'R', Role.RESIDENT);

  @ParameterizedTest(name = "{0} is held by {1}")
  @MethodSource("grants")
  void grantsEachPermissionToExactlyTheExpectedRoles(Permission permission, String holders) {
    for (Role role : Role.values()) {
      boolean expected = holders.chars().anyMatch(c -> LETTERS.get((char) c) == role);
      assertThat(AccessPolicy.STANDARD.allows(role, permission))
          .as("%s holds %s", role, permission).isEqualTo(expected);
    }
  }

  @Test
  void theTableAboveCoversEveryPermission() {
    assertThat(grants().map(a -> a.get()[0])).containsExactlyInAnyOrder(
        (Object[]) Permission.values());
  }

  @Test
  void routesEndWithACatchAllForTheRestOfTheApi() {
    var routes = AccessPolicy.STANDARD.routes();
    assertThat(routes.get(routes.size() - 1).pattern()).isEqualTo("/api/**");
    // The device's scan route must come before the general intake route, or devices are shut out.
    assertThat(routes.get(0).pattern()).isEqualTo("/api/intake/scans/events");
  }

  @Test
  void theDivisionTreeAndOnesOwnAccountNeedOnlyAnAuthenticatedCaller() {
    assertThat(AccessPolicy.STANDARD.routes().stream().filter(r -> r.permission() == null)
        .map(AccessPolicy.Route::pattern)).containsExactlyInAnyOrder("/api/auth/**", "/api/divisions/**");
  }

  @Test
  void refusesAPolicyThatForgetsAPermission() {
    Map<Permission, Set<Role>> partial = new EnumMap<>(Permission.class);
    partial.put(Permission.INTAKE, EnumSet.of(Role.COMMAND_CENTRE));
    assertThatThrownBy(() -> new AccessPolicy(partial, java.util.List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("says nothing about permission");
  }

  @Test
  void parsesRolesCaseInsensitivelyAndNamesTheValidOnes() {
    assertThat(Role.parse("venue_device")).isEqualTo(Role.VENUE_DEVICE);
    assertThatThrownBy(() -> Role.parse("ADMIN")).hasMessageContaining("COMMAND_CENTRE");
  }
}
