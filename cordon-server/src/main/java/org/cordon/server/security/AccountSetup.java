package org.cordon.server.security;

import java.util.List;
import org.cordon.core.place.DivisionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates accounts at start-up, never overwriting existing ones: the bootstrap administrator when
 * {@code cordon.security.bootstrap-admin.*} is set, and the demo accounts and demo device token when
 * {@code cordon.security.demo-users=true} (the device token once the application is ready). Without either, a fresh database has no account at all.
 */
@Component
public class AccountSetup implements ApplicationRunner {

  /** Password of every demo account. */
  public static final String DEMO_PASSWORD = "cordon-demo";
  /** Secret of the demo venue-device token. */
  public static final String DEMO_DEVICE_TOKEN = "demo-device-token";

  /** Venue of the demo device token when no venue is stored yet. */
  static final String FALLBACK_DEMO_VENUE = "DEMO-VENUE-1";

  private static final DivisionCode TAIYUAN = new DivisionCode("1401");
  /** 小店街道, a street of 小店区 (140105) in Taiyuan. */
  private static final DivisionCode XIAODIAN_STREET = new DivisionCode("140105006");

  private static final Logger log = LoggerFactory.getLogger(AccountSetup.class);

  private final CordonSecurityProperties properties;
  private final ConsoleUsers users;
  private final ApiTokens tokens;
  private final PasswordEncoder encoder;
  private final JdbcClient jdbc;
  private final String demoDeviceVenue;

  public AccountSetup(CordonSecurityProperties properties, ConsoleUsers users, ApiTokens tokens,
      PasswordEncoder encoder,
      JdbcClient jdbc, @Value("${cordon.security.demo-device-venue:}") String demoDeviceVenue) {
    this.properties = properties;
    this.users = users;
    this.tokens = tokens;
    this.encoder = encoder;
    this.jdbc = jdbc;
    this.demoDeviceVenue = demoDeviceVenue;
  }

  @Override
  public void run(ApplicationArguments args) {
    CordonSecurityProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
    if (admin != null && admin.username() != null && !admin.username().isBlank()) {
      createBootstrapAdmin(admin);
    }
    if (properties.demoUsers()) {
      createDemoAccounts();
    }
    if (users.count() == 0) {
      log.warn("No console account exists. Set cordon.security.bootstrap-admin.username, .password and "
          + ".jurisdiction (or CORDON_SECURITY_BOOTSTRAPADMIN_USERNAME, ..._PASSWORD, "
          + "..._JURISDICTION) to create a first COMMAND_CENTRE account.");
    }
  }

  private void createBootstrapAdmin(CordonSecurityProperties.BootstrapAdmin admin) {
    if (admin.password() == null || admin.password().length() < 12) {
      throw new IllegalStateException(
          "cordon.security.bootstrap-admin.password must have at least 12 characters");
    }
    if (admin.jurisdiction() == null) {
      throw new IllegalStateException("cordon.security.bootstrap-admin.jurisdiction is required "
          + "(a division code such as 1401)");
    }
    String display = admin.displayName() == null ? admin.username() : admin.displayName();
    if (users.createIfAbsent(new ConsoleUser(admin.username(), display,
        encoder.encode(admin.password()), Role.COMMAND_CENTRE,
        DivisionCode.of(admin.jurisdiction()), true))) {
      log.info("Created bootstrap administrator '{}' (COMMAND_CENTRE, {})", admin.username(),
          admin.jurisdiction());
    }
  }

  private void createDemoAccounts() {
    record Demo(String username, String displayName, Role role, DivisionCode jurisdiction) {
    }
    List<Demo> demos = List.of(
        new Demo("command", "指挥中心 Command centre", Role.COMMAND_CENTRE, TAIYUAN),
        new Demo("investigator", "流调员 Investigator", Role.INVESTIGATOR, TAIYUAN),
        new Demo("community", "社区工作者 Community worker", Role.COMMUNITY_WORKER, XIAODIAN_STREET),
        new Demo("facility", "隔离点负责人 Facility manager", Role.FACILITY_MANAGER, TAIYUAN),
        new Demo("lab", "检测机构 Lab", Role.LAB, TAIYUAN));
    for (Demo d : demos) {
      if (users.createIfAbsent(new ConsoleUser(d.username(), d.displayName(),
          encoder.encode(DEMO_PASSWORD), d.role(), d.jurisdiction(), true))) {
        log.info("Created demo account '{}' ({}, {})", d.username(), d.role(), d.jurisdiction());
      }
    }
  }

  /**
   * The demo device token, bound to {@code cordon.security.demo-device-venue} or, when that is blank,
   * to the first venue of the demo city. It waits for the application to be ready because the demo city
   * is loaded by another start-up runner.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void createDemoDeviceToken() {
    if (!properties.demoUsers()) {
      return;
    }
    String venue = demoDeviceVenue == null || demoDeviceVenue.isBlank()
        ? jdbc.sql("select venue_id from venue where " + Jurisdiction.predicate("division")
                + " order by venue_id limit 1")
            .param(new Jurisdiction(TAIYUAN).likePattern()).query(String.class).optional()
            .orElse(FALLBACK_DEMO_VENUE)
        : demoDeviceVenue.strip();
    if (tokens.storeIfAbsent("demo venue device", Role.VENUE_DEVICE, TAIYUAN, venue, "demo",
        DEMO_DEVICE_TOKEN).isPresent()) {
      log.info("Created demo device token '{}' bound to venue {}", DEMO_DEVICE_TOKEN, venue);
    }
  }
}
