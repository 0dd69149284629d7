package org.cordon.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cordon.demo.*}: whether {@code serve --demo} loads a synthetic city on first start, and how
 * big. The city's days end today, cut at the moment of loading, so the dashboard has scans today.
 */
@ConfigurationProperties("cordon.demo")
public record DemoProperties(boolean enabled, Integer persons, Integer days, Long seed,
    String division) {

  public DemoProperties {
    persons = persons == null ? 10_000 : persons;
    days = days == null ? 14 : days;
    seed = seed == null ? 2022L : seed;
    division = division == null ? "140100" : division;
  }
}
