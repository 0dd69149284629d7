package org.cordon.server.security;

import java.util.List;
import org.cordon.core.place.DivisionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates accounts at start-up, never overwriting existing ones: the bootstrap administrator when
 * {@code cordon.security.bootstrap-admin.*} is set, and the demo accounts and demo device token when
 * {@code cordon.security.demo-users=true}. Without either, a fresh database has no account at all.
 */
@Component
public class AccountSetup implements ApplicationRunner {

  /** Password of every demo account. */
  public static final String DEMO_PASSWORD = "cordon-demo";
  /** Secret of the demo venue-device token. */
  public static final String DEMO_DEVICE_TOKEN = "demo-device-token";

  private static final DivisionCode TAIYUAN = new DivisionCode("1401");
  /** 小店街道, a street of 小店区 (140105) in Taiyuan. */
  private static final DivisionCode XIAODIAN_STREET = new DivisionCode("140105006");

  private static final Logger log = LoggerFactory.getLogger(AccountSetup.class);

  private final CordonSecurityProperties properties;
  private final ConsoleUsers users;
  private final ApiTokens tokens;
  private final PasswordEncoder encoder;
  private final String demoDeviceVenue;

  public AccountSetup(CordonSecurityProperties properties, ConsoleUsers users, ApiTokens tokens,
      PasswordEncoder encoder,
      @Value("${cordon.security.demo-device-venue:DEMO-VENUE-1}") String demoDeviceVenue) {
    this.properties = properties;
    this.users = users;
    this.tokens = tokens;
    this.encoder = encoder;
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
    tokens.storeIfAbsent("demo venue device", Role.VENUE_DEVICE, TAIYUAN, demoDeviceVenue, "demo",
        DEMO_DEVICE_TOKEN);
  }
}
